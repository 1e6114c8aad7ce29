import { createHash } from 'node:crypto';
import { readGoogleSettings } from '../providers/google/googleSettings';
import { readLocalSettings } from '../providers/local/localSettings';
import { readSmartySettings } from '../providers/smarty/smartySettings';
import { readYandexSettings } from '../providers/yandex/yandexSettings';
import { parseConfig, type SettingGetter } from '../services/configSchema';
import type { FeatureId } from '../shared/analysisResult';

/**
 * The results cache's key (issue 16): what a provider's answer depends on, hashed. Two analyses
 * with the same key would get the same answer, so the second may be served from the cache; any
 * input that could change the answer must be in it, and nothing that cannot (or every change of
 * a timeout would empty the cache). Credentials never are: they decide whether there is an
 * answer, not what it says, and they live in SecretStorage, which nothing here reads.
 */

/** A setting's value as it goes into a key. */
export type AnswerSetting = string | number | boolean;

/** The settings that change one provider's answer, by their key below `imageInsight.`. */
export type AnswerSettings = Record<string, AnswerSetting>;

/**
 * The settings that change what `providerId` answers for `features`, read through the providers'
 * own typed readers (so an unset setting and one set to its default give the same key).
 * `undefined`: the answer must not be cached at all —
 * - **Smarty `persons`**: a recognize says who, of the persons enrolled in the space *now*, is in
 *   the picture. Enrolling, renaming or deleting a person (from this window, another one, another
 *   machine, or the VK Cloud console) changes that answer for the very same image and settings,
 *   and nothing tells us when it happened: no setting or key input can stand for the space's
 *   contents, so a cached recognize could name a deleted person or miss a new one. Recognize
 *   Persons always asks. (Smarty's `text` and `labels` do not depend on the space and are cached.)
 * - **a provider another extension registered**: we cannot know its settings.
 *
 * Copy search (`copies`) is cached although the web changes too: it drifts slowly and on no
 * action of the user's, and the panel says when a cached result was made; a person enrolled a
 * minute ago is exactly what the next recognize is expected to find.
 *
 * Endpoints are in: an emulator, a proxy or a regional endpoint may answer differently from the
 * service. `keepMetadata` is in for the clouds: it changes the bytes sent (an EXIF orientation
 * travels or not). Not in: timeouts and size limits of the file read (no answer changes, there
 * is one or none), folder and project ids (billing, not the model), token endpoints and OAuth
 * kinds (authentication), and `local.languageDataUrl` (the language data is pinned by checksum to
 * one version wherever it comes from, and a mirror's address may carry an access token).
 */
export function answerSettings(providerId: string, setting: SettingGetter, features: readonly FeatureId[]): AnswerSettings | undefined {
  const text = features.includes('text');
  const keepMetadata = parseConfig(setting).keepMetadata;
  switch (providerId) {
    case 'local': {
      // Offline: the file is read as it is, metadata and all, whatever keepMetadata says.
      const s = readLocalSettings(setting);
      return { 'local.pageSegmentation': s.pageSegmentation, 'local.codeMode': s.codeMode, 'local.preprocess': s.preprocess };
    }
    case 'yandex': {
      const s = readYandexSettings(setting);
      const viaOcr = text && s.textApi === 'ocr';
      // Text goes to the OCR API (textApi "ocr") or with the rest to batchAnalyze ("vision").
      const usesVision = features.some((f) => f !== 'text') || (text && !viaOcr);
      return {
        keepMetadata,
        ...(usesVision ? { 'yandex.endpoint': endpoint(s.endpoint) } : {}),
        ...(viaOcr ? { 'yandex.ocrEndpoint': endpoint(s.ocrEndpoint) } : {}),
        ...(text ? { 'yandex.textApi': s.textApi, 'yandex.textModel': s.textModel } : {}),
        ...(features.includes('labels') ? { 'yandex.classificationModel': s.classificationModel } : {}),
      };
    }
    case 'google': {
      const s = readGoogleSettings(setting);
      return {
        keepMetadata,
        'google.endpoint': endpoint(s.endpoint),
        // A location is another method (data residency), which may run another build of the model.
        'google.location': s.location,
        ...(text ? { 'google.textFeature': s.textFeature } : {}),
      };
    }
    case 'smarty': {
      if (features.includes('persons')) return undefined;
      const s = readSmartySettings(setting);
      // maxImageMB decides how far an image is scaled down before it is sent, so what is read.
      return { keepMetadata, 'smarty.endpoint': endpoint(s.endpoint), 'smarty.maxImageMB': s.maxImageMB };
    }
    default:
      return undefined;
  }
}

/** Everything a key is made of. */
export interface CacheKeyInput {
  /** The SHA-256 (hex) of the image file's bytes: `contentHash`, as the result's `image.sha256`. */
  sha256: string;
  provider: string;
  features: readonly FeatureId[];
  /** The languages asked for (the request's, or `imageInsight.languages`); they matter only for text. */
  languages: readonly string[];
  /** `answerSettings(...)` for this provider and these features. */
  settings: AnswerSettings;
  /** The extension's version: a new engine or parser may answer differently for the same input. */
  version: string;
}

/** The key: SHA-256 (hex) over a canonical JSON of the input, so that equal inputs give equal keys. */
export function cacheKey(input: CacheKeyInput): string {
  const canonical = {
    sha256: input.sha256.toLowerCase(),
    provider: input.provider,
    features: [...new Set(input.features)].sort(),
    // Order kept: the first language is the main one for some engines (tesseract's `rus+eng`).
    languages: input.features.includes('text') ? input.languages.map((l) => l.trim()) : [],
    settings: input.settings,
    version: input.version,
  };
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
}

/**
 * The key of an analysis, or `undefined` when its answer must not be cached (`answerSettings`).
 * `setting` reads `imageInsight.<key>` as it is now.
 */
export function analysisCacheKey(
  request: Omit<CacheKeyInput, 'settings'>,
  setting: SettingGetter,
): string | undefined {
  const settings = answerSettings(request.provider, setting, request.features);
  return settings && cacheKey({ ...request, settings });
}

/** The SHA-256 (hex) of a file's bytes: the same hash the image runner puts in `image.sha256`. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with every object's keys sorted, so that the order settings were read in does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Endpoints as the providers use them: `https://host/` and `https://host` are the same service. */
function endpoint(value: string): string {
  return value.replace(/\/+$/, '');
}
