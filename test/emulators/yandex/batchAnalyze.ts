/**
 * POST /vision/v1/batchAnalyze, checked as the docs describe (seeds 000–002, PROVIDERS.md §1):
 * malformed requests get a request-level Status (HTTP 400); a file the service cannot take gets
 * a per-file error and a bad feature a per-feature error, both inside HTTP 200 beside the other
 * results.
 */
import { decodeBase64, inspect, Seeded, type DecodedFile } from './image';
import { knownBySha, type VisionKey } from './known';
import { BadRequest, optArray, optString, parseBody, readEnum, readMessage, stringArray } from './protoJson';
import { classification, faceDetection, imageCopySearch, textDetection } from './visionAnswers';

const TYPES = ['TYPE_UNSPECIFIED', 'TEXT_DETECTION', 'CLASSIFICATION', 'FACE_DETECTION', 'IMAGE_COPY_SEARCH'] as const;
/** Limits the docs give for one file: 1 MB, 20 megapixels, 8 PDF pages. */
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_PIXELS = 20_000_000;
export const MAX_PDF_PAGES = 8;

export interface VisionBehaviour {
  /** CLASSIFICATION and FACE_DETECTION answer a per-feature error (the live service since 2024-05-14). */
  discontinued: boolean;
  /** Leave out zero and empty values, as proto3 JSON does by default. */
  omitZeros: boolean;
}

interface Feature {
  type: (typeof TYPES)[number];
  languageCodes?: string[];
  textModel?: string;
  classificationModel?: string;
}
interface Spec {
  content?: Buffer;
  signature?: string;
  features: Feature[];
}

/** The parsed request: folder and specs, or a BadRequest thrown with the gateway's message. */
export function parseBatchAnalyze(body: Buffer): { folderId?: string; specs: Spec[] } {
  const request = readMessage(parseBody(body), 'BatchAnalyzeRequest', ['analyzeSpecs', 'folderId']);
  const folderId = optString(request.folderId, 'folder_id', 50);
  const rawSpecs = optArray(request.analyzeSpecs, 'analyze_specs');
  if (rawSpecs.length < 1 || rawSpecs.length > 8) throw new BadRequest(`analyze_specs: number of elements must be in the range 1-8, got ${rawSpecs.length}`);
  const specs = rawSpecs.map((raw, i) => parseSpec(raw, `analyze_specs[${i}]`));
  return { folderId, specs };
}

function parseSpec(raw: unknown, where: string): Spec {
  const spec = readMessage(raw, 'AnalyzeSpec', ['content', 'signature', 'features', 'mimeType']);
  optString(spec.mimeType, `${where}.mime_type`, 255);
  const signature = optString(spec.signature, `${where}.signature`, 16384);
  const contentText = optString(spec.content, `${where}.content`);
  if ((contentText === undefined) === (signature === undefined)) throw new BadRequest(`${where}: exactly one of content, signature must be set`);
  let content: Buffer | undefined;
  if (contentText !== undefined) {
    content = decodeBase64(contentText);
    if (!content) throw new BadRequest(`${where}.content: illegal base64 data`);
    if (content.length > 10485760) throw new BadRequest(`${where}.content: length must be <= 10485760`);
  }
  const rawFeatures = optArray(spec.features, `${where}.features`);
  if (rawFeatures.length < 1 || rawFeatures.length > 8) throw new BadRequest(`${where}.features: number of elements must be in the range 1-8, got ${rawFeatures.length}`);
  return { content, signature, features: rawFeatures.map((f, j) => parseFeature(f, `${where}.features[${j}]`)) };
}

function parseFeature(raw: unknown, where: string): Feature {
  const f = readMessage(raw, 'Feature', ['type', 'classificationConfig', 'textDetectionConfig']);
  const type = readEnum(f.type, `${where}.type`, TYPES) as Feature['type'];
  if (f.classificationConfig !== undefined && f.textDetectionConfig !== undefined) throw new BadRequest(`${where}: only one of classification_config, text_detection_config may be set`);
  const feature: Feature = { type };
  if (f.textDetectionConfig !== undefined) {
    const c = readMessage(f.textDetectionConfig, 'FeatureTextDetectionConfig', ['languageCodes', 'model']);
    feature.languageCodes = stringArray(c.languageCodes, `${where}.text_detection_config.language_codes`, 3);
    feature.textModel = optString(c.model, `${where}.text_detection_config.model`, 50);
  }
  if (f.classificationConfig !== undefined) {
    const c = readMessage(f.classificationConfig, 'FeatureClassificationConfig', ['model']);
    feature.classificationModel = optString(c.model, `${where}.classification_config.model`, 256);
  }
  return feature;
}

type Result = Record<string, unknown>;
const fileError = (message: string): Result => ({ error: { code: 3, message } });
const featureError = (code: number, message: string): Result => ({ error: { code, message } });

/** The per-file checks: decodable JPEG/PNG/PDF, ≤ 1 MB, ≤ 20 MP, ≤ 8 pages. */
function checkFile(spec: Spec): DecodedFile | Result {
  // A signature refers to an image the service would have to look up; the emulator has none.
  if (!spec.content) return fileError("Can't find image by signature");
  const file = inspect(spec.content);
  if (!file.format) return fileError("Can't decode Image");
  if (file.bytes.length > MAX_FILE_BYTES) return fileError('Image too big');
  const pages = file.pages ?? [{ width: file.width, height: file.height }];
  if (file.format === 'pdf' && (pages.length === 0 || pages.length > MAX_PDF_PAGES)) return fileError(`PDF must have 1-${MAX_PDF_PAGES} pages, got ${pages.length}`);
  if (pages.some((p) => p.width * p.height > MAX_PIXELS)) return fileError('Image resolution too high');
  return file;
}

function answerFeature(feature: Feature, file: DecodedFile, rng: Seeded, behaviour: VisionBehaviour): Result {
  const known = knownBySha(file.sha256);
  const recorded = (key: VisionKey): object | undefined => known?.vision[key];
  const { omitZeros } = behaviour;
  if (feature.type !== 'TEXT_DETECTION' && file.format === 'pdf') return featureError(3, "Can't decode Image");
  switch (feature.type) {
    case 'TYPE_UNSPECIFIED':
      return featureError(3, 'Incorrect feature configuration: feature type is not specified');
    case 'TEXT_DETECTION': {
      const codes = feature.languageCodes ?? [];
      if (codes.length < 1 || codes.length > 8) return featureError(3, `Incorrect feature configuration: Incorrect number of language codes: ${codes.length}`);
      const model = feature.textModel || 'page';
      if (model !== 'page' && model !== 'line') return featureError(3, `Incorrect feature configuration: Unknown model: ${model}`);
      const pages = file.pages ?? [{ width: file.width, height: file.height }];
      const annotation = recorded('TEXT_DETECTION') ?? { pages: pages.flatMap((p) => (textDetection(rng, p.width, p.height, codes, model, omitZeros) as { pages: object[] }).pages) };
      return { textDetection: annotation };
    }
    case 'CLASSIFICATION': {
      if (behaviour.discontinued) return discontinued('CLASSIFICATION');
      const model = feature.classificationModel ?? '';
      if (model !== 'quality' && model !== 'moderation') return featureError(3, `Incorrect feature configuration: Unknown model: ${model}`);
      return { classification: recorded(`CLASSIFICATION:${model}`) ?? classification(rng, model) };
    }
    case 'FACE_DETECTION':
      if (behaviour.discontinued) return discontinued('FACE_DETECTION');
      return { faceDetection: recorded('FACE_DETECTION') ?? faceDetection(rng, file.width, file.height, omitZeros) };
    case 'IMAGE_COPY_SEARCH':
      return { imageCopySearch: recorded('IMAGE_COPY_SEARCH') ?? imageCopySearch(rng, omitZeros) };
  }
}

/**
 * The docs only say these features were "discontinued on May 14, 2024" and that a server may
 * answer them with a per-feature error; the exact code and text are not published. UNIMPLEMENTED
 * (12) is the gRPC code for "this operation is not supported".
 */
export function discontinued(type: string): Result {
  return featureError(12, `Feature ${type} is a legacy feature discontinued on May 14, 2024`);
}

function isDecoded(value: DecodedFile | Result): value is DecodedFile {
  return typeof value.sha256 === 'string';
}

/** Same image and same feature configuration → same numbers, wherever the feature sits in the request. */
function featureSeed(file: DecodedFile, f: Feature): string {
  return [file.sha256, f.type, f.textModel ?? '', f.classificationModel ?? '', (f.languageCodes ?? []).join(',')].join(':');
}

/** The 200 body for a parsed request. */
export function answerBatchAnalyze(specs: Spec[], behaviour: VisionBehaviour): object {
  return {
    results: specs.map((spec) => {
      const file = checkFile(spec);
      if (!isDecoded(file)) return file;
      return { results: spec.features.map((f) => answerFeature(f, file, new Seeded(featureSeed(file, f)), behaviour)) };
    }),
  };
}
