// Our OCR engine in its own process (so its peak memory is its own), driven by bench/ocr.mjs over
// IPC so that its runs interleave with the native engine's and both see the same machine load:
//   fork(runOurs.mjs, [root, lang, langPath]) → { type: 'ready', engine, coldMs }
//   { type: 'recognize', image }                → { type: 'result', ms, text }
//   { type: 'end' }                             → { type: 'ended', maxRssMB }, then exits
// coldMs is the engine created and the language loaded. maxRssMB is the process's peak RSS: the
// engine's worker thread and its WebAssembly memory live in this process, so they are counted.
//
// The engine under test comes from `createEngine` below, the one seam to change:
//   - if dist/local.js exists and exports `createOcrEngine`, that is used (the extension's own
//     engine module): `await createOcrEngine({ languages: [lang], langPath, oem: 1, psm: 3 })` must
//     give `{ recognize(imagePath) → Promise<{ text }>, terminate?() }`, where `langPath` is a
//     directory holding `<lang>.traineddata.gz`;
//   - otherwise tesseract.js is driven directly with the settings the Local provider uses: LSTM
//     engine (OEM 1), automatic page segmentation (PSM 3, as the tesseract command line does; the
//     library's own default is 6, a single uniform block), language data from `langPath`, gzip,
//     no cache.
//   BENCH_OCR_ENGINE=tesseract.js forces the second.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [root, lang, langPath] = process.argv.slice(2);
const require = createRequire(path.join(root, 'package.json'));

/** The engine under test: `{ name, recognize(imagePath) → Promise<{ text }>, terminate() }`. */
async function createEngine() {
  const local = path.join(root, 'dist/local.js');
  let note;
  if (process.env.BENCH_OCR_ENGINE !== 'tesseract.js' && fs.existsSync(local)) {
    try {
      const mod = require(local);
      if (typeof mod.createOcrEngine === 'function') {
        const engine = await mod.createOcrEngine({ languages: [lang], langPath, oem: 1, psm: 3 });
        return {
          name: 'dist/local.js createOcrEngine',
          recognize: async (file) => ({ text: String((await engine.recognize(file)).text ?? '') }),
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
      const { text } = await engine.recognize(message.image);
      process.send({ type: 'result', ms: performance.now() - started, text });
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
