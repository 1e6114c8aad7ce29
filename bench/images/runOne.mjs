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

const { fitToLimit, scaledSize } = require(path.join(root, 'out/src/images/worker/fitLadder.js'));

/** Our own byte-fitting ladder (src/images/worker/fitLadder.ts) over the candidate's encoder. */
const ladder = (width, height, encoder) => fitToLimit({ width, height, format: 'jpeg', maxBytes: MAX_BYTES, minShortSide: 480 }, encoder);
/** The sampled rows of raw pixels (`channels` bytes each, rows contiguous), stacked. */
const stackRows = (data, width, channels, rows) => Buffer.concat(rows.map((r) => data.subarray(r.top * width * channels, (r.top + r.height) * width * channels)));

const candidates = {
  async ours() {
    const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
    const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
    const { yandexDescriptor } = require(path.join(root, 'out/src/providers/yandex/descriptor.js'));
    const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), (m) => m);
    const bytes = new Uint8Array(input);
    return {
      run: async () => {
        const probe = await probeImage(bytes, 'input', (m) => m);
        const prepared = await preparer.prepare({ uri: '', name: 'input', size: bytes.length, ...probe, read: async () => bytes }, yandexDescriptor.limits.vision);
        return { bytes: prepared.bytes, width: prepared.transform.sent.width, height: prepared.transform.sent.height };
      },
      close: () => preparer.dispose(),
    };
  },
  /** The no-re-encode path: sniff, header, orientation, plan — what every analysis pays. */
  async 'ours-noop'() {
    const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
    const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
    const { yandexDescriptor } = require(path.join(root, 'out/src/providers/yandex/descriptor.js'));
    const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), (m) => m);
    return {
      run: async () => {
        const bytes = new Uint8Array(fs.readFileSync(file)); // the read is part of the overhead
        const probe = await probeImage(bytes, 'input', (m) => m);
        const prepared = await preparer.prepare({ uri: '', name: 'input', size: bytes.length, ...probe, read: async () => bytes }, yandexDescriptor.limits.vision);
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
        const C = info.channels;
        const at = (scale) => {
          const { width, height } = scaledSize(info, scale);
          return scale === 1 ? sharp(data, raw) : sharp(data, raw).resize(width, height, { kernel: 'lanczos3' });
        };
        const jpeg = (pipeline, quality) => pipeline.jpeg({ quality, optimizeCoding: true }).toBuffer();
        return ladder(info.width, info.height, {
          async encode(scale, quality) {
            return { bytes: await jpeg(at(scale), quality), ...scaledSize(info, scale) };
          },
          async encodeRows(scale, quality, rows) {
            const { width } = scaledSize(info, scale);
            // Resized, only the sampled rows: a pipeline per stripe, libvips computing just what extract asks for.
            const stacked =
              scale === 1
                ? stackRows(data, width, C, rows)
                : Buffer.concat(await Promise.all(rows.map((r) => at(scale).extract({ left: 0, top: r.top, width, height: r.height }).raw().toBuffer())));
            return (await jpeg(sharp(stacked, { raw: { width, height: stacked.length / (width * C), channels: C } }), quality)).length;
          },
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
        let last; // the last resized copy: jimp resizes whole images only
        const at = (scale) => {
          if (scale === 1) return image;
          if (last?.scale !== scale) last = { scale, image: image.clone().resize({ w: scaledSize(image, scale).width, h: scaledSize(image, scale).height }) };
          return last.image;
        };
        return ladder(width, height, {
          async encode(scale, quality) {
            const target = at(scale);
            return { bytes: await target.getBuffer('image/jpeg', { quality }), width: target.width, height: target.height };
          },
          async encodeRows(scale, quality, rows) {
            const { bitmap } = at(scale);
            const data = stackRows(bitmap.data, bitmap.width, 4, rows);
            return (await Jimp.fromBitmap({ data, width: bitmap.width, height: data.length / (bitmap.width * 4) }).getBuffer('image/jpeg', { quality })).length;
          },
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
