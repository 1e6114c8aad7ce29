import { MB } from '../../images/limits';
import type { FeatureId } from '../../shared/analysisResult';
import { PROJECT_ID } from './googleSettings';

/**
 * Google Cloud Vision `images:annotate` requests, as PROVIDERS.md §2, seed 003 and the protos
 * describe them. Pure: the HTTP client sends what these return.
 */

export type GoogleTextFeature = 'TEXT_DETECTION' | 'DOCUMENT_TEXT_DETECTION';
export type GoogleLocation = '' | 'us' | 'eu' | 'asia';
export type GoogleCredentials = { apiKey: string } | { accessToken: string; quotaProject?: string };

/** The API's own limits on one request [C]. */
export const MAX_IMAGES = 16;
export const MAX_BODY_BYTES = 10 * MB;
export const MAX_IMAGE_BYTES = 20 * MB;
export const MAX_PIXELS = 75_000_000;
export const LOCATIONS: readonly GoogleLocation[] = ['', 'us', 'eu', 'asia'];

/**
 * What one image adds to a body besides its base64: `{"image":{"content":""},"features":[…],
 * "imageContext":{…}}` with every feature and a few language hints, and base64's padding to
 * a multiple of 4. Generous on purpose: the budget below only has to stay on the safe side.
 */
const PER_IMAGE_JSON = 2048;
/** `{"requests":[]}` and headroom. */
const BODY_JSON = 1024;

/**
 * Fitted bytes per request so that the JSON body stays under 10 MB: base64 makes 4 bytes of 3,
 * and each of up to 16 images brings its own JSON around it. The runner packs by this.
 */
export const MAX_REQUEST_IMAGE_BYTES = Math.floor(((MAX_BODY_BYTES - BODY_JSON - MAX_IMAGES * PER_IMAGE_JSON) * 3) / 4);

/** Most entries a listing feature returns (the API's default is 10; the demo page shows more). */
export const MAX_RESULTS = 50;

/**
 * Google's feature types for each of ours. `labels` brings safe search with it: "Classify Image"
 * is Google's labels plus safe search (ARCHITECTURE.md, Commands).
 */
export function featureTypes(features: readonly FeatureId[], textFeature: GoogleTextFeature): string[] {
  const types = features.flatMap((feature): string[] => {
    switch (feature) {
      case 'text': return [textFeature];
      case 'faces': return ['FACE_DETECTION'];
      case 'labels': return ['LABEL_DETECTION', 'SAFE_SEARCH_DETECTION'];
      case 'safeSearch': return ['SAFE_SEARCH_DETECTION'];
      case 'objects': return ['OBJECT_LOCALIZATION'];
      case 'logos': return ['LOGO_DETECTION'];
      case 'landmarks': return ['LANDMARK_DETECTION'];
      case 'copies': return ['WEB_DETECTION'];
      case 'properties': return ['IMAGE_PROPERTIES'];
      case 'cropHints': return ['CROP_HINTS'];
      default: return [];
    }
  });
  return [...new Set(types)];
}

/** Listing features take `maxResults`; the others ignore it, so it is not sent with them. */
const LISTING = new Set(['FACE_DETECTION', 'LANDMARK_DETECTION', 'LOGO_DETECTION', 'LABEL_DETECTION', 'OBJECT_LOCALIZATION', 'WEB_DETECTION']);

/**
 * `imageContext.languageHints` from `imageInsight.languages`: BCP-47 tags as given, none for
 * `*` (Google then detects the language itself, which is also what it recommends for Latin text).
 */
export function languageHints(languages: readonly string[]): string[] {
  const tags = languages.map((l) => l.trim());
  if (tags.includes('*')) return [];
  return [...new Set(tags.filter((tag) => /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)))];
}

export interface AnnotateOptions {
  features: readonly FeatureId[];
  textFeature: GoogleTextFeature;
  languages: readonly string[];
}

/**
 * One images:annotate body: every feature asked for each image in its one request entry, and
 * `responses[i]` of the answer belongs to `images[i]` (base64). Text gets the language hints and
 * per-word confidences.
 */
export function buildAnnotate(images: readonly string[], options: AnnotateOptions): { requests: Array<Record<string, unknown>> } {
  if (images.length === 0 || images.length > MAX_IMAGES) throw new RangeError(`images:annotate takes 1–${MAX_IMAGES} images, not ${images.length}`);
  const types = featureTypes(options.features, options.textFeature);
  if (types.length === 0) throw new RangeError('images:annotate needs at least one feature');
  const features = types.map((type) => (LISTING.has(type) ? { type, maxResults: MAX_RESULTS } : { type }));
  const text = types.includes(options.textFeature);
  const hints = languageHints(options.languages);
  const imageContext = text
    ? { ...(hints.length > 0 ? { languageHints: hints } : {}), textDetectionParams: { enableTextDetectionConfidenceScore: true } }
    : undefined;
  return { requests: images.map((content) => ({ image: { content }, features, ...(imageContext ? { imageContext } : {}) })) };
}

/**
 * The request's URL: the global method, or with a location the data-residency one
 * (`/v1/projects/{p}/locations/{loc}/images:annotate`), which keeps the image and its processing
 * in that region. `parent` travels in the path only (the REST binding takes it from there).
 */
export function annotateUrl(endpoint: string, location: GoogleLocation, projectId: string): string {
  const base = endpoint.replace(/\/+$/, '');
  if (location === '') return `${base}/v1/images:annotate`;
  if (!PROJECT_ID.test(projectId)) throw new RangeError(`not a Google Cloud project ID: ${projectId}`);
  return `${base}/v1/projects/${encodeURIComponent(projectId)}/locations/${location}/images:annotate`;
}

/**
 * Headers: an API key only in `X-Goog-Api-Key` (never `?key=`, which ends up in URLs and logs),
 * or an OAuth token with the optional project to bill (`X-Goog-User-Project`).
 */
export function googleHeaders(credentials: GoogleCredentials): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if ('apiKey' in credentials) headers['x-goog-api-key'] = credentials.apiKey;
  else {
    headers.authorization = `Bearer ${credentials.accessToken}`;
    if (credentials.quotaProject) headers['x-goog-user-project'] = credentials.quotaProject;
  }
  return headers;
}
