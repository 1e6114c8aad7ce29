// Local OCR figures (issue 6): our engine (bench/ocr/runOurs.mjs: the extension's dist/local.js
// when it exports createOcrEngine, else tesseract.js with the same settings) against the native
// tesseract 5 command line, on the OCR fixtures with ground truth (test/fixtures/ocr/manifest.json).
// Both engines get the same settings (LSTM engine --oem 1, automatic page segmentation --psm 3)
// and the very same language data: English is the 4.0.0_best_int model from
// @tesseract.js-data/eng (what the .vsix ships), gunzipped for the command line; Russian is
// Debian's rus.traineddata (tesseract-ocr-rus), gzipped for ours. Per image: time (median of
// BENCH_OCR_RUNS, default 3) and the ratio ours / native, character error rate (src/text/cer.ts)
// of each against the ground truth and the difference in points; per language: our cold start,
// first and warm recognition, and the peak memory of each.
//
// Native time: the command line loads its model on every call, so it is reported whole and also
// net of that load (the same call on a blank 64×64 image); "ours warm / native net" compares the
// recognition alone (the extension keeps its worker), "ours fresh / native" a start from nothing
// on both sides (our cold start + first recognition against one command-line call). The native
// engine is timed with one thread (OMP_THREAD_LIMIT=1, as ours has) and with its default OpenMP
// threads; the faster of the two is the reference.
//
// Called by scripts/bench.mjs (after `tsc -p test/tsconfig.json`, for out/src/text/cer.js), or on
// its own: `node bench/ocr.mjs`. Texts read by both engines go to bench/results/ocr/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TARGET_RATIO = 1.5;
const TARGET_POINTS = 1;
// Debian's tesseract-ocr-* packages put the language data here (tesseract 5; 4.00 on older ones).
const DEBIAN_TESSDATA = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];

export async function benchOcr(root) {
  const runs = Math.max(1, Number(process.env.BENCH_OCR_RUNS ?? 3));
  const require = createRequire(path.join(root, 'package.json'));
  const { characterErrorRate } = require(path.join(root, 'out/src/text/cer.js'));
  const fixtureDir = path.join(root, 'test/fixtures/ocr');
  const manifest = JSON.parse(fs.readFileSync(path.join(fixtureDir, 'manifest.json'), 'utf8'));
  const outDir = path.join(root, 'bench/results/ocr');
  fs.mkdirSync(outDir, { recursive: true });

  // The shared language data, in both forms: gunzipped for the command line (--tessdata-dir),
  // gzipped for tesseract.js (langPath).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'image-insight-bench-ocr-'));
  const tessdata = path.join(work, 'tessdata');
  const langPath = path.join(work, 'langPath');
  fs.mkdirSync(tessdata);
  fs.mkdirSync(langPath);
  const engGz = fs.readFileSync(require.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'));
  fs.writeFileSync(path.join(langPath, 'eng.traineddata.gz'), engGz);
  fs.writeFileSync(path.join(tessdata, 'eng.traineddata'), zlib.gunzipSync(engGz));
  const debianRus = DEBIAN_TESSDATA.map((d) => path.join(d, 'rus.traineddata')).find((f) => fs.existsSync(f));
  if (debianRus) {
    const rus = fs.readFileSync(debianRus);
    fs.writeFileSync(path.join(tessdata, 'rus.traineddata'), rus);
    fs.writeFileSync(path.join(langPath, 'rus.traineddata.gz'), zlib.gzipSync(rus));
  }

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

  /** One command-line call: { ms, text, maxRssMB }. */
  const nativeOnce = (file, lang, threads) => {
    const args = [file, '-', '--oem', '1', '--psm', '3', '-l', lang, '--tessdata-dir', tessdata];
    const env = { ...process.env, ...(threads === 1 ? { OMP_THREAD_LIMIT: '1' } : {}) };
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
  const nativeTimed = (file, lang, threads) => {
    nativeOnce(file, lang, threads); // warm the page cache for the binary, libraries and data
    const samples = Array.from({ length: runs }, () => nativeOnce(file, lang, threads));
    return { ms: median(samples.map((s) => s.ms)), text: samples[0].text, maxRssMB: Math.max(...samples.map((s) => s.maxRssMB)) };
  };

  // A blank page: what one command-line call costs before it reads any text (start, model load).
  const blank = path.join(work, 'blank.png');
  const sharp = require('sharp');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } }).png().toFile(blank);

  try {
    for (const lang of [...new Set(fixtures.map((f) => f.lang))]) {
      const group = fixtures.filter((f) => f.lang === lang);
      const r = spawnSync('node', [path.join(root, 'bench/ocr/runOurs.mjs'), root, lang, langPath, String(runs), ...group.map((f) => f.path)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`our OCR engine (${lang}) failed:\n${r.stderr}`);
      const ours = JSON.parse(r.stdout.trim().split('\n').pop());
      const load = native ? Math.min(nativeTimed(blank, lang, 1).ms, nativeTimed(blank, lang, 0).ms) : NaN;
      console.log(`  [${lang}] ours: ${ours.engine}`);
      console.log(`    ours cold start ${ours.coldMs.toFixed(0)} ms (engine created, ${lang} loaded), first recognition ${ours.results[0].firstMs.toFixed(0)} ms, peak RSS ${ours.maxRssMB} MB (whole Node process)`);
      if (native) console.log(`    native load-only ${load.toFixed(0)} ms per call (blank 64×64 page)`);
      console.log('    image              ours warm  first  | native 1 thr  default  net | warm/net  fresh/native | CER ours  native  Δ points | native RSS');
      for (const f of group) {
        const o = ours.results.find((x) => x.image === f.path);
        const base = f.name.replace(/\.[^.]+$/, '');
        fs.writeFileSync(path.join(outDir, `${base}.ours.txt`), o.text);
        const cerOurs = characterErrorRate(f.truth, o.text);
        let n1, nd, cerNative, netMs, ref;
        if (native) {
          n1 = nativeTimed(f.path, lang, 1);
          nd = nativeTimed(f.path, lang, 0);
          ref = n1.ms <= nd.ms ? n1 : nd;
          netMs = Math.max(1, ref.ms - load);
          cerNative = characterErrorRate(f.truth, ref.text);
          fs.writeFileSync(path.join(outDir, `${base}.native.txt`), ref.text);
        }
        const fmt = (x, d = 0, w = 6) => (Number.isFinite(x) ? x.toFixed(d) : '—').padStart(w);
        const pct = (c) => (c === undefined ? '     —' : c.referenceLength === 0 ? '     —' : `${(c.cer * 100).toFixed(1)}%`.padStart(6));
        const warmRatio = native ? o.warmMs / netMs : NaN;
        const freshRatio = native ? (ours.coldMs + o.firstMs) / ref.ms : NaN;
        const points = native && cerOurs.referenceLength > 0 ? (cerOurs.cer - cerNative.cer) * 100 : NaN;
        console.log(
          `    ${f.name.padEnd(18)} ${fmt(o.warmMs, 0, 9)} ${fmt(o.firstMs)}  | ${fmt(n1?.ms, 0, 12)} ${fmt(nd?.ms, 0, 8)} ${fmt(netMs, 0, 4)} | ${fmt(warmRatio, 2, 7)}× ${fmt(freshRatio, 2, 12)}× | ${pct(cerOurs).padStart(8)} ${pct(cerNative)} ${fmt(points, 1, 9)} | ${fmt(ref?.maxRssMB, 0, 6)} MB`,
        );
        if (cerOurs.referenceLength === 0) {
          // Nothing legible (see test/fixtures/ocr/README.md): what counts is what each engine made up.
          console.log(`      ${f.name}: no legible text; characters emitted: ours ${cerOurs.errors}, native ${cerNative ? cerNative.errors : '—'}`);
        } else if (native) {
          const verdict = [warmRatio <= TARGET_RATIO ? `time ok (≤ ${TARGET_RATIO}×)` : `time OVER ${TARGET_RATIO}×`, Math.abs(points) <= TARGET_POINTS || points < 0 ? `CER ok (within ${TARGET_POINTS} point)` : `CER OVER by ${points.toFixed(1)} points`];
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
