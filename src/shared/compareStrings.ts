import type { Localize } from './localize';

/**
 * The Compare Providers panel's strings, translated by the host (`vscode.l10n` is not available in
 * a webview) and sent with the comparison; `{0}` placeholders are filled in with `formatUi`.
 */
export function compareStrings(t: Localize) {
  return {
    zoomIn: t('Zoom in'),
    zoomOut: t('Zoom out'),
    zoomFit: t('Fit to window'),
    zoomActual: t('Actual size (100 %)'),
    counts: t('Words: {0} · Lines: {1} · Faces: {2} · Labels: {3}'),
    timings: t('Time: prepare {0} ms · request {1} ms · parse {2} ms · total {3} ms'),
    failedAfter: t('No result after {0} ms:'),
    problems: t('The provider reported a problem; the findings below may be incomplete:'),
    noImage: t('This image cannot be shown here; its findings are listed beside it.'),
    pictureLabel: t('The words {0} read, those that differ marked'),
    openResult: t('Open in Results Panel'),
    copyText: t('Copy Text'),
    diffTitle: t('Text differences'),
    diffSummary: t('{0} % alike: {1} words the same, {2} read differently, {3} only in {4}, {5} only in {6}.'),
    diffLegend: t('Struck through: as {0} read it. Underlined: as {1} read it. Point at a word to find it in the pictures.'),
    noDiff: t('No text to compare: a provider gave no result, or the text was not asked for.'),
    sameText: t('Both read the same words.'),
  };
}

export type CompareStrings = ReturnType<typeof compareStrings>;

/** Every key, for the runtime check of a `compare` message. */
export const COMPARE_STRING_KEYS = Object.keys(compareStrings((message) => message)) as Array<keyof CompareStrings>;
