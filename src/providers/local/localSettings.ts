import { settingReaders, type SettingGetter } from '../../services/configSchema';

/**
 * The public default for `imageInsight.local.languageDataUrl`: the tessdata_best int models on npm,
 * at the exact package version (`@1.0.0` = `LANGUAGE_DATA_VERSION` in languageHashes.ts, whose
 * checksums describe that version's files). Without a version the CDN serves whatever is latest,
 * and a new release of the data would fail its pinned checksum — or, unpinned, change under us.
 * A literal (package.json's default must equal it; a unit test ties it to the version).
 */
export const DEFAULT_LANGUAGE_DATA_URL = 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/{lang}@1.0.0/4.0.0_best_int/';

/** `imageInsight.local.pageSegmentation` → tesseract's page segmentation modes. */
const PAGE_SEGMENTATION = { auto: 3, singleColumn: 4, singleBlock: 6, singleLine: 7, sparse: 11 } as const;
const PAGE_SEGMENTATION_NAMES = Object.keys(PAGE_SEGMENTATION) as Array<keyof typeof PAGE_SEGMENTATION>;

/** The `imageInsight.local.*` settings. */
export interface LocalSettings {
  /** Tesseract page segmentation mode: 3 automatic (the command-line default), 4, 6, 7, 11. */
  pageSegmentation: number;
  /** No dictionary correction, spaces kept: for screenshots of code. */
  codeMode: boolean;
  /** Where languages other than English are downloaded from (`{lang}` = tesseract code). */
  languageDataUrl: string;
  /** Turn, deskew, scale and even the light of a page before reading it (off: as the CLI reads it). */
  preprocess: boolean;
  /** Engine threads reading images at once; 0: one fewer than the cores, 1 to 4. */
  workers: number;
}

export function readLocalSettings(get: SettingGetter): LocalSettings {
  const { str, oneOf, bool, num } = settingReaders(get);
  return {
    pageSegmentation: PAGE_SEGMENTATION[oneOf('local.pageSegmentation', PAGE_SEGMENTATION_NAMES, 'auto')],
    codeMode: bool('local.codeMode', false),
    languageDataUrl: str('local.languageDataUrl', DEFAULT_LANGUAGE_DATA_URL, true),
    preprocess: bool('local.preprocess', true),
    workers: Math.round(num('local.workers', 0, 0, 8)),
  };
}
