// The cost of refusing damaged files (src/images/integrity.ts): walking a ~10 MB file of each
// format from its header to its end mark, no pixel decoded. Reference in the same run, on the same
// bytes: their SHA-256 (which the pipeline computes anyway) and reading the file from disk.
// Inputs are noise (the worst case for compression, so 10 MB stays a few megapixels), made with
// sharp once into bench/results/inputs/; BMP is written by hand (sharp writes none).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';

const RUNS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Deterministic noise (xorshift32: an LCG's low bits repeat, and PNG would find the pattern). */
function noise(width, height) {
  let x = 2463534242;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    pixels[i] = x >>> 24;
  }
  return { pixels, raw: { raw: { width, height, channels: 3 } } };
}

/** A 24-bit bottom-up BMP of the pixels (rows of 3 × width bytes, padded to 4). */
function bmp({ pixels, raw: { raw } }) {
  const stride = Math.ceil((raw.width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + stride * raw.height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(raw.width, 18);
  file.writeInt32LE(raw.height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  for (let y = 0; y < raw.height; y++) pixels.copy(file, 54 + (raw.height - 1 - y) * stride, y * raw.width * 3, (y + 1) * raw.width * 3);
  return file;
}

async function makeIntegrityInputs(root) {
  const dir = path.join(root, 'bench/results/inputs');
  fs.mkdirSync(dir, { recursive: true });
  // Sizes chosen so that each file comes out near 10 MB.
  const recipes = {
    JPEG: ['integrity-10mb.jpg', () => noise(3700, 2800), (n) => sharp(n.pixels, n.raw).jpeg({ quality: 95 }).toBuffer()],
    PNG: ['integrity-10mb.png', () => noise(2600, 1300), (n) => sharp(n.pixels, n.raw).png({ compressionLevel: 1 }).toBuffer()],
    GIF: ['integrity-10mb.gif', () => noise(3000, 2600), (n) => sharp(n.pixels, n.raw).gif({ effort: 1, dither: 0 }).toBuffer()],
    WebP: ['integrity-10mb.webp', () => noise(2100, 1800), (n) => sharp(n.pixels, n.raw).webp({ quality: 100, effort: 0 }).toBuffer()],
    TIFF: ['integrity-10mb.tiff', () => noise(1900, 1800), (n) => sharp(n.pixels, n.raw).tiff({ compression: 'none' }).toBuffer()],
    BMP: ['integrity-10mb.bmp', () => noise(1900, 1800), (n) => bmp(n)],
  };
  const out = {};
  for (const [format, [name, pixels, encode]] of Object.entries(recipes)) {
    out[format] = path.join(dir, name);
    if (!fs.existsSync(out[format])) fs.writeFileSync(out[format], await encode(pixels()));
  }
  return out;
}

export async function benchIntegrity(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const { findDamage } = require(path.join(root, 'out/src/images/integrity.js'));
  const { sniffFormat } = require(path.join(root, 'out/src/images/formats.js'));
  const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
  const { formatOnly } = require(path.join(root, 'out/src/shared/localize.js'));
  const inputs = await makeIntegrityInputs(root);
  console.log(`integrity check (structure walk to the end mark, no decoding; median of ${RUNS} runs after a warm-up), against the same bytes' SHA-256 and reading the file, measured alongside`);
  for (const [label, file] of Object.entries(inputs)) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const format = sniffFormat(bytes);
    const damage = findDamage(bytes, format);
    if (damage) throw new Error(`${path.basename(file)} is not whole: ${JSON.stringify(damage)}`);
    const check = [];
    const sha = [];
    const read = [];
    const probe = [];
    for (let i = 0; i <= RUNS; i++) {
      let started = performance.now();
      findDamage(bytes, format);
      const checked = performance.now() - started;
      started = performance.now();
      crypto.createHash('sha256').update(bytes).digest();
      const hashed = performance.now() - started;
      started = performance.now();
      fs.readFileSync(file);
      const wasRead = performance.now() - started;
      started = performance.now();
      await probeImage(bytes, path.basename(file), formatOnly);
      const probed = performance.now() - started;
      if (i === 0) continue; // warm-up: tables built, code compiled, file in the page cache
      check.push(checked);
      sha.push(hashed);
      read.push(wasRead);
      probe.push(probed);
    }
    const [c, s, r] = [median(check), median(sha), median(read)];
    const digits = (x) => x.toFixed(x < 0.1 ? 3 : 2); // the walks that jump straight to the end take microseconds
    console.log(
      `  ${label.padEnd(4)} ${(bytes.length / 1e6).toFixed(1).padStart(5)} MB: check ${digits(c).padStart(6)} ms = ${digits(c / s)} × sha256 (${s.toFixed(2)} ms), ${digits(c / r)} × reading it (${r.toFixed(2)} ms); whole probeImage ${median(probe).toFixed(2)} ms`,
    );
  }
}
