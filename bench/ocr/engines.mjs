// What both OCR benches share (bench/ocr.mjs, issue 6; bench/ocrPages.mjs, issue 15): the very same
// language data for every engine, and our engine in a process of its own (bench/ocr/runOurs.mjs).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Debian's tesseract-ocr-* packages put the language data here (tesseract 5; 4.00 on older ones).
export const DEBIAN_TESSDATA = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];

/**
 * The shared language data in `work`, in both forms: gunzipped for the command line
 * (`tessdata`, for --tessdata-dir), gzipped for tesseract.js (`langPath`). English is the
 * 4.0.0_best_int model from @tesseract.js-data/eng (what the .vsix ships); Russian is Debian's
 * rus.traineddata (tesseract-ocr-rus), when installed (`rus`: its path, or undefined).
 * @param {NodeJS.Require} require  resolving from the repository root
 */
export function shareLanguageData(require, work) {
  const tessdata = path.join(work, 'tessdata');
  const langPath = path.join(work, 'langPath');
  fs.mkdirSync(tessdata, { recursive: true });
  fs.mkdirSync(langPath, { recursive: true });
  const engGz = fs.readFileSync(require.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'));
  fs.writeFileSync(path.join(langPath, 'eng.traineddata.gz'), engGz);
  fs.writeFileSync(path.join(tessdata, 'eng.traineddata'), zlib.gunzipSync(engGz));
  const rus = DEBIAN_TESSDATA.map((d) => path.join(d, 'rus.traineddata')).find((f) => fs.existsSync(f));
  if (rus) {
    const bytes = fs.readFileSync(rus);
    fs.writeFileSync(path.join(tessdata, 'rus.traineddata'), bytes);
    fs.writeFileSync(path.join(langPath, 'rus.traineddata.gz'), zlib.gzipSync(bytes));
  }
  return { tessdata, langPath, rus };
}

/**
 * Our engine in a child process (bench/ocr/runOurs.mjs), driven over IPC. `options` go to
 * `createOcrEngine` on top of the languages, data and --oem 1 --psm 3 (e.g. `{ preprocess: true }`).
 * `recognize` resolves `{ ms, text, preparation? }`.
 */
export function startOurs(root, lang, langPath, options) {
  return startRunner(root, [lang, langPath, ...(options ? [JSON.stringify(options)] : [])], process.env);
}

/** tesseract.js called bare, the same way (runOurs.mjs's fallback: LSTM, psm 3, the shared data). */
export function startTesseractJs(root, lang, langPath) {
  return startRunner(root, [lang, langPath], { ...process.env, BENCH_OCR_ENGINE: 'tesseract.js' });
}

async function startRunner(root, args, env) {
  const lang = args[0];
  const child = fork(path.join(root, 'bench/ocr/runOurs.mjs'), [root, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`OCR engine (${lang}) exited with ${code}:\n${stderr}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  const ready = await next();
  return {
    engine: ready.engine,
    coldMs: ready.coldMs,
    recognize: (image) => (child.send({ type: 'recognize', image }), next()),
    end: () => (child.send({ type: 'end' }), next()),
  };
}
