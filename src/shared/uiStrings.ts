import type { Localize } from './localize';

/**
 * The results panel's user-interface strings. The host translates them (`vscode.l10n` is not
 * available in a webview) and sends them with every `show`; `{0}` placeholders are filled in
 * the webview with `formatUi`.
 */
export function uiStrings(t: Localize) {
  return {
    boxes: t('Boxes'),
    blocks: t('Blocks'),
    lines: t('Lines'),
    words: t('Words'),
    zoomIn: t('Zoom in'),
    zoomOut: t('Zoom out'),
    zoomFit: t('Fit to window'),
    zoomActual: t('Actual size (100 %)'),
    copyAll: t('Copy All'),
    insertText: t('Insert Text'),
    copyTable: t('Copy as Table'),
    insertTable: t('Insert as Markdown Table'),
    openText: t('Open as Text'),
    openJson: t('Open JSON'),
    copyJson: t('Copy JSON'),
    tabFindings: t('Findings'),
    tabJson: t('JSON'),
    sectionText: t('Text ({0})'),
    sectionFaces: t('Faces ({0})'),
    sectionClassification: t('Classification ({0})'),
    sectionLabels: t('Labels ({0})'),
    sectionSafeSearch: t('Safe search ({0})'),
    sectionObjects: t('Objects ({0})'),
    sectionCopies: t('Image copies ({0})'),
    sectionLogos: t('Logos ({0})'),
    sectionLandmarks: t('Landmarks ({0})'),
    sectionCropHints: t('Crop hints ({0})'),
    sectionWebEntities: t('Web entities ({0})'),
    sectionColors: t('Dominant colours ({0})'),
    colorShare: t('{0} % of the picture, score {1}'),
    bestGuess: t('Best guess: {0}'),
    webImages: t('Matching images ({0})'),
    matchFull: t('full match'),
    matchPartial: t('partial match'),
    matchSimilar: t('visually similar'),
    openMap: t('Open in map'),
    angles: t('roll {0}°, pan {1}°, tilt {2}°'),
    copiesTotal: t('{0} copies on the web'),
    searchJson: t('Search the JSON'),
    searchMatches: t('{0} of {1}'),
    searchNone: t('No matches'),
    confidence: t('{0} % confidence'),
    edited: t('corrected'),
    regionHint: t('Drag over the image to select a region; Escape clears it. Double-click a word to correct it.'),
    region: t('Region: {0} words'),
    clearRegion: t('Clear selection'),
    openPage: t('Open page'),
    openImage: t('Open image'),
    face: t('Face {0}'),
    person: t('{0} ({1} % similar)'),
    age: t('age {0}'),
    problems: t('The provider reported a problem; the findings below may be incomplete:'),
    nothingFound: t('Nothing was found in this image.'),
    noImage: t('This image cannot be shown here; its findings are listed beside it.'),
    editWord: t('Correct the word, then press Enter (Escape cancels)'),
    copy: t('Copy'),
    enrollFace: t('Enroll as Person…'),
    enrollNew: t('Enroll as New Person…'),
    preparedNote: t('Read after preparing the page: {0}'),
    preparedTurned: t('turned {0}°'),
    preparedDeskewed: t('deskewed {0}°'),
    preparedScaled: t('scaled {0}×'),
    preparedLight: t('light evened'),
    preparedSmoothed: t('grain smoothed'),
    fromCache: t('From the results cache: analyzed {0}. Run the command again after "Clear Results Cache" for a fresh analysis.'),
  };
}

export type UiStrings = ReturnType<typeof uiStrings>;
export type UiStringKey = keyof UiStrings;

/** Every key, for the runtime check of a `show` message. */
export const UI_STRING_KEYS = Object.keys(uiStrings((message) => message)) as UiStringKey[];

/** Fills `{0}`-style placeholders. */
export function formatUi(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
