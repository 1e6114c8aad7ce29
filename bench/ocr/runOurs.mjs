// Our OCR engine on a set of images in one language, in a fresh process (so its peak memory is its
// own): `node runOurs.mjs <root> <lang> <langPath> <runs> <image>...`. Prints one JSON line:
// which engine ran, the cold start (engine created and the language loaded), per image the first
// recognition, the median of <runs> warm ones and the text read, and the process's peak RSS (the
// engine's worker thread and its WebAssembly memory live in this process, so they are counted).
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

const [root, lang, langPath, runsArg, ...images] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg ?? 3));
const require = createRequire(path.join(root, 'package.json'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
const coldMs = performance.now() - coldStarted;
const results = [];
for (const image of images) {
  let t = performance.now();
  const { text } = await engine.recognize(image);
  const firstMs = performance.now() - t;
  const times = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await engine.recognize(image);
    times.push(performance.now() - t);
  }
  results.push({ image, text, firstMs, warmMs: median(times), warmAll: times });
}
await engine.terminate();
// resourceUsage().maxRSS is in kilobytes.
console.log(JSON.stringify({ engine: engine.name, lang, coldMs, results, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
