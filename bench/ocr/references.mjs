// The two reference engines of the degraded-pages bench (bench/ocrPages.mjs, issue 15), on the same
// language data as ours (bench/ocr/engines.mjs) and the image file as it is:
//   native        the tesseract command line, --oem 1 --psm 3, one thread (OMP_THREAD_LIMIT=1:
//                 on two cores its OpenMP threads only slow it down, and it runs beside the other);
//   tesseract.js  the library called bare: createWorker(lang, OEM.LSTM_ONLY), page segmentation 3
//                 (bench/ocr/runOurs.mjs's own fallback, in a process of its own).
// Only their texts count (their time is not the question), so the two run side by side, and each
// text is kept in a cache keyed by the engine's version, the language data's bytes and the image's
// bytes: a second run only reads what changed (bench/results/ is git-ignored; delete the file to
// trim it). BENCH_PAGES_FRESH=1 ignores the cache.
import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTesseractJs } from './engines.mjs';

const run = promisify(execFile);
const sha = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest('hex');

/**
 * Texts of both references for every image: `{ texts: Map<path, { native?, tesseractjs }>,
 * engines: { native?, tesseractjs }, cached, ran }`.
 * @param {{ root: string, require: NodeJS.Require, images: { path: string, lang: string }[], tessdata: string, langPath: string, cacheFile: string, fresh?: boolean }} o
 */
export async function readWithReferences({ root, require, images, tessdata, langPath, cacheFile, fresh }) {
  const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  const native = version.error || version.status !== 0 ? undefined : (version.stdout || version.stderr).split('\n')[0].trim();
  const tjs = `tesseract.js ${require('tesseract.js/package.json').version} (core ${require('tesseract.js-core/package.json').version})`;
  const cache = !fresh && fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {};
  const dataHash = new Map();
  const keyOf = (engine, image) => {
    if (!dataHash.has(image.lang)) dataHash.set(image.lang, sha(fs.readFileSync(path.join(tessdata, `${image.lang}.traineddata`))));
    return sha(engine, '|psm3|', dataHash.get(image.lang), fs.readFileSync(image.path));
  };
  const texts = new Map(images.map((i) => [i.path, {}]));
  const todo = { native: [], tesseractjs: [] };
  let cached = 0;
  for (const image of images) {
    for (const [name, engine] of [['native', native], ['tesseractjs', tjs]]) {
      if (!engine) continue;
      const key = keyOf(engine, image);
      if (typeof cache[key] === 'string') {
        texts.get(image.path)[name] = cache[key];
        cached++;
      } else todo[name].push({ image, key });
    }
  }

  const nativeLane = async () => {
    for (const { image, key } of todo.native) {
      const { stdout } = await run('tesseract', [image.path, '-', '--oem', '1', '--psm', '3', '-l', image.lang, '--tessdata-dir', tessdata], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
      texts.get(image.path).native = cache[key] = stdout;
    }
  };
  const tesseractjsLane = async () => {
    for (const lang of [...new Set(todo.tesseractjs.map((t) => t.image.lang))]) {
      const worker = await startTesseractJs(root, lang, langPath);
      try {
        for (const { image, key } of todo.tesseractjs.filter((t) => t.image.lang === lang)) {
          texts.get(image.path).tesseractjs = cache[key] = (await worker.recognize(image.path)).text;
        }
      } finally {
        await worker.end();
      }
    }
  };
  await Promise.all([nativeLane(), tesseractjsLane()]);
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(cache) + '\n');
  return { texts, engines: { native, tesseractjs: tjs }, cached, ran: todo.native.length + todo.tesseractjs.length };
}
