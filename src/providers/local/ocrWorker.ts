/**
 * The local OCR engine's worker thread (bundled to dist/ocr/ocrWorker.js). It runs
 * tesseract.js's own engine script in this thread and serves our WorkerClient protocol, so the
 * host gets the same lazy start, queue, cancellation (terminate), crash recovery and idle
 * shutdown as the image worker. It differs from tesseract.js's own Node worker in that it loads
 * only the LSTM cores we ship (SIMD, and a non-SIMD fallback) from beside this file, never
 * downloads (the extension puts language data in place), and needs no node_modules.
 */
import { gunzipSync } from 'node:zlib';
import type { OcrRequest, OcrResponse } from './ocrProtocol';
import type { TesseractPage } from './localParser';
import { serveRequests } from '../../workers/workerHost';

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
  gunzip: gunzipSync,
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
    await call('loadLanguage', { langs, options: { langPath: request.langPath, cacheMethod: 'none', gzip: true, lstmOnly: true } });
    // Dictionaries are init-only parameters: code mode needs its own initialization.
    await call('initialize', { langs, oem: 1, config: request.codeMode ? { load_system_dawg: '0', load_freq_dawg: '0' } : {} });
    initialized = key;
  }
  await call('setParameters', { params: { tessedit_pageseg_mode: String(request.psm), preserve_interword_spaces: request.codeMode ? '1' : '0' } });
  const page = await call<TesseractPage>('recognize', {
    image: new Uint8Array(request.image),
    options: {},
    output: { text: true, blocks: true, hocr: false, tsv: false },
  });
  return { result: trim(page) };
});

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
