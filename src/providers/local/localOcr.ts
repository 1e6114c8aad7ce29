/**
 * The Local provider's engine side (bundled to dist/local.js, loaded on the first Extract Text):
 * fits the image for the OCR engine, makes sure the language data is in place, recognizes in the
 * OCR worker thread and turns tesseract's answer into the normalized result. No `vscode` import:
 * the extension passes in what it needs, and the bench drives the same code in plain Node.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIME } from '../../images/formats';
import { PROVIDER_LIMITS } from '../../images/limits';
import type { PreparedImage } from '../../images/preparer';
import { uprightSize } from '../../images/transform';
import { CancelledError, UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import { WorkerClient } from '../../workers/workerClient';
import type { AnalysisResult, FeatureId } from '../../shared/analysisResult';
import type { AnalyzeOptions } from '../types';
import type { CancellationLike } from '../../shared/cancellation';
import type { ImageSource } from '../../images/imageSource';
import { parseTesseractPage } from './localParser';
import type { OcrRequest, OcrResponse } from './ocrProtocol';

/** Where the language data comes from (languageData.ts; a bundled-only stand-in in tests). */
export interface LanguageSource {
  /** Tesseract codes for the user's language setting (`*` = detect, ISO 639-1 codes). */
  codes(languages: string[]): string[];
  /** The directory holding every one of them, fetched first when missing. */
  ensure(codes: string[], token: CancellationLike): Promise<string>;
}

export interface LocalOcrOptions {
  /** Fits images to the engine's limits (the image worker). */
  preparer: { prepare(source: ImageSource, limits: typeof PROVIDER_LIMITS.local, token?: CancellationLike): Promise<PreparedImage> };
  /** dist/ocr/ocrWorker.js. */
  workerScript: string;
  languages: LanguageSource;
  /** Read on every request, so a settings change applies to the next one. */
  settings(): { pageSegmentation: number; codeMode: boolean };
  t: Localize;
  /** The worker ends after this long without work (and on dispose). */
  idleMs?: number;
}

export interface LocalOcr {
  analyze(image: ImageSource, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult>;
  dispose(): void;
}

export function createLocalOcr(options: LocalOcrOptions): LocalOcr {
  // One engine thread, started on the first request and kept for the next ones (loading the
  // engine and a language takes about a second), ended after two idle minutes.
  const worker = new WorkerClient<OcrRequest, OcrResponse>(options.workerScript, { idleMs: options.idleMs ?? 120_000, name: 'Image Insight OCR engine' });
  const t = options.t;
  return {
    async analyze(image, features, analyzeOptions, token) {
      const started = performance.now();
      const codes = options.languages.codes(analyzeOptions.languages);
      const prepared = await options.preparer.prepare(image, PROVIDER_LIMITS.local, token);
      const langPath = await options.languages.ensure(codes, token);
      const { pageSegmentation, codeMode } = options.settings();
      // The worker gets its own exact copy, moved, not copied again. (Not `.slice().buffer`: the
      // bytes may be a Node Buffer — VS Code hands pasted data over as one — whose slice is a
      // view into a larger, shared ArrayBuffer.)
      const bytes = new ArrayBuffer(prepared.bytes.byteLength);
      new Uint8Array(bytes).set(prepared.bytes);
      const requestStarted = performance.now();
      let page: OcrResponse;
      try {
        page = await worker.run({ image: bytes, languages: codes, langPath, psm: pageSegmentation, codeMode }, [bytes], token);
      } catch (error) {
        if (error instanceof CancelledError || token.isCancellationRequested) throw new CancelledError();
        const message = error instanceof Error ? error.message : String(error);
        throw new UserError(t('The local OCR engine could not read "{0}": {1}', image.name, message), image.name);
      }
      const parseStarted = performance.now();
      const upright = uprightSize(image, image.orientation);
      const text = parseTesseractPage(page, prepared.transform, upright, codes.length === 1 ? codes[0] : undefined);
      const sha256 = createHash('sha256').update(await image.read()).digest('hex');
      return {
        provider: 'local',
        features,
        image: { uri: image.uri, width: upright.width, height: upright.height, mime: MIME[image.format], sha256 },
        text,
        errors: [],
        raw: page,
        // Preparation includes putting the language data in place (a download, the first time).
        timings: { prepareMs: requestStarted - started, requestMs: parseStarted - requestStarted, parseMs: performance.now() - parseStarted },
      };
    },
    dispose() {
      worker.dispose();
    },
  };
}

/**
 * For the benchmark (bench/ocr.mjs): the same worker and engine settings on an image file as it
 * is, so that it is timed against the `tesseract` command on equal terms.
 */
export function createOcrEngine(options: { languages: string[]; langPath: string; psm: number }): { recognize(imagePath: string): Promise<{ text: string }>; terminate(): void } {
  const worker = new WorkerClient<OcrRequest, OcrResponse>(path.join(__dirname, 'ocr', 'ocrWorker.js'), { idleMs: 600_000, name: 'Image Insight OCR engine (bench)' });
  return {
    async recognize(imagePath) {
      const file = fs.readFileSync(imagePath);
      const image = new ArrayBuffer(file.byteLength);
      new Uint8Array(image).set(file);
      const page = await worker.run({ image, languages: options.languages, langPath: options.langPath, psm: options.psm, codeMode: false }, [image]);
      return { text: page.text };
    },
    terminate: () => worker.dispose(),
  };
}
