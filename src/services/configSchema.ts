/**
 * The settings of ARCHITECTURE.md that are not one provider's, read into one typed object (each
 * provider's section is read by its own reader, named in its descriptor). Pure: `parseConfig`
 * takes a getter so it runs in plain Node; `services/config.ts` feeds it from `vscode.workspace`.
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
  /** Send images to cloud providers with their metadata (EXIF, GPS, XMP…); off: it is removed first. */
  keepMetadata: boolean;
}

export const CONFIG_DEFAULTS: ImageInsightConfig = {
  provider: 'local',
  languages: ['*'],
  timeoutSeconds: 60,
  maxFileSizeMB: 50,
  confidenceThreshold: 60,
  keepMetadata: false,
};

/** Reads one setting below `imageInsight.` (e.g. `yandex.endpoint`); undefined when unset. */
export type SettingGetter = (key: string) => unknown;

/**
 * Typed readers over one getter; a value of the wrong type, or out of range, reads as the
 * fallback. Each provider's settings reader (`providers/<id>/<id>Settings.ts`) uses them too.
 */
export function settingReaders(get: SettingGetter) {
  return {
    /** A trimmed string; an empty one reads as the fallback when `nonEmpty`. */
    str: (key: string, fallback: string, nonEmpty = false): string => {
      const value = get(key);
      const text = typeof value === 'string' ? value.trim() : fallback;
      return nonEmpty && text === '' ? fallback : text;
    },
    oneOf: <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
      const value = get(key);
      return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
    },
    num: (key: string, fallback: number, min: number, max: number): number => {
      const value = get(key);
      return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
    },
    bool: (key: string, fallback: boolean): boolean => {
      const value = get(key);
      return typeof value === 'boolean' ? value : fallback;
    },
  };
}

/** The settings every provider shares; each provider reads its own section itself. */
export function parseConfig(get: SettingGetter): ImageInsightConfig {
  const d = CONFIG_DEFAULTS;
  const { str, num, bool } = settingReaders(get);
  return {
    provider: str('provider', d.provider, true),
    languages: parseLanguages(get('languages')),
    timeoutSeconds: num('request.timeoutSeconds', d.timeoutSeconds, 1, 600),
    maxFileSizeMB: num('maxFileSizeMB', d.maxFileSizeMB, 1, 1024),
    confidenceThreshold: num('results.confidenceThreshold', d.confidenceThreshold, 0, 100),
    keepMetadata: bool('keepMetadata', d.keepMetadata),
  };
}

/** `imageInsight.request.concurrency`: a cloud provider's requests in flight at once, across every analysis of the window. */
export function readConcurrency(get: SettingGetter): number {
  return Math.round(settingReaders(get).num('request.concurrency', 4, 1, 16));
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
