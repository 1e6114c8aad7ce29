#!/usr/bin/env node
// The OCR corpus (issue 15): pages whose text is known, photographed and scanned badly on purpose —
// skewed, turned a quarter or half turn, shrunk or enlarged, compressed, blurred, noisy, unevenly
// lit, washed out, and several of these at once — with the true geometry of each, so a test or the
// bench (bench/ocrPages.mjs) can check both what an engine read and what its preparation found.
//
//   node scripts/ocr-corpus.mjs [--out DIR] [--pages a,b] [--conditions x,y]
//   import { makeCorpus } from './scripts/ocr-corpus.mjs'; const corpus = await makeCorpus({ root });
//
// Pages: the OCR fixtures (test/fixtures/ocr/manifest.json and README.md there): imageTextN (a
// book page), article (serif, two columns) and invoice (sans-serif letter with a table, five
// sizes) get every condition; russian and code a representative subset (SUBSET). Every page first
// gets a white margin of MARGIN px (the same for the upright page), so turning or skewing it cuts
// nothing and text never touches the edge.
//
// Deterministic and offline: wasm-vips (the dependency the extension ships) does every step; the
// noise comes from a fixed seed. Cached by content: a file is named after a hash of this script,
// the page's bytes and the condition, and is made again only when one of them changes. Default
// output: bench/results/ocr-corpus/ (git-ignored), with manifest.json listing what was made.
//
// Geometry, as the manifest gives it (`geometry`), applied in this order to the upright page:
//   turn   0 | 90 | 180 | 270: quarter turns CLOCKWISE (exact, no resampling). To make the page
//          upright again, turn it back by the same angle counter-clockwise.
//   skew   degrees, CLOCKWISE positive (as CSS rotate() and libvips' rotate: image y points down),
//          after the turn: with +7 the lines of the (turned) page fall to the right by 7°. The
//          canvas grows to hold the whole page; the corners are white. The total rotation of the
//          page is turn + skew clockwise.
//   scale  the factor applied to the page's size (0.5: half the width and height).
// Then the effects, in this order: uneven light ('shadow'), low contrast, blur, noise, JPEG.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const MARGIN = 16;
export const SEED = 15;

/** The pages: image and truth relative to the repository root; `set`: which conditions apply. */
export const PAGES = [
  { name: 'imageTextN', image: 'samples/imageTextN.png', truth: 'test/fixtures/ocr/imageTextN.txt', lang: 'eng', set: 'all' },
  { name: 'article', image: 'test/fixtures/ocr/article.png', truth: 'test/fixtures/ocr/article.txt', lang: 'eng', set: 'all' },
  { name: 'invoice', image: 'test/fixtures/ocr/invoice.png', truth: 'test/fixtures/ocr/invoice.txt', lang: 'eng', set: 'all' },
  { name: 'russian', image: 'test/fixtures/ocr/russian.png', truth: 'test/fixtures/ocr/russian.txt', lang: 'rus', set: 'subset' },
  { name: 'code', image: 'test/fixtures/ocr/code.png', truth: 'test/fixtures/ocr/code.txt', lang: 'eng', set: 'subset' },
];

/**
 * The conditions. Fields (all optional): turn, skew, scale (geometry, above); shadow (uneven
 * light: a darkening gradient corner to corner and a soft shadow band on the left, as a phone photo
 * under a lamp), lowContrast (a grey scan: ink at 115, paper at 204 of 255), blur (Gaussian
 * sigma, px), noise (Gaussian sigma of 255, one value per pixel for all bands), jpeg (quality).
 */
export const CONDITIONS = [
  { id: 'upright' },
  ...[3, 7, 12, 20, 30].flatMap((d) => [
    { id: `skew+${d}`, skew: d },
    { id: `skew-${d}`, skew: -d },
  ]),
  { id: 'turn90', turn: 90 },
  { id: 'turn180', turn: 180 },
  { id: 'turn270', turn: 270 },
  { id: 'scale0.35', scale: 0.35 },
  { id: 'scale0.5', scale: 0.5 },
  { id: 'scale2', scale: 2 },
  { id: 'jpeg30', jpeg: 30 },
  { id: 'blur', blur: 1.2 },
  { id: 'noise', noise: 24 },
  { id: 'shadow', shadow: true },
  { id: 'lowContrast', lowContrast: true },
  { id: 'turn180+skew+7', turn: 180, skew: 7 },
  { id: 'scale0.5+skew-12', scale: 0.5, skew: -12 },
  { id: 'shadow+jpeg30+skew+3', skew: 3, shadow: true, jpeg: 30 },
  { id: 'lowContrast+noise+turn90', turn: 90, lowContrast: true, noise: 24 },
  { id: 'turn270+skew-20', turn: 270, skew: -20 },
  { id: 'scale0.5+blur+jpeg30', scale: 0.5, blur: 1.2, jpeg: 30 },
];

/** The conditions the `subset` pages get: each kind once, and the combinations. */
export const SUBSET = ['upright', 'skew+7', 'skew-12', 'skew+30', 'turn90', 'turn180', 'scale0.5', 'shadow', 'turn180+skew+7', 'lowContrast+noise+turn90'];

/** A condition in words, e.g. "turned 180° + skew +7°". */
export function describeCondition(c) {
  const parts = [];
  if (c.turn) parts.push(`turned ${c.turn}°`);
  if (c.skew) parts.push(`skew ${c.skew > 0 ? '+' : '−'}${Math.abs(c.skew)}°`);
  if (c.scale && c.scale !== 1) parts.push(`scale ${c.scale}×`);
  if (c.shadow) parts.push('shadow');
  if (c.lowContrast) parts.push('low contrast');
  if (c.blur) parts.push(`blur σ${c.blur}`);
  if (c.noise) parts.push(`noise σ${c.noise}`);
  if (c.jpeg) parts.push(`JPEG q${c.jpeg}`);
  return parts.join(' + ') || 'upright';
}

/**
 * Makes (or finds in the cache) every page × condition asked for and returns the manifest:
 * `{ outDir, images: [{ page, lang, condition, label, path (absolute), file (relative to outDir),
 * truth (text), truthFile, geometry: { turn, skew, scale }, effects: string[], width, height }] }`,
 * grouped by page, the upright image first. Also writes it to `<outDir>/manifest.json` (there with
 * relative paths only, and without the texts).
 * @param {{ root: string, outDir?: string, pages?: string[], conditions?: string[] }} options
 *   pages / conditions: names / ids to keep (default: all, with the subset rule above).
 */
export async function makeCorpus({ root, outDir = path.join(root, 'bench/results/ocr-corpus'), pages, conditions }) {
  const self = fs.readFileSync(fileURLToPath(import.meta.url));
  const byId = new Map(CONDITIONS.map((c) => [c.id, c]));
  for (const id of conditions ?? []) if (!byId.has(id)) throw new Error(`unknown condition ${id}; known: ${[...byId.keys()].join(', ')}`);
  for (const name of pages ?? []) if (!PAGES.some((p) => p.name === name)) throw new Error(`unknown page ${name}; known: ${PAGES.map((p) => p.name).join(', ')}`);
  let vips; // loaded only when something is not in the cache
  const images = [];
  let made = 0;
  for (const page of PAGES.filter((p) => !pages || pages.includes(p.name))) {
    const source = fs.readFileSync(path.join(root, page.image));
    const truth = fs.readFileSync(path.join(root, page.truth), 'utf8');
    const dir = path.join(outDir, page.name);
    fs.mkdirSync(dir, { recursive: true });
    const wanted = CONDITIONS.filter((c) => (page.set === 'all' || SUBSET.includes(c.id)) && (!conditions || conditions.includes(c.id)));
    for (const condition of wanted) {
      const hash = crypto.createHash('sha256').update(self).update(source).update(JSON.stringify({ condition, MARGIN, SEED })).digest('hex').slice(0, 12);
      const file = `${condition.id}.${hash}.${condition.jpeg ? 'jpg' : 'png'}`;
      const target = path.join(dir, file);
      let size;
      if (fs.existsSync(target)) {
        size = readSize(target);
      } else {
        vips ??= await loadVips(root);
        const bytes = degrade(vips, source, condition);
        fs.writeFileSync(target, bytes.data);
        size = { width: bytes.width, height: bytes.height };
        made++;
        // Older versions of the same condition (another hash) are stale.
        for (const old of fs.readdirSync(dir)) if (old !== file && old.startsWith(`${condition.id}.`) && /^[0-9a-f]{12}\.(png|jpg)$/.test(old.slice(condition.id.length + 1))) fs.rmSync(path.join(dir, old));
      }
      images.push({
        page: page.name,
        lang: page.lang,
        condition: condition.id,
        label: describeCondition(condition),
        path: target,
        file: path.posix.join(page.name, file),
        truth,
        truthFile: page.truth,
        geometry: { turn: condition.turn ?? 0, skew: condition.skew ?? 0, scale: condition.scale ?? 1 },
        effects: ['shadow', 'lowContrast', 'blur', 'noise', 'jpeg'].filter((k) => condition[k]),
        ...size,
      });
    }
  }
  const manifest = { outDir, made, cached: images.length - made, images };
  const written = {
    comment: 'Made by scripts/ocr-corpus.mjs; file: relative to this directory; truthFile: relative to the repository root. geometry: turn = clockwise quarter turns, then skew = clockwise degrees (lines fall to the right when positive), scale = size factor.',
    images: images.map(({ path: _p, truth: _t, ...rest }) => rest),
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(written, null, 1) + '\n');
  return manifest;
}

/** wasm-vips from the project's dependencies, as the image worker loads it. */
async function loadVips(root) {
  const factory = createRequire(path.join(root, 'package.json'))('wasm-vips');
  const vips = await factory({ dynamicLibraries: [], print: () => undefined, printErr: () => undefined });
  vips.Cache.max(0);
  return vips;
}

/** The page with one condition applied: `{ data, width, height }` (PNG, or JPEG when asked). */
function degrade(vips, source, c) {
  const owned = [];
  const keep = (image) => (owned.push(image), image);
  try {
    let im = keep(vips.Image.newFromBuffer(source));
    if (im.hasAlpha()) im = keep(im.flatten({ background: [255, 255, 255] }));
    if (im.bands > 3) im = keep(im.extractBand(0, { n: 3 }));
    const white = new Array(im.bands).fill(255);
    im = keep(im.embed(MARGIN, MARGIN, im.width + 2 * MARGIN, im.height + 2 * MARGIN, { extend: 'background', background: white }));
    if (c.turn) im = keep(im.rot(`d${c.turn}`));
    if (c.skew) im = keep(im.rotate(c.skew, { background: white }));
    if (c.scale && c.scale !== 1) im = keep(im.resize(c.scale, { kernel: 'lanczos3' }));
    if (c.shadow) im = keep(keep(im.multiply(keep(lightField(vips, im.width, im.height)))).cast('uchar'));
    if (c.lowContrast) im = keep(im.linear(89 / 255, 115, { uchar: true }));
    if (c.blur) im = keep(im.gaussblur(c.blur));
    if (c.noise) {
      const noise = keep(vips.Image.gaussnoise(im.width, im.height, { sigma: c.noise, mean: 0, seed: SEED }));
      im = keep(keep(im.add(noise)).cast('uchar'));
    }
    const data = c.jpeg ? im.jpegsaveBuffer({ Q: c.jpeg, keep: 0 }) : im.pngsaveBuffer({ compression: 3, keep: 0 });
    return { data, width: im.width, height: im.height };
  } finally {
    for (const image of owned) image.delete();
  }
}

/**
 * The light falling on a page photographed under a lamp: full light in the top-left corner down to
 * 55 % in the bottom-right one, times a soft shadow (a hand, the phone) darkening the left fifth by
 * 35 %, fading out over the next tenth of the width. One float band, multiplied into the image.
 */
function lightField(vips, width, height) {
  const field = new Float32Array(width * height);
  const smooth = (t) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gradient = 1 - 0.45 * ((x / width + y / height) / 2);
      const shadow = 1 - 0.35 * (1 - smooth((x / width - 0.2) / 0.1));
      field[y * width + x] = gradient * shadow;
    }
  }
  return vips.Image.newFromMemory(field, width, height, 1, 'float');
}

/** Width and height from a PNG or JPEG header (cached files: no need to load wasm-vips). */
function readSize(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  for (let i = 2; i < b.length - 8; ) {
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error(`no size in ${file}`);
}

// From the command line: make the corpus and say what it holds.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const list = (s) => (s ? s.split(',').filter(Boolean) : undefined);
  const started = performance.now();
  const corpus = await makeCorpus({ root, outDir: arg('--out') ? path.resolve(arg('--out')) : undefined, pages: list(arg('--pages')), conditions: list(arg('--conditions')) });
  const pages = [...new Set(corpus.images.map((i) => i.page))];
  console.log(`OCR corpus in ${path.relative(process.cwd(), corpus.outDir) || '.'}: ${corpus.images.length} images (${corpus.made} made, ${corpus.cached} from the cache) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const page of pages) {
    const of = corpus.images.filter((i) => i.page === page);
    console.log(`  ${page} (${of[0].lang}): ${of.length} conditions, ${of[0].width}×${of[0].height} upright`);
  }
}
