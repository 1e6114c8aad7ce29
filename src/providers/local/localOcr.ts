/**
 * The Local provider's working half (bundled to dist/local.js, loaded on the first Extract Text):
 * makes sure the language data is in place, recognizes in the OCR worker thread and turns
 * tesseract's answer into text in original pixels; the shared runner fits each image (PNG, ≤ 25 MP)
 * and assembles the result. No `vscode` import: the bench drives the same code in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError, UserError } from '../../shared/errors';
import { WorkerClient } from '../../workers/workerClient';
import type { ProviderDeps } from '../descriptor';
import type { ProviderEngine, RequestKind } from '../types';
import { localDescriptor } from './descriptor';
import { LanguageData, type LanguageDataOptions } from './languageData';
import { readLocalSettings } from './localSettings';
import { parseTesseractPage } from './localParser';
import { parseLanguageLoadError, type OcrRequest, type OcrResponse } from './ocrProtocol';

/** The engine's options besides the provider's deps. */
export interface LocalEngineOptions {
  /** The worker ends after this long without work (and on dispose). Default: two minutes. */
  idleMs?: number;
  /** The engine's worker script. Default: dist/ocr/ocrWorker.js (tests run a crashing one). */
  workerScript?: string;
}

/** The language data's working half (loaded with this bundle, see `lazyLanguageData`). */
export function createLanguageData(options: LanguageDataOptions): LanguageData {
  return new LanguageData(options);
}

export function createLocalEngine(deps: Pick<ProviderDeps, 't' | 'setting' | 'languages' | 'distPath'>, options: LocalEngineOptions = {}): ProviderEngine {
  // One engine thread, started on the first request and kept for the next ones (loading the
  // engine and a language takes about a second), ended after two idle minutes.
  const worker = new WorkerClient<OcrRequest, OcrResponse>(options.workerScript ?? path.join(deps.distPath, 'ocr', 'ocrWorker.js'), { idleMs: options.idleMs ?? 120_000, name: 'Image Insight OCR engine' });
  const { t } = deps;
  return {
    async plan(_features, analyzeOptions, token) {
      const codes = deps.languages.codes(analyzeOptions.languages);
      const langPath = await deps.languages.ensure(codes, token);
      const { pageSegmentation, codeMode } = readLocalSettings(deps.setting);
      const recognize: RequestKind<OcrResponse> = {
        name: 'tesseract',
        limits: localDescriptor.limits.ocr!,
        maxImages: 1,
        async send([image]) {
          const { prepared, name } = image!;
          // The worker gets its own exact copy, moved, not copied again. (Not `.slice().buffer`:
          // the bytes may be a Node Buffer — VS Code hands pasted data over as one — whose slice
          // is a view into a larger, shared ArrayBuffer.)
          const bytes = new ArrayBuffer(prepared.bytes.byteLength);
          new Uint8Array(bytes).set(prepared.bytes);
          try {
            return await worker.run({ image: bytes, languages: codes, langPath, psm: pageSegmentation, codeMode }, [bytes], token);
          } catch (error) {
            if (error instanceof CancelledError || token.isCancellationRequested) throw new CancelledError();
            const failed = parseLanguageLoadError(error);
            if (failed) {
              // Not reused forever: the file goes, and the next request fetches it again.
              await deps.languages.invalidate(failed.codes);
              throw new UserError(t('The local OCR engine could not load the language data {0} ({1}). The file was deleted and will be downloaded again on the next try.', failed.codes.join(', '), failed.detail), name);
            }
            const message = error instanceof Error ? error.message : String(error);
            throw new UserError(t('The local OCR engine could not read "{0}": {1}', name, message), name);
          }
        },
        parse: (page, _index, image) => ({
          findings: { text: parseTesseractPage(page, image.prepared.transform, image.upright, codes.length === 1 ? codes[0] : undefined), errors: [] },
          raw: page,
        }),
      };
      return [recognize];
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
