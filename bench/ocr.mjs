// Local OCR figures (issue 6): our engine (bench/ocr/runOurs.mjs: the extension's dist/local.js
// when it exports createOcrEngine, else tesseract.js with the same settings) against the native
// tesseract 5 command line, on the OCR fixtures with ground truth (test/fixtures/ocr/manifest.json).
// Both engines get the same settings (LSTM engine --oem 1, automatic page segmentation --psm 3)
// and the very same language data: English is the 4.0.0_best_int model from
// @tesseract.js-data/eng (what the .vsix ships), gunzipped for the command line; Russian is
// Debian's rus.traineddata (tesseract-ocr-rus), gzipped for ours. Per image: time (median of
// BENCH_OCR_RUNS, default 7: the photos read in 30–100 ms, where a few runs' noise decides) and
// the ratio ours / native, character error rate (src/text/cer.ts) of each against the ground
// truth and the difference in points; per language: our cold start, first and warm recognition,
// and the peak memory of each.
//
// Native time: the command line loads its model on every call, so it is reported whole and also
// net of that load (a call reading the image four times less a call reading it once, over
// three); "ours warm / native net" compares the recognition alone (the extension keeps its
// worker), "ours fresh / native" a start from nothing on both sides (our cold start + first
// recognition against one command-line call). The native engine is timed with one thread
// (OMP_THREAD_LIMIT=1, as ours has) and with its default OpenMP threads; the faster of the two is
// the reference. Our engine runs in its own process, kept between runs (as the extension keeps
// its worker), and its runs interleave with the native ones.
//
// Called by scripts/bench.mjs (after `tsc -p test/tsconfig.json`, for out/src/text/cer.js), or on
// its own: `node bench/ocr.mjs`. Texts read by both engines go to bench/results/ocr/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEBIAN_TESSDATA, shareLanguageData, startOurs } from './ocr/engines.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TARGET_RATIO = 1.5;
const TARGET_POINTS = 1;
/** Readings in the native batch call (see nativeBatch). */
const COPIES = 4;

export async function benchOcr(root) {
  const runs = Math.max(1, Number(process.env.BENCH_OCR_RUNS ?? 7));
  const require = createRequire(path.join(root, 'package.json'));
  const { characterErrorRate } = require(path.join(root, 'out/src/text/cer.js'));
  const fixtureDir = path.join(root, 'test/fixtures/ocr');
  const manifest = JSON.parse(fs.readFileSync(path.join(fixtureDir, 'manifest.json'), 'utf8'));
  const outDir = path.join(root, 'bench/results/ocr');
  fs.mkdirSync(outDir, { recursive: true });

  // The shared language data, in both forms: gunzipped for the command line (--tessdata-dir),
  // gzipped for tesseract.js (langPath).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'image-insight-bench-ocr-'));
  const { tessdata, langPath, rus: debianRus } = shareLanguageData(require, work);

  const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  const native = version.error || version.status !== 0 ? undefined : (version.stdout || version.stderr).split('\n')[0].trim();
  const gnuTime = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  const fixtures = manifest.fixtures
    .map((f) => ({ ...f, path: path.join(root, f.image), name: path.basename(f.image), truth: fs.readFileSync(path.join(fixtureDir, f.truth), 'utf8') }))
    .filter((f) => {
      if (f.lang !== 'eng' && !debianRus) console.log(`  (skipping ${f.name}: no ${f.lang}.traineddata in ${DEBIAN_TESSDATA.join(' or ')}; apt-get install tesseract-ocr-rus)`);
      return f.lang === 'eng' || Boolean(debianRus);
    });

  console.log(`local OCR: ours against the native tesseract command line, same data (eng 4.0.0_best_int from @tesseract.js-data, rus from Debian), --oem 1 --psm 3; median of ${runs}`);
  if (!native) {
    console.log('  native tesseract: NOT FOUND on PATH, so no ratios and no native CER (install it: apt-get install -y tesseract-ocr tesseract-ocr-rus); our figures alone follow');
  } else {
    console.log(`  native: ${native}${gnuTime ? '' : ' (no /usr/bin/time: no native peak memory)'}`);
  }

  /** The command line's arguments for one input (an image, or a file listing images), and its environment. */
  const nativeArgs = (input, lang) => [input, '-', '--oem', '1', '--psm', '3', '-l', lang, '--tessdata-dir', tessdata];
  const nativeEnv = (threads) => ({ ...process.env, ...(threads === 1 ? { OMP_THREAD_LIMIT: '1' } : {}) });
  /** One command-line call: { ms, text, maxRssMB }. */
  const nativeOnce = (file, lang, threads) => {
    const args = nativeArgs(file, lang);
    const env = nativeEnv(threads);
    const timeFile = path.join(work, 'time.txt');
    const started = performance.now();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, 'tesseract', ...args], { encoding: 'utf8', env })
      : spawnSync('tesseract', args, { encoding: 'utf8', env });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`tesseract on ${path.basename(file)} failed:\n${r.stderr}`);
    const maxRssMB = gnuTime ? Math.round(Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024) : NaN;
    return { ms, text: r.stdout, maxRssMB };
  };
  /**
   * The native reading alone: one call reading the image COPIES times against one call reading it
   * once, taken in the same round; the difference is COPIES − 1 readings with no start or model
   * load in it. (Subtracting a blank page's call instead left the photos' 40 ms net within the
   * ±30 ms noise of two 250 ms process starts.)
   */
  const nativeBatch = (file, lang, threads) => {
    const list = path.join(work, `list-${COPIES}.txt`);
    fs.writeFileSync(list, `${Array(COPIES).fill(file).join('\n')}\n`);
    const started = performance.now();
    const r = spawnSync('tesseract', nativeArgs(list, lang), { encoding: 'utf8', env: nativeEnv(threads) });
    if (r.status !== 0) throw new Error(`tesseract on ${COPIES} × ${path.basename(file)} failed:\n${r.stderr}`);
    return performance.now() - started;
  };

  try {
    for (const lang of [...new Set(fixtures.map((f) => f.lang))]) {
      const group = fixtures.filter((f) => f.lang === lang);
      // As the extension reads: with the page preparation (imageInsight.local.preprocess, on by
      // default); BENCH_OCR_PREPROCESS=0 reads as with the setting off.
      const ours = await startOurs(root, lang, langPath, { preprocess: process.env.BENCH_OCR_PREPROCESS !== '0' });
      const first = await ours.recognize(group[0].path);
      if (native) for (const threads of [1, 0]) nativeOnce(group[0].path, lang, threads); // warm the page cache (binary, libraries, data)
      console.log(`  [${lang}] ours: ${ours.engine}`);
      const rows = [];
      for (const f of group) {
        const o = { ms: [], text: '' };
        const n = { 1: [], 0: [] };
        const net = { 1: [], 0: [] };
        if (native) for (const threads of [1, 0]) nativeOnce(f.path, lang, threads);
        if (f !== group[0]) await ours.recognize(f.path); // its first run is not a warm one
        // Interleaved, order rotated each round: machine load (other processes, heat) falls on
        // both engines alike.
        for (let i = 0; i < runs; i++) {
          const steps = [
            async () => {
              const r = await ours.recognize(f.path);
              o.ms.push(r.ms);
              o.text = r.text;
            },
            // One call and a call reading it COPIES times, back to back: their difference is this round's net reading.
            ...(native
              ? [1, 0].map((threads) => () => {
                  const once = nativeOnce(f.path, lang, threads);
                  n[threads].push(once);
                  net[threads].push((nativeBatch(f.path, lang, threads) - once.ms) / (COPIES - 1));
                })
              : []),
          ];
          for (let k = 0; k < steps.length; k++) await steps[(k + i) % steps.length]();
        }
        rows.push({ f, o, n, net });
      }
      const { maxRssMB } = await ours.end();
      console.log(`    ours cold start ${ours.coldMs.toFixed(0)} ms (engine created, ${lang} loaded), first recognition ${first.ms.toFixed(0)} ms (${group[0].name}), peak RSS ${maxRssMB} MB (whole Node process)`);
      if (native) console.log(`    native net: a call reading the image ${COPIES} times minus a call reading it once, over ${COPIES - 1}, paired in each round (median, faster thread setting)`);
      console.log('    image              ours warm | native 1 thr  default   net | warm/net  fresh/native | CER ours  native  Δ points | native RSS');
      for (const { f, o, n, net } of rows) {
        const base = f.name.replace(/\.[^.]+$/, '');
        const oursMs = median(o.ms);
        fs.writeFileSync(path.join(outDir, `${base}.ours.txt`), o.text);
        const cerOurs = characterErrorRate(f.truth, o.text);
        let n1, nd, ref, netMs, cerNative;
        if (native) {
          n1 = median(n[1].map((x) => x.ms));
          nd = median(n[0].map((x) => x.ms));
          ref = n1 <= nd ? n[1] : n[0];
          netMs = Math.max(1, Math.min(median(net[1]), median(net[0])));
          cerNative = characterErrorRate(f.truth, ref[0].text);
          fs.writeFileSync(path.join(outDir, `${base}.native.txt`), ref[0].text);
        }
        const nativeRss = native ? Math.max(...[...n[1], ...n[0]].map((x) => x.maxRssMB)) : NaN;
        const fmt = (x, d = 0, w = 6) => (Number.isFinite(x) ? x.toFixed(d) : '—').padStart(w);
        const pct = (c) => (c === undefined || c.referenceLength === 0 ? '—' : `${(c.cer * 100).toFixed(1)}%`).padStart(6);
        const warmRatio = native ? oursMs / netMs : NaN;
        const freshRatio = native ? (ours.coldMs + first.ms) / Math.min(n1, nd) : NaN;
        const points = native && cerOurs.referenceLength > 0 ? (cerOurs.cer - cerNative.cer) * 100 : NaN;
        console.log(
          `    ${f.name.padEnd(18)} ${fmt(oursMs, 0, 9)} | ${fmt(n1, 0, 12)} ${fmt(nd, 0, 8)} ${fmt(netMs, 0, 5)} | ${fmt(warmRatio, 2, 7)}× ${fmt(freshRatio, 2, 12)}× | ${pct(cerOurs).padStart(8)} ${pct(cerNative)} ${fmt(points, 1, 9)} | ${fmt(nativeRss, 0, 6)} MB`,
        );
        if (cerOurs.referenceLength === 0) {
          // Nothing legible (see test/fixtures/ocr/README.md): what counts is what each engine made up.
          console.log(`      ${f.name}: no legible text; characters emitted: ours ${cerOurs.errors}, native ${cerNative ? cerNative.errors : '—'}`);
        } else if (native) {
          const verdict = [
            warmRatio <= TARGET_RATIO ? `time ok (≤ ${TARGET_RATIO}×)` : `time OVER ${TARGET_RATIO}×`,
            points <= TARGET_POINTS ? `CER ok (within ${TARGET_POINTS} point)` : `CER OVER by ${points.toFixed(1)} points`,
          ];
          console.log(`      ${f.name}: ${verdict.join(', ')}; errors ${cerOurs.errors} ours / ${cerNative.errors} native of ${cerOurs.referenceLength} characters`);
        }
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// On its own: `node bench/ocr.mjs` (compiles the tests' TypeScript first if out/ is missing).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (!fs.existsSync(path.join(root, 'out/src/text/cer.js'))) {
    if (spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'test/tsconfig.json'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('tsc failed');
  }
  await benchOcr(root);
}
