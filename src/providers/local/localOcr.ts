/**
 * The Local provider's working half (bundled to dist/local.js, loaded on the first Extract Text):
 * makes sure the language data is in place, recognizes in the OCR worker thread and turns
 * tesseract's answer into text in original pixels; the shared runner fits each image (PNG, ≤ 25 MP)
 * and assembles the result. No `vscode` import: the bench drives the same code in plain Node.
 */
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ImagePreparer, type GrayPixels } from '../../images/preparer';
import { CancelledError, UserError } from '../../shared/errors';
import { formatOnly } from '../../shared/localize';
import { WorkerClient } from '../../workers/workerClient';
import { WorkerPool } from '../../workers/workerPool';
import type { ProviderDeps } from '../descriptor';
import type { Fitter } from '../kit/imageRunner';
import type { ProviderEngine, RequestKind, SentImage } from '../types';
import { localDescriptor } from './descriptor';
import { LanguageData, type LanguageDataOptions } from './languageData';
import { readLocalSettings } from './localSettings';
import { parseTesseractPage } from './localParser';
import { parseLanguageLoadError, type OcrRequest, type OcrResponse } from './ocrProtocol';
import type { Preparation } from './prepare/preparePage';
import { allWords, type Findings } from '../../shared/analysisResult';
import type { Localize } from '../../shared/localize';

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

export function createLocalEngine(deps: Pick<ProviderDeps, 't' | 'setting' | 'languages' | 'distPath'> & { preparer?: Pick<Fitter, 'grayPixels'> }, options: LocalEngineOptions = {}): ProviderEngine {
  // Engine threads (imageInsight.local.workers), each started on its first image and kept for the
  // next ones (loading the engine and a language takes about a second), ended after two idle minutes.
  const workers = new WorkerPool(() => new WorkerClient<OcrRequest, OcrResponse>(options.workerScript ?? path.join(deps.distPath, 'ocr', 'ocrWorker.js'), { idleMs: options.idleMs ?? 120_000, name: 'Image Insight OCR engine' }));
  const { t } = deps;
  return {
    async plan(_features, analyzeOptions, token) {
      const codes = deps.languages.codes(analyzeOptions.languages);
      const langPath = await deps.languages.ensure(codes, token);
      const { pageSegmentation, codeMode, preprocess, workers: setting } = readLocalSettings(deps.setting);
      const threads = setting > 0 ? setting : autoWorkers();
      const limits = localDescriptor.limits.ocr!;
      const language = codes.length === 1 ? codes[0] : undefined;
      const recognize: RequestKind<OcrResponse> = {
        name: 'tesseract',
        limits,
        maxImages: 1,
        // One image per engine thread; no quota.
        pace: { lane: 'local', requestsPerSecond: Infinity, concurrency: threads },
        async send([image]) {
          const { prepared, name } = image!;
          // The page preparation works on grey pixels, decoded by the image worker (wasm-vips).
          const gray = preprocess && deps.preparer?.grayPixels ? await deps.preparer.grayPixels(prepared.bytes, name, token) : undefined;
          const { request, transfer } = ocrRequest({ languages: codes, langPath, psm: pageSegmentation, codeMode }, prepared.bytes, gray);
          try {
            return await workers.run(threads, request, transfer, token);
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
        parse: (response, _index, image) => ({ findings: readFindings(response, image, language, t), raw: response.page }),
      };
      return [recognize];
    },
    dispose() {
      workers.dispose();
    },
  };
}

/** One engine thread per core but one (the extension host and the image worker need one), 1 to 4: each holds its own engine and languages. */
function autoWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The worker's request for one picture: its own exact copy of the bytes, moved, not copied again
 * (not `.slice().buffer`: the bytes may be a Node Buffer — VS Code hands pasted data over as one —
 * whose slice is a view into a larger, shared ArrayBuffer), and the grey pixels, moved too, when
 * the page is to be prepared.
 */
function ocrRequest(settings: Pick<OcrRequest, 'languages' | 'langPath' | 'psm' | 'codeMode'>, bytes: Uint8Array, gray: GrayPixels | undefined): { request: OcrRequest; transfer: ArrayBuffer[] } {
  const image = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(image).set(bytes);
  if (!gray) return { request: { ...settings, image }, transfer: [image] };
  // The image worker's pixels arrived in a buffer of their own (transferred to this thread).
  const data = gray.data.buffer as ArrayBuffer;
  return { request: { ...settings, image, gray: { width: gray.width, height: gray.height, data }, maxPixels: localDescriptor.limits.ocr!.maxPixels }, transfer: [image, data] };
}

/**
 * The page's words in original pixels (through the preparation's turn, deskew and scale, then the
 * fitting), what the preparation did, and — instead of a silent empty result — a problem saying
 * that nothing legible was found and what was tried.
 */
function readFindings(response: OcrResponse, image: SentImage, language: string | undefined, t: Localize): Findings {
  const text = parseTesseractPage(response.page, image.prepared.transform, image.upright, language, response.prepared?.toSent);
  const preparation = response.prepared?.preparation;
  if (preparation && didSomething(preparation)) text.preparation = preparation;
  if (allWords(text).length > 0) return { text, errors: [] };
  const tried = response.prepared ? describeTried(response.prepared.preparation, response.prepared.turnsTried, t) : t('read as it is (imageInsight.local.preprocess is off)');
  return { text, errors: [{ feature: 'text', code: 'noText', message: t('No legible text was found in "{0}" (tried: {1}).', image.name, tried) }] };
}

function didSomething(p: Preparation): boolean {
  return p.turned !== 0 || p.deskewed !== 0 || p.scaled !== 1 || p.evenedLight || p.smoothed === true;
}

/** What the preparation tried, for the no-text problem: "read upright, turned 180°, deskewed 3.2°, scaled 2×, evened the light". */
function describeTried(p: Preparation, turnsTried: readonly number[], t: Localize): string {
  const quarter = (turn: number) => (((Math.round(turn / 90) * 90) % 360) + 360) % 360;
  const ways = [...new Set(turnsTried.length > 0 ? turnsTried.map(quarter) : [p.turned])];
  const parts = [t('read {0}', ways.map((w) => (w === 0 ? t('upright') : t('turned {0}°', w))).join(', '))];
  if (p.deskewed !== 0) parts.push(t('deskewed {0}°', p.deskewed.toFixed(1)));
  if (p.scaled !== 1) parts.push(t('scaled {0}×', String(p.scaled)));
  if (p.evenedLight) parts.push(t('evened the light'));
  if (p.smoothed) parts.push(t('smoothed the grain'));
  return parts.join(', ');
}

/**
 * For the benchmarks (bench/ocr.mjs, bench/ocrPages.mjs): the same worker and engine settings on
 * an image file as it is, so that it is timed against the `tesseract` command on equal terms; with
 * `preprocess`, the page preparation too (grey pixels from the image worker, as the extension does).
 */
export function createOcrEngine(options: { languages: string[]; langPath: string; psm: number; preprocess?: boolean }): {
  recognize(imagePath: string): Promise<{ text: string; preparation?: Preparation; turnsTried?: number[] }>;
  terminate(): void;
} {
  const worker = new WorkerClient<OcrRequest, OcrResponse>(path.join(__dirname, 'ocr', 'ocrWorker.js'), { idleMs: 600_000, name: 'Image Insight OCR engine (bench)' });
  const preparer = options.preprocess ? new ImagePreparer(path.join(__dirname, 'imageWorker.js'), formatOnly, 600_000) : undefined;
  return {
    async recognize(imagePath) {
      const file = fs.readFileSync(imagePath);
      const gray = preparer ? await preparer.grayPixels(file, path.basename(imagePath)) : undefined;
      const { request, transfer } = ocrRequest({ languages: options.languages, langPath: options.langPath, psm: options.psm, codeMode: false }, file, gray);
      const response = await worker.run(request, transfer);
      return { text: response.page.text, ...(response.prepared ? { preparation: response.prepared.preparation, turnsTried: response.prepared.turnsTried } : {}) };
    },
    terminate: () => {
      worker.dispose();
      preparer?.dispose();
    },
  };
}
