/**
 * POST /ocr/v1/recognizeText, the newer text API: one file per request (JPEG, PNG or a one-page
 * PDF), the answer as JSON Lines — one `{"result":{"textAnnotation":…,"page":"N"}}` per page.
 * Everything wrong with the request or the file is a request-level Status (HTTP 400): there are
 * no per-file results to put it in.
 */
import { decodeBase64, inspect, Seeded } from './image';
import { knownBySha } from './known';
import { textAnnotation } from './ocrAnswers';
import { BadRequest, optString, parseBody, readMessage, stringArray } from './protoJson';

export const OCR_MODELS = ['page', 'page-column-sort', 'handwritten', 'table', 'markdown', 'math-markdown'] as const;
/** 10 MB is inferred (PROVIDERS.md [I]); 20 MP and one PDF page are documented. */
export const OCR_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const OCR_MAX_PIXELS = 20_000_000;

const MIME: Record<string, 'jpeg' | 'png' | 'pdf'> = { jpeg: 'jpeg', jpg: 'jpeg', 'image/jpeg': 'jpeg', png: 'png', 'image/png': 'png', pdf: 'pdf', 'application/pdf': 'pdf' };

/** Checks the request and returns the JSON Lines body, or throws BadRequest with the service's reason. */
export function answerRecognizeText(body: Buffer): string {
  const request = readMessage(parseBody(body), 'RecognizeTextRequest', ['content', 'mimeType', 'languageCodes', 'model']);
  const mimeType = optString(request.mimeType, 'mime_type', 255);
  const codes = stringArray(request.languageCodes, 'language_codes', 3);
  const model = optString(request.model, 'model', 50) || 'page';
  const contentText = optString(request.content, 'content');
  if (contentText === undefined) throw new BadRequest('content is required');
  const content = decodeBase64(contentText);
  if (!content) throw new BadRequest('content: illegal base64 data');
  if (!(OCR_MODELS as readonly string[]).includes(model)) throw new BadRequest(`Unknown model: ${model}`);
  if (codes.length < 1 || codes.length > 8) throw new BadRequest(`Incorrect number of language codes: ${codes.length}`);
  // The docs: handwritten and table need ru and/or en named explicitly.
  if ((model === 'handwritten' || model === 'table') && !codes.every((c) => c === 'ru' || c === 'en')) {
    throw new BadRequest(`Model ${model} supports only languages ru, en; got ${codes.join(', ')}`);
  }
  const declared = mimeType === undefined || mimeType === '' ? undefined : MIME[mimeType.toLowerCase()];
  if (mimeType && !declared) throw new BadRequest(`Unsupported mime type: ${mimeType}`);

  const file = inspect(content);
  if (!file.format || (declared && declared !== file.format)) throw new BadRequest("Can't decode Image");
  if (content.length > OCR_MAX_FILE_BYTES) throw new BadRequest('Image too big');
  const pages = file.pages ?? [{ width: file.width, height: file.height }];
  if (file.format === 'pdf' && pages.length !== 1) throw new BadRequest(`The number of pages in a PDF file should not exceed 1, got ${pages.length}`);
  if (pages.some((p) => p.width * p.height > OCR_MAX_PIXELS)) throw new BadRequest('Image resolution too high');

  const recorded = knownBySha(file.sha256)?.ocr[model];
  const lines = recorded
    ? [recorded]
    : pages.map((p, i) => {
        const rng = new Seeded([file.sha256, 'ocr', model, codes.join(','), i].join(':'));
        return { result: { textAnnotation: textAnnotation(rng, p.width, p.height, codes, model), page: String(i) } };
      });
  return lines.map((l) => JSON.stringify(l) + '\n').join('');
}
