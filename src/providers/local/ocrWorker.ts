/**
 * The local OCR engine's worker thread (bundled to dist/ocr/ocrWorker.js). It runs
 * tesseract.js's own engine script in this thread and serves our WorkerClient protocol, so the
 * host gets the same lazy start, queue, cancellation (terminate), crash recovery and idle
 * shutdown as the image worker. It differs from tesseract.js's own Node worker in that it loads
 * only the LSTM cores we ship (SIMD, and a non-SIMD fallback) from beside this file, never
 * downloads (the extension puts language data in place), and needs no node_modules.
 */
import { boundedGunzip } from './inflate';
import { languageLoadError, type OcrRequest, type OcrResponse } from './ocrProtocol';
import type { TesseractPage } from './localParser';
import { serveRequests } from '../../workers/workerHost';
import { readPreparedPage } from './prepare/readPreparedPage';
import { scriptOf } from './prepare/scripts';
import { toPgm, type GrayImage } from './prepare/grayImage';

interface EngineScript {
  dispatchHandlers(packet: { workerId: string; jobId: string; action: string; payload: unknown }, send: (message: { status: string; data: unknown }) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
}
interface Progress {
  progress(message: { status: string; progress: number }): void;
}

/* eslint-disable @typescript-eslint/no-require-imports -- tesseract.js's engine script is CommonJS without types */
const engine = require('tesseract.js/src/worker-script') as EngineScript;
const cache = require('tesseract.js/src/worker-script/node/cache') as Record<string, unknown>;
const { simd } = require('wasm-feature-detect') as { simd: () => Promise<boolean> };

let core: unknown;
async function getCore(_lstmOnly: boolean, _corePath: string, res: Progress): Promise<unknown> {
  if (core === undefined) {
    res.progress({ status: 'loading tesseract core', progress: 0 });
    // Every current VS Code runs on a Node with WebAssembly SIMD; the fallback is for the odd
    // runtime without it. (The relaxed-SIMD core is not shipped: 3 MB more for no gain here.)
    core = (await simd()) ? require('tesseract.js-core/tesseract-core-simd-lstm') : require('tesseract.js-core/tesseract-core-lstm');
    res.progress({ status: 'loading tesseract core', progress: 1 });
  }
  return core;
}
/* eslint-enable @typescript-eslint/no-require-imports */

engine.setAdapter({
  getCore,
  // Capped (≈ 200 MB): a gzip bomb in the language directory fails with a clear error, not an OOM.
  gunzip: (data: Uint8Array) => boundedGunzip(data),
  fetch: () => Promise.reject(new Error('the local OCR engine never downloads: language data must be in place')),
  ...cache,
});

let jobs = 0;
/** One action of the engine script (load, loadLanguage, initialize, setParameters, recognize). */
function call<T>(action: string, payload: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    engine.dispatchHandlers({ workerId: 'local', jobId: `job-${++jobs}`, action, payload }, (message) => {
      if (message.status === 'resolve') resolve(message.data as T);
      else if (message.status === 'reject') reject(new Error(String(message.data)));
    });
  });
}

let loaded = false;
/** What the engine was initialized with; a request that differs re-initializes it. */
let initialized: string | undefined;

serveRequests<OcrRequest, OcrResponse>(async (request) => {
  if (!loaded) {
    await call('load', { options: { lstmOnly: true, corePath: '', logging: false } });
    loaded = true;
  }
  const langs = request.languages.join('+');
  const key = `${langs}|${request.langPath}|${request.codeMode}`;
  if (initialized !== key) {
    initialized = undefined;
    await loadLanguages(request.languages, request.langPath);
    // Dictionaries are init-only parameters: code mode needs its own initialization.
    try {
      await call('initialize', { langs, oem: 1, config: request.codeMode ? { load_system_dawg: '0', load_freq_dawg: '0' } : {} });
    } catch (error) {
      throw languageLoadError(await failingAlone(request.languages), messageOf(error));
    }
    initialized = key;
  }
  const preserveSpaces = request.codeMode ? '1' : '0';
  if (!request.gray) return { result: { page: await read(new Uint8Array(request.image), request.psm, preserveSpaces) } };
  const gray: GrayImage = { width: request.gray.width, height: request.gray.height, data: new Uint8Array(request.gray.data) };
  const chosen = await readPreparedPage(gray, request.maxPixels ?? DEFAULT_MAX_PIXELS, scriptOf(request.languages), {
    async page(image) {
      const { page, confidence } = await recognize(image ? toPgm(image) : new Uint8Array(request.image), request.psm, preserveSpaces, true);
      return { result: trim(page), confidence };
    },
    // A band of lines is read as one block: no layout analysis.
    band: async (image) => (await recognize(toPgm(image), 6, preserveSpaces, false)).confidence,
  });
  return { result: { page: chosen.result, prepared: { preparation: chosen.page.preparation, toSent: chosen.page.toSent, turnsTried: chosen.turnsTried } } };
});

const DEFAULT_MAX_PIXELS = 25_000_000;

/** The page read with the request's settings, trimmed to what the parser reads. */
async function read(image: Uint8Array, psm: number, preserveSpaces: string): Promise<TesseractPage> {
  return trim((await recognize(image, psm, preserveSpaces, true)).page);
}

/** One recognition: the page (with its blocks when `blocks`) and the engine's mean confidence, 0–100. */
async function recognize(image: Uint8Array, psm: number, preserveSpaces: string, blocks: boolean): Promise<{ page: TesseractPage; confidence: number }> {
  await call('setParameters', { params: { tessedit_pageseg_mode: String(psm), preserve_interword_spaces: preserveSpaces } });
  const page = await call<TesseractPage & { confidence?: number }>('recognize', { image, options: {}, output: { text: true, blocks, hocr: false, tsv: false } });
  return { page, confidence: typeof page.confidence === 'number' ? page.confidence : 0 };
}

/**
 * Puts each language's file into the engine, one at a time, so that a file that cannot be read or
 * unpacked (damaged gzip, a gzip bomb) is named: the host deletes it and fetches it again.
 */
async function loadLanguages(codes: readonly string[], langPath: string): Promise<void> {
  for (const code of codes) {
    try {
      await call('loadLanguage', { langs: code, options: { langPath, cacheMethod: 'none', gzip: true, lstmOnly: true } });
    } catch (error) {
      throw languageLoadError([code], messageOf(error));
    }
  }
}

/**
 * Tesseract says only that initializing a language mix failed; the languages that fail on their
 * own are the ones to blame (all of them when each loads alone — then it is the mix). Costs an
 * initialization per language, on this failure path only; the files are in the engine already.
 */
async function failingAlone(codes: readonly string[]): Promise<string[]> {
  if (codes.length < 2) return [...codes];
  const failing: string[] = [];
  for (const code of codes) {
    await call('initialize', { langs: code, oem: 1, config: {} }).catch(() => failing.push(code));
  }
  return failing.length > 0 ? failing : [...codes];
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^(Range)?Error: /, '');
}

/** Only what the parser reads: tesseract.js's page links back to itself and carries every symbol. */
function trim(page: TesseractPage): TesseractPage {
  const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  return {
    text: page.text,
    blocks: (page.blocks ?? []).map((block) => ({
      paragraphs: block.paragraphs.map((p) => ({
        bbox: box(p.bbox),
        lines: p.lines.map((l) => ({
          text: l.text,
          confidence: l.confidence,
          bbox: box(l.bbox),
          words: l.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: box(w.bbox) })),
        })),
      })),
    })),
  };
}
