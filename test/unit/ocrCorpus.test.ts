import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadVips, type Vips, type VipsImage } from '../../src/images/worker/vips';

// The OCR corpus (scripts/ocr-corpus.mjs, issue 15) is the truth the degraded-pages bench checks
// our engine's preparation against (bench/ocrPages.mjs), so its own geometry must be what its
// manifest says: quarter turns clockwise and exact, skews clockwise-positive on a canvas that holds
// the whole page, scales by the factor given; and the same bytes every time (fixed seed, cache by
// content). On the Russian page (one long line on top: the sign of a skew shows at once) and, for
// the JPEG and the noise, on imageTextN. A few seconds (two wasm-vips instances start).
const ROOT = path.resolve(__dirname, '../../..');

interface CorpusImage {
  page: string;
  lang: string;
  condition: string;
  path: string;
  file: string;
  truth: string;
  geometry: { turn: number; skew: number; scale: number };
  effects: string[];
  width: number;
  height: number;
}
interface Corpus {
  made: number;
  cached: number;
  images: CorpusImage[];
}
type MakeCorpus = (options: { root: string; outDir: string; pages?: string[]; conditions?: string[] }) => Promise<Corpus>;

const CONDITIONS = ['upright', 'skew+7', 'skew-12', 'turn90', 'scale0.5', 'turn180+skew+7']; // in the corpus's order

describe('OCR corpus (scripts/ocr-corpus.mjs)', function () {
  this.timeout(60_000);
  let makeCorpus: MakeCorpus;
  let vips: Vips;
  let dir: string;
  let corpus: Corpus;
  const image = (condition: string): CorpusImage => corpus.images.find((i) => i.condition === condition)!;
  const load = (file: string): VipsImage => vips.Image.newFromBuffer(new Uint8Array(fs.readFileSync(file)));

  before(async () => {
    // A variable path: the script is plain JavaScript, loaded as it is, not compiled with the tests.
    const script = pathToFileURL(path.join(ROOT, 'scripts/ocr-corpus.mjs')).href;
    ({ makeCorpus } = (await import(script)) as { makeCorpus: MakeCorpus });
    vips = await loadVips(path.join(ROOT, 'dist/vendor/wasm-vips'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-corpus-test-'));
    corpus = await makeCorpus({ root: ROOT, outDir: dir, pages: ['russian'], conditions: CONDITIONS });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists each image with its page, language, truth and true geometry, upright first', () => {
    assert.deepEqual(
      corpus.images.map((i) => i.condition),
      CONDITIONS,
    );
    const truth = fs.readFileSync(path.join(ROOT, 'test/fixtures/ocr/russian.txt'), 'utf8');
    for (const i of corpus.images) {
      assert.equal(i.page, 'russian');
      assert.equal(i.lang, 'rus');
      assert.equal(i.truth, truth);
      assert.ok(fs.existsSync(i.path), i.file);
    }
    assert.deepEqual(image('turn180+skew+7').geometry, { turn: 180, skew: 7, scale: 1 });
    assert.deepEqual(image('skew-12').geometry, { turn: 0, skew: -12, scale: 1 });
    assert.deepEqual(image('scale0.5').geometry, { turn: 0, skew: 0, scale: 0.5 });
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.equal(written.images.length, CONDITIONS.length);
  });

  it('turns a quarter turn clockwise, exactly', () => {
    const upright = load(image('upright').path);
    const turned = load(image('turn90').path);
    const { width: w, height: h, bands } = upright;
    assert.deepEqual([turned.width, turned.height, turned.bands], [h, w, bands]);
    const before = pixels(upright);
    const after = pixels(turned);
    // Clockwise: what was at (x, y) is at (h − 1 − y, x), every pixel, every band.
    let differing = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let b = 0; b < bands; b++) if (after[(x * h + (h - 1 - y)) * bands + b] !== before[(y * w + x) * bands + b]) differing++;
      }
    }
    assert.equal(differing, 0);
  });

  it('skews clockwise for a positive angle (the lines fall to the right) on a canvas that holds the whole page', () => {
    const upright = image('upright');
    for (const [condition, degrees] of [
      ['skew+7', 7],
      ['skew-12', -12],
    ] as const) {
      const skewed = image(condition);
      const a = (Math.abs(degrees) * Math.PI) / 180;
      assert.ok(Math.abs(skewed.width - (upright.width * Math.cos(a) + upright.height * Math.sin(a))) <= 2, `${condition} width ${skewed.width}`);
      assert.ok(Math.abs(skewed.height - (upright.width * Math.sin(a) + upright.height * Math.cos(a))) <= 2, `${condition} height ${skewed.height}`);
      // The page's first line is its longest: its left end is the highest ink when the page is
      // turned clockwise, its right end when counter-clockwise.
      const x = topmostInk(load(skewed.path));
      if (degrees > 0) assert.ok(x < skewed.width / 3, `${condition}: topmost ink at x = ${x} of ${skewed.width}`);
      else assert.ok(x > (skewed.width * 2) / 3, `${condition}: topmost ink at x = ${x} of ${skewed.width}`);
    }
  });

  it('scales by the factor it states', () => {
    const upright = image('upright');
    const half = image('scale0.5');
    assert.ok(Math.abs(half.width - upright.width / 2) <= 1 && Math.abs(half.height - upright.height / 2) <= 1, `${half.width}×${half.height}`);
  });

  it('makes the same bytes every time, and only once (cached by content)', async () => {
    const again = await makeCorpus({ root: ROOT, outDir: dir, pages: ['russian'], conditions: CONDITIONS });
    assert.equal(again.made, 0);
    assert.equal(again.cached, CONDITIONS.length);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-corpus-test-'));
    try {
      const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      const fresh = await makeCorpus({ root: ROOT, outDir: path.join(other, 'a'), pages: ['russian'], conditions: CONDITIONS });
      for (const [k, i] of corpus.images.entries()) assert.equal(hash(fresh.images[k]!.path), hash(i.path), i.file);
      // The noise comes from a fixed seed; the JPEG is a JPEG.
      const [jpeg, noise] = (await makeCorpus({ root: ROOT, outDir: path.join(other, 'b'), pages: ['imageTextN'], conditions: ['jpeg30', 'noise'] })).images;
      const [, noiseAgain] = (await makeCorpus({ root: ROOT, outDir: path.join(other, 'c'), pages: ['imageTextN'], conditions: ['jpeg30', 'noise'] })).images;
      assert.equal(hash(noiseAgain!.path), hash(noise!.path));
      assert.deepEqual(jpeg!.effects, ['jpeg']);
      assert.deepEqual([...fs.readFileSync(jpeg!.path).subarray(0, 3)], [0xff, 0xd8, 0xff]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  /** The image's pixels, row by row, band by band (and the image is freed). */
  function pixels(im: VipsImage): Uint8Array {
    try {
      return (im as VipsImage & { writeToMemory(): Uint8Array }).writeToMemory();
    } finally {
      im.delete();
    }
  }

  /** The x of the highest dark pixel (the first row, from the top, with any pixel below 100). */
  function topmostInk(im: VipsImage): number {
    const { width, bands } = im;
    const data = pixels(im);
    for (let i = 0; i < data.length; i += bands) if (data[i]! < 100) return (i / bands) % width;
    return -1;
  }
});
