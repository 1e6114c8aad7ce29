// Our OCR engine in its own process (so its peak memory is its own), driven by bench/ocr.mjs over
// IPC so that its runs interleave with the native engine's and both see the same machine load
// (and by bench/ocrPages.mjs, with `{ "preprocess": true }` as the optional fourth argument):
//   fork(runOurs.mjs, [root, lang, langPath, optionsJson?]) → { type: 'ready', engine, coldMs }
//   { type: 'recognize', image }                → { type: 'result', ms, text, preparation? }
//   { type: 'end' }                             → { type: 'ended', maxRssMB }, then exits
// coldMs is the engine created and the language loaded. maxRssMB is the process's peak RSS: the
// engine's worker thread and its WebAssembly memory live in this process, so they are counted.
//
// The engine under test comes from `createEngine` below, the one seam to change:
//   - if dist/local.js exists and exports `createOcrEngine`, that is used (the extension's own
//     engine module): `await createOcrEngine({ languages: [lang], langPath, oem: 1, psm: 3, ...options })`
//     must give `{ recognize(imagePath) → Promise<{ text, preparation? }>, terminate?() }`, where
//     `langPath` is a directory holding `<lang>.traineddata.gz` and `preparation` (issue 15) says
//     what the engine did to the page before reading it;
//   - otherwise tesseract.js is driven directly with the settings the Local provider uses: LSTM
//     engine (OEM 1), automatic page segmentation (PSM 3, as the tesseract command line does; the
//     library's own default is 6, a single uniform block), language data from `langPath`, gzip,
//     no cache (the options are ignored: no preparation).
//   BENCH_OCR_ENGINE=tesseract.js forces the second.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [root, lang, langPath, optionsJson] = process.argv.slice(2);
const options = optionsJson ? JSON.parse(optionsJson) : {};
const require = createRequire(path.join(root, 'package.json'));

/** The engine under test: `{ name, recognize(imagePath) → Promise<{ text, preparation? }>, terminate() }`. */
async function createEngine() {
  const local = path.join(root, 'dist/local.js');
  let note;
  if (process.env.BENCH_OCR_ENGINE !== 'tesseract.js' && fs.existsSync(local)) {
    try {
      const mod = require(local);
      if (typeof mod.createOcrEngine === 'function') {
        const engine = await mod.createOcrEngine({ languages: [lang], langPath, oem: 1, psm: 3, ...options });
        return {
          name: `dist/local.js createOcrEngine${optionsJson ? ` ${optionsJson}` : ''}`,
          recognize: async (file) => {
            const { text, preparation } = await engine.recognize(file);
            return { text: String(text ?? ''), ...(preparation ? { preparation } : {}) };
          },
          terminate: async () => engine.terminate?.(),
        };
      }
      note = 'dist/local.js has no createOcrEngine export';
    } catch (error) {
      note = `dist/local.js did not load in plain Node: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const { createWorker, OEM, PSM } = require('tesseract.js');
  const version = require('tesseract.js/package.json').version;
  const worker = await createWorker(lang, OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true });
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
  return {
    name: `tesseract.js ${version} directly${note ? ` (${note})` : ''}`,
    recognize: async (file) => ({ text: (await worker.recognize(file)).data.text }),
    terminate: () => worker.terminate(),
  };
}

const coldStarted = performance.now();
const engine = await createEngine();
process.send({ type: 'ready', engine: engine.name, coldMs: performance.now() - coldStarted });
process.on('message', (message) => {
  void (async () => {
    if (message.type === 'recognize') {
      const started = performance.now();
      const { text, preparation } = await engine.recognize(message.image);
      process.send({ type: 'result', ms: performance.now() - started, text, ...(preparation ? { preparation } : {}) });
    } else if (message.type === 'end') {
      await engine.terminate();
      // resourceUsage().maxRSS is in kilobytes.
      process.send({ type: 'ended', maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }, () => process.exit(0));
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
