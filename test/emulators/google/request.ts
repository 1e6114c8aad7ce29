/**
 * Checks a BatchAnnotateImagesRequest the way the API does (PROVIDERS.md §2, the protos):
 * 1–16 requests, each with an image (base64 `content`) and 1+ features of the Feature.Type enum,
 * a JSON body ≤ 10 MB. A violation is a request-level 400 naming the field, as Google's are.
 */
import { decodeBase64 } from '../yandex/image';
import { invalid } from './status';

export const FEATURE_TYPES = [
  'FACE_DETECTION', 'LANDMARK_DETECTION', 'LOGO_DETECTION', 'LABEL_DETECTION', 'TEXT_DETECTION', 'DOCUMENT_TEXT_DETECTION',
  'SAFE_SEARCH_DETECTION', 'IMAGE_PROPERTIES', 'CROP_HINTS', 'WEB_DETECTION', 'PRODUCT_SEARCH', 'OBJECT_LOCALIZATION',
] as const;
export const MAX_IMAGES = 16;
export const MAX_BODY_BYTES = 10 * 1000 * 1000;

export interface ImageRequest {
  /** Undefined when the entry names a URL or nothing: answered with a per-image error. */
  bytes?: Buffer;
  features: Array<{ type: string; maxResults: number }>;
  languageHints: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseAnnotate(body: Buffer): ImageRequest[] {
  if (body.length > MAX_BODY_BYTES) throw invalid(`Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('Invalid JSON payload received. Unexpected token.');
  }
  if (!isObject(json)) throw invalid('Invalid JSON payload received. Expected an object.');
  for (const key of Object.keys(json)) if (key !== 'requests' && key !== 'parent') throw invalid(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  const requests = json.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw invalid('No image requests were specified.');
  if (requests.length > MAX_IMAGES) throw invalid(`At most ${MAX_IMAGES} images allowed per request.`);
  return requests.map((r, i) => {
    if (!isObject(r)) throw invalid(`Invalid value at 'requests[${i}]'.`);
    const features = r.features;
    if (!Array.isArray(features) || features.length === 0) throw invalid(`requests[${i}]: no features were specified.`);
    const parsed = features.map((f, j) => {
      const type = isObject(f) ? f.type : undefined;
      if (typeof type !== 'string' || !(FEATURE_TYPES as readonly string[]).includes(type)) {
        throw invalid(`Invalid value at 'requests[${i}].features[${j}].type' (type.googleapis.com/google.cloud.vision.v1.Feature.Type), "${String(type)}"`);
      }
      const max = isObject(f) ? f.maxResults : undefined;
      if (max !== undefined && (!Number.isSafeInteger(max) || (max as number) < 0)) throw invalid(`Invalid value at 'requests[${i}].features[${j}].max_results'.`);
      return { type, maxResults: (max as number | undefined) || 10 };
    });
    const image = isObject(r.image) ? r.image : {};
    const content = image.content;
    if (content !== undefined && typeof content !== 'string') throw invalid(`Invalid value at 'requests[${i}].image.content' (TYPE_BYTES).`);
    const bytes = typeof content === 'string' ? decodeBase64(content) : undefined;
    if (typeof content === 'string' && !bytes) throw invalid(`Invalid value at 'requests[${i}].image.content' (TYPE_BYTES), Base64 decoding failed.`);
    const context = isObject(r.imageContext) ? r.imageContext : {};
    const hints = context.languageHints;
    if (hints !== undefined && (!Array.isArray(hints) || hints.some((h) => typeof h !== 'string'))) throw invalid(`Invalid value at 'requests[${i}].image_context.language_hints'.`);
    return { bytes, features: parsed, languageHints: (hints as string[] | undefined) ?? [] };
  });
}
