import type { TesseractPage } from './localParser';

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
}

export type OcrResponse = TesseractPage;
