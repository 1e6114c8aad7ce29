import type { FeatureId } from '../../shared/analysisResult';

/**
 * Yandex Vision requests, built as the docs describe (PROVIDERS.md §1, seeds 000–002). Pure: the
 * HTTP client sends what these return. Field names are camelCase (the server also takes
 * snake_case; camelCase is what it documents for JSON).
 */

/** What batchAnalyze can be asked, by our feature ids. */
export const BATCH_FEATURES: Partial<Record<FeatureId, string>> = {
  text: 'TEXT_DETECTION',
  labels: 'CLASSIFICATION',
  faces: 'FACE_DETECTION',
  copies: 'IMAGE_COPY_SEARCH',
};

/** The API's own limits on one request. */
export const MAX_SPECS = 8;
export const MAX_FEATURES = 8;
export const MAX_LANGUAGE_CODES = 8;

export type YandexCredentials = { apiKey: string } | { iamToken: string };

export interface BatchImage {
  /** The image's bytes, base64. */
  content: string;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
}

export interface BatchOptions {
  features: FeatureId[];
  /** `imageInsight.languages`: ISO 639-1 codes or `*`. */
  languages: string[];
  textModel: 'page' | 'line';
  classificationModel: 'quality' | 'moderation';
  /** Needed with an IAM token, never sent with an API key. */
  folderId?: string;
}

/** Language codes as the API takes them: 1–8 codes of ≤ 3 characters, `*` alone for "any". */
export function languageCodes(languages: string[]): string[] {
  const codes = [...new Set(languages.map((l) => l.trim().toLowerCase().split(/[-_]/)[0] ?? ''))].filter((c) => c === '*' || /^[a-z]{2,3}$/.test(c));
  if (codes.length === 0 || codes.includes('*')) return ['*'];
  return codes.slice(0, MAX_LANGUAGE_CODES);
}

/** One analyzeSpec's features, with the configuration each needs. */
function featureSpecs(options: BatchOptions): Array<Record<string, unknown>> {
  return options.features.flatMap((feature) => {
    const type = BATCH_FEATURES[feature];
    if (!type) return [];
    if (feature === 'text') return [{ type, textDetectionConfig: { languageCodes: languageCodes(options.languages), model: options.textModel } }];
    if (feature === 'labels') return [{ type, classificationConfig: { model: options.classificationModel } }];
    return [{ type }];
  });
}

/**
 * batchAnalyze bodies for several images: at most 8 images per request (one analyzeSpec each,
 * every feature in one spec), so 11 images make two requests. `results[i]` of each answer
 * belongs to `images[i]` of its request.
 */
export function buildBatchAnalyze(images: BatchImage[], options: BatchOptions, credentials: YandexCredentials): Array<{ body: Record<string, unknown>; images: number[] }> {
  const features = featureSpecs(options);
  if (features.length === 0 || features.length > MAX_FEATURES) throw new RangeError(`batchAnalyze takes 1–${MAX_FEATURES} features, not ${features.length}`);
  const requests: Array<{ body: Record<string, unknown>; images: number[] }> = [];
  for (let start = 0; start < images.length; start += MAX_SPECS) {
    const chunk = images.slice(start, start + MAX_SPECS);
    const body: Record<string, unknown> = {
      ...('iamToken' in credentials && options.folderId ? { folderId: options.folderId } : {}),
      analyzeSpecs: chunk.map((image) => ({ content: image.content, mimeType: image.mime, features })),
    };
    requests.push({ body, images: chunk.map((_, i) => start + i) });
  }
  return requests;
}

/** The OCR API's request (recognizeText): one image or PDF. */
export function buildRecognizeText(image: BatchImage, languages: string[], model: string): Record<string, unknown> {
  const mimeType = image.mime === 'image/png' ? 'PNG' : image.mime === 'image/jpeg' ? 'JPEG' : 'application/pdf';
  let codes = languageCodes(languages);
  // handwritten and table take only explicit Russian and/or English.
  if (model === 'handwritten' || model === 'table') {
    const explicit = codes.filter((c) => c === 'ru' || c === 'en');
    codes = explicit.length > 0 ? explicit : ['ru', 'en'];
  }
  return { mimeType, languageCodes: codes, model, content: image.content };
}

/**
 * Headers: the key in `Authorization` (never in the URL), the folder for the OCR API, and
 * `x-data-logging-enabled: false` on both APIs so that Yandex does not keep users' images. The
 * docs beside the product (PROVIDERS.md) name the header for the OCR API; Yandex Cloud documents
 * it as a header of its AI services' requests in general, and a server that does not know it
 * ignores it, so batchAnalyze gets it too.
 */
export function yandexHeaders(credentials: YandexCredentials, api: 'vision' | 'ocr', folderId?: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: 'apiKey' in credentials ? `Api-Key ${credentials.apiKey}` : `Bearer ${credentials.iamToken}`,
    'x-data-logging-enabled': 'false',
  };
  if (api === 'ocr' && 'iamToken' in credentials && folderId) headers['x-folder-id'] = folderId;
  return headers;
}
