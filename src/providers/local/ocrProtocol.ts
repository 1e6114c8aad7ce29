import type { TesseractPage } from './localParser';
import type { Affine } from './prepare/affine';
import type { Preparation } from './prepare/preparePage';

/** Messages between the extension host and the OCR worker (dist/ocr/ocrWorker.js). */
export interface OcrRequest {
  /** PNG or JPEG bytes (moved, not copied, to the worker). */
  image: ArrayBuffer;
  /** Tesseract language codes, e.g. ['eng', 'rus']. */
  languages: string[];
  /** The directory holding `<code>.traineddata.gz` for each of them. */
  langPath: string;
  /** Tesseract page segmentation mode (3 = automatic, like the command-line tool). */
  psm: number;
  /** Screenshots of code: no dictionary correction, spaces between words kept. */
  codeMode: boolean;
  /**
   * The same picture as 8-bit grey pixels (`data` transferred), when the page is to be prepared
   * (imageInsight.local.preprocess): turned, deskewed, scaled and its light evened before reading.
   */
  gray?: { width: number; height: number; data: ArrayBuffer };
  /** The largest picture the preparation may make (scaling up small text). */
  maxPixels?: number;
}

export interface OcrResponse {
  page: TesseractPage;
  /** What the preparation did, and how the read picture's pixels map to the sent ones. */
  prepared?: { preparation: Preparation; toSent: Affine; /** The turns read for the orientation check, clockwise degrees. */ turnsTried: number[] };
}

/** The error name the worker gives a language file tesseract could not load (names cross threads). */
export const LANGUAGE_LOAD_ERROR = 'LanguageLoadError';

/**
 * The worker's error for language files that failed to load: which codes, and why. It retires the
 * worker: tesseract may have aborted inside its WebAssembly on the bad file, so the next request
 * gets a fresh engine rather than one in an unknown state.
 */
export function languageLoadError(codes: readonly string[], detail: string): Error {
  const error = Object.assign(new Error(`${codes.join('+')}: ${detail}`), { retire: true });
  error.name = LANGUAGE_LOAD_ERROR;
  return error;
}

/** The codes and reason of a `languageLoadError` that came back from the worker, else undefined. */
export function parseLanguageLoadError(error: unknown): { codes: string[]; detail: string } | undefined {
  if (!(error instanceof Error) || error.name !== LANGUAGE_LOAD_ERROR) return undefined;
  const match = /^([a-z_]+(?:\+[a-z_]+)*): ([^]*)$/.exec(error.message);
  return match ? { codes: match[1]!.split('+'), detail: match[2]! } : undefined;
}
