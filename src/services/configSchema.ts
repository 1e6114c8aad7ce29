/**
 * The settings of ARCHITECTURE.md, read into one typed object. Pure: `parseConfig` takes a
 * getter so it runs in plain Node; `services/config.ts` feeds it from `vscode.workspace`.
 * Values of the wrong type fall back to the default: a hand-edited settings.json must not crash
 * the extension.
 */

export interface ImageInsightConfig {
  provider: string;
  languages: string[];
  timeoutSeconds: number;
  maxFileSizeMB: number;
  /** Words below this confidence (percent) are dimmed in the results panel. */
  confidenceThreshold: number;
  local: {
    /** Tesseract page segmentation mode: 3 automatic (the command-line default), 4, 6, 7, 11. */
    pageSegmentation: number;
    /** No dictionary correction, spaces kept: for screenshots of code. */
    codeMode: boolean;
    /** Where languages other than English are downloaded from (`{lang}` = tesseract code). */
    languageDataUrl: string;
  };
  yandex: {
    endpoint: string;
    ocrEndpoint: string;
    folderId: string;
    textApi: 'ocr' | 'vision';
    textModel: string;
    classificationModel: 'quality' | 'moderation';
  };
  google: {
    endpoint: string;
    location: '' | 'us' | 'eu' | 'asia';
    projectId: string;
    textFeature: 'TEXT_DETECTION' | 'DOCUMENT_TEXT_DETECTION';
  };
  smarty: {
    endpoint: string;
    tokenEndpoint: string;
    oauthProvider: 'mcs' | 'mr';
    space: string;
    /** Smarty's per-image limit, in MB: it changed from 4 to 15 in 2023. */
    maxImageMB: number;
  };
}

export const CONFIG_DEFAULTS: ImageInsightConfig = {
  provider: 'local',
  languages: ['*'],
  timeoutSeconds: 60,
  maxFileSizeMB: 50,
  confidenceThreshold: 60,
  local: { pageSegmentation: 3, codeMode: false, languageDataUrl: 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/{lang}/4.0.0_best_int/' },
  yandex: {
    endpoint: 'https://vision.api.cloud.yandex.net',
    ocrEndpoint: 'https://ocr.api.cloud.yandex.net',
    folderId: '',
    textApi: 'ocr',
    textModel: 'page',
    classificationModel: 'quality',
  },
  google: { endpoint: 'https://vision.googleapis.com', location: '', projectId: '', textFeature: 'DOCUMENT_TEXT_DETECTION' },
  smarty: {
    endpoint: 'https://smarty.mail.ru',
    tokenEndpoint: 'https://mcs.mail.ru/auth/oauth/v1/token',
    oauthProvider: 'mcs',
    space: '0',
    maxImageMB: 15,
  },
};

/** Reads one setting below `imageInsight.` (e.g. `yandex.endpoint`); undefined when unset. */
export type SettingGetter = (key: string) => unknown;

const TEXT_MODELS = ['page', 'page-column-sort', 'handwritten', 'table', 'markdown', 'math-markdown', 'line'];
const SPACES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** `imageInsight.local.pageSegmentation` → tesseract's page segmentation modes. */
const PAGE_SEGMENTATION = { auto: 3, singleColumn: 4, singleBlock: 6, singleLine: 7, sparse: 11 } as const;
const PAGE_SEGMENTATION_NAMES = Object.keys(PAGE_SEGMENTATION) as Array<keyof typeof PAGE_SEGMENTATION>;

export function parseConfig(get: SettingGetter): ImageInsightConfig {
  const d = CONFIG_DEFAULTS;
  const str = (key: string, fallback: string): string => {
    const value = get(key);
    return typeof value === 'string' ? value.trim() : fallback;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = get(key);
    return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  };
  const num = (key: string, fallback: number, min: number, max: number): number => {
    const value = get(key);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  };
  const provider = str('provider', d.provider);
  return {
    provider: provider === '' ? d.provider : provider,
    languages: parseLanguages(get('languages')),
    timeoutSeconds: num('request.timeoutSeconds', d.timeoutSeconds, 1, 600),
    maxFileSizeMB: num('maxFileSizeMB', d.maxFileSizeMB, 1, 1024),
    confidenceThreshold: num('results.confidenceThreshold', d.confidenceThreshold, 0, 100),
    local: {
      pageSegmentation: PAGE_SEGMENTATION[oneOf('local.pageSegmentation', PAGE_SEGMENTATION_NAMES, 'auto')],
      codeMode: get('local.codeMode') === true,
      languageDataUrl: str('local.languageDataUrl', d.local.languageDataUrl) || d.local.languageDataUrl,
    },
    yandex: {
      endpoint: str('yandex.endpoint', d.yandex.endpoint) || d.yandex.endpoint,
      ocrEndpoint: str('yandex.ocrEndpoint', d.yandex.ocrEndpoint) || d.yandex.ocrEndpoint,
      folderId: str('yandex.folderId', ''),
      textApi: oneOf('yandex.textApi', ['ocr', 'vision'], d.yandex.textApi),
      textModel: oneOf('yandex.textModel', TEXT_MODELS, d.yandex.textModel),
      classificationModel: oneOf('yandex.classificationModel', ['quality', 'moderation'], d.yandex.classificationModel),
    },
    google: {
      endpoint: str('google.endpoint', d.google.endpoint) || d.google.endpoint,
      location: oneOf('google.location', ['', 'us', 'eu', 'asia'], d.google.location),
      projectId: str('google.projectId', ''),
      textFeature: oneOf('google.textFeature', ['TEXT_DETECTION', 'DOCUMENT_TEXT_DETECTION'], d.google.textFeature),
    },
    smarty: {
      endpoint: str('smarty.endpoint', d.smarty.endpoint) || d.smarty.endpoint,
      tokenEndpoint: str('smarty.tokenEndpoint', d.smarty.tokenEndpoint) || d.smarty.tokenEndpoint,
      oauthProvider: oneOf('smarty.oauthProvider', ['mcs', 'mr'], d.smarty.oauthProvider),
      space: oneOf('smarty.space', SPACES, d.smarty.space),
      maxImageMB: num('smarty.maxImageMB', d.smarty.maxImageMB, 1, 100),
    },
  };
}

/** Lower-cased, de-duplicated ISO codes; `*` alone means "detect"; nothing valid → `['*']`. */
export function parseLanguages(value: unknown): string[] {
  if (!Array.isArray(value)) return ['*'];
  const codes = value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v === '*' || /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/.test(v));
  if (codes.length === 0 || codes.includes('*')) return ['*'];
  return [...new Set(codes)];
}

/**
 * Why an endpoint setting cannot be used, or undefined when it can. Plain http is allowed only
 * to this machine (local emulators, a local proxy): anything else would send images and keys
 * unencrypted.
 */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash) return 'must not contain a query or fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return url.protocol === 'http:' ? 'plain http is allowed only to localhost' : `unsupported scheme ${url.protocol}`;
}

/** This machine's own addresses: the only hosts plain http may go to. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
