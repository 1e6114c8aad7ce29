// One candidate on one input, in a fresh process: `node runOne.mjs <ours|sharp|jimp> <file> <runs>`.
// Prints one JSON line: median and first-run time, peak RSS, output size and dimensions.
// The three fit the same Yandex Vision limits (JPEG ≤ 1 MB, ≤ 20 MP, upright) with the very same
// ladder, src/images/worker/fitLadder.ts, each over its own decoder and encoder.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [candidate, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(import.meta.url);
const MAX_BYTES = 1_000_000;
const MAX_PIXELS = 20_000_000;
const input = fs.readFileSync(file);

const { fitToLimit, PREVIEW_SCALE } = require(path.join(root, 'out/src/images/worker/fitLadder.js'));

/** Our own byte-fitting ladder (src/images/worker/fitLadder.ts) over the candidate's encoder. */
async function ladder(width, height, encodeAt) {
  const fitted = await fitToLimit({ width, height, format: 'jpeg', maxBytes: MAX_BYTES, minShortSide: 480 }, async (scale, quality) => {
    const bytes = await encodeAt(scale, quality);
    return { bytes, width: Math.round(width * scale), height: Math.round(height * scale) };
  });
  return fitted;
}

const candidates = {
  async ours() {
    const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
    const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
    const { PROVIDER_LIMITS } = require(path.join(root, 'out/src/images/limits.js'));
    const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), (m) => m);
    const bytes = new Uint8Array(input);
    return {
      run: async () => {
        const probe = await probeImage(bytes, 'input', (m) => m);
        const prepared = await preparer.prepare({ uri: '', name: 'input', size: bytes.length, ...probe, read: async () => bytes }, PROVIDER_LIMITS.yandexVision);
        return { bytes: prepared.bytes, width: prepared.transform.sent.width, height: prepared.transform.sent.height };
      },
      close: () => preparer.dispose(),
    };
  },
  /** The no-re-encode path: sniff, header, orientation, plan — what every analysis pays. */
  async 'ours-noop'() {
    const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
    const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
    const { PROVIDER_LIMITS } = require(path.join(root, 'out/src/images/limits.js'));
    const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), (m) => m);
    return {
      run: async () => {
        const bytes = new Uint8Array(fs.readFileSync(file)); // the read is part of the overhead
        const probe = await probeImage(bytes, 'input', (m) => m);
        const prepared = await preparer.prepare({ uri: '', name: 'input', size: bytes.length, ...probe, read: async () => bytes }, PROVIDER_LIMITS.yandexVision);
        if (prepared.reencoded.length > 0) throw new Error('the no-op input was re-encoded');
        return { bytes: prepared.bytes, width: probe.width, height: probe.height };
      },
      close: () => preparer.dispose(),
    };
  },
  async sharp() {
    const sharp = require('sharp');
    sharp.cache(false);
    return {
      run: async () => {
        const meta = await sharp(input).metadata();
        const upright = (meta.orientation ?? 1) >= 5 ? { w: meta.height, h: meta.width } : { w: meta.width, h: meta.height };
        const f = Math.min(1, Math.sqrt(MAX_PIXELS / (upright.w * upright.h)));
        const { data, info } = await sharp(input).rotate().resize(Math.floor(upright.w * f), Math.floor(upright.h * f)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
        const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
        let preview; // made once, like ours
        return ladder(info.width, info.height, async (scale, quality) => {
          if (scale === PREVIEW_SCALE) {
            preview ??= await sharp(data, raw).resize(Math.round(info.width / 4), Math.round(info.height / 4), { kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true });
            return sharp(preview.data, { raw: preview.info }).jpeg({ quality, optimizeCoding: true }).toBuffer();
          }
          let p = sharp(data, raw);
          if (scale < 1) p = p.resize(Math.round(info.width * scale), Math.round(info.height * scale), { kernel: 'lanczos3' });
          return p.jpeg({ quality, optimizeCoding: true }).toBuffer();
        });
      },
      close: () => undefined,
    };
  },
  async jimp() {
    const { Jimp } = require('jimp');
    return {
      run: async () => {
        const image = await Jimp.read(input); // applies the EXIF orientation
        const f = Math.min(1, Math.sqrt(MAX_PIXELS / (image.width * image.height)));
        if (f < 1) image.resize({ w: Math.floor(image.width * f), h: Math.floor(image.height * f) });
        const { width, height } = image;
        let preview; // made once, like ours
        return ladder(width, height, (scale, quality) => {
          if (scale === PREVIEW_SCALE) preview ??= image.clone().resize({ w: Math.round(width / 4), h: Math.round(height / 4) });
          const target = scale === PREVIEW_SCALE ? preview : scale < 1 ? image.clone().resize({ w: Math.round(width * scale), h: Math.round(height * scale) }) : image;
          return target.getBuffer('image/jpeg', { quality });
        });
      },
      close: () => undefined,
    };
  },
};

const { run, close } = await candidates[candidate]();
const times = [];
let last;
for (let i = 0; i <= runs; i++) {
  const started = performance.now();
  last = await run();
  times.push(performance.now() - started);
}
close();
const [first, ...rest] = times;
rest.sort((a, b) => a - b);
console.log(JSON.stringify({
  candidate,
  input: path.basename(file),
  firstMs: first,
  medianMs: rest[Math.floor(rest.length / 2)],
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  outBytes: last.bytes.length,
  width: last.width,
  height: last.height,
}));
process.exit(0);
