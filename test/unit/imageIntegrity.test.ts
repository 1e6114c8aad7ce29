import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sniffFormat } from '../../src/images/formats';
import { findDamage } from '../../src/images/integrity';
import { probeImage } from '../../src/images/probe';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { makeTiffHeader } from './imageBuilders';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/images');
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const probe = (bytes: Uint8Array, name: string) => probeImage(bytes, name, formatOnly);
const refused = (bytes: Uint8Array, name: string, expected: RegExp) =>
  assert.rejects(probe(bytes, name), (e: Error) => e instanceof UserError && e.file === name && e.message.startsWith(`"${name}" `) && expected.test(e.message), name);
const damageOf = (bytes: Uint8Array) => findDamage(bytes, sniffFormat(bytes)!);
const concat = (...parts: Array<Uint8Array | number[]>) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
const ascii = (s: string) => [...Buffer.from(s, 'binary')];
const u32le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];

/** The damaged fixtures (test/fixtures/images/make.sh) and what the refusal says. */
const DAMAGED: Array<[string, RegExp]> = [
  ['cut-short.jpg', /is cut short or damaged: the JPEG file ends before its end-of-image marker\.$/],
  ['truncated.jpg', /is cut short or damaged: the JPEG file ends before its end-of-image marker\.$/],
  ['cut-short.png', /is cut short or damaged: the PNG file ends before its IEND chunk\.$/],
  ['cut-short.gif', /is cut short or damaged: the GIF file ends before its trailer\.$/],
  ['cut-short.webp', /is cut short or damaged: the WebP file is shorter than its RIFF header says\.$/],
  ['cut-short.tiff', /is cut short or damaged: the TIFF file ends before data it points to\.$/],
  ['cut-short.bmp', /is cut short or damaged: the BMP file ends before its pixel data does\.$/],
  ['bad-crc.png', /is a damaged PNG file: the checksum of its IHDR chunk is wrong\.$/],
];
/** Every other image fixture is whole, and so are the samples. */
const INTACT = [
  ...fs.readdirSync(FIXTURES).filter((f) => !/\.(sh|mjs)$/.test(f) && !DAMAGED.some(([d]) => d === f)).map((f) => path.join(FIXTURES, f)),
  ...fs.readdirSync(path.join(ROOT, 'samples')).map((f) => path.join(ROOT, 'samples', f)),
];

describe('damaged (cut-short) image files: findDamage and probeImage', () => {
  it('refuses each damaged fixture, naming the file and what is wrong', async () => {
    for (const [name, expected] of DAMAGED) await refused(read(name), name, expected);
  });

  it('accepts every intact fixture and sample, of every format', async () => {
    assert.ok(INTACT.length > 25, `only ${INTACT.length} intact files found`);
    const formats = new Set<string>();
    for (const file of INTACT) {
      const probed = await probe(new Uint8Array(fs.readFileSync(file)), path.basename(file));
      formats.add(probed.format);
    }
    assert.deepEqual([...formats].sort(), ['avif', 'bmp', 'gif', 'heic', 'jpeg', 'png', 'svg', 'tiff', 'webp']);
  });

  it('refuses every proper prefix of an intact file (each format, a few hundred cut points)', async () => {
    for (const name of ['orient-6.jpg', 'progressive.jpg', 'cmyk.jpg', 'upright.png', 'palette-alpha.png', 'animated.gif', 'image.webp', 'image.tiff', 'image.bmp']) {
      const bytes = read(name);
      const step = Math.max(1, Math.floor(bytes.length / 200));
      for (let length = 0; length < bytes.length; length += length >= bytes.length - 40 ? 1 : step) {
        await assert.rejects(probe(bytes.subarray(0, length), name), (e: Error) => e instanceof UserError && e.file === name, `${name} cut at ${length} of ${bytes.length}`);
      }
    }
  });

  it('accepts data after a complete image: a motion photo\'s video after the JPEG, bytes after PNG IEND, the GIF trailer, the RIFF size', async () => {
    const motion = read('motion-photo.jpg');
    assert.ok(motion.length > read('orient-1.jpg').length + 1000);
    assert.deepEqual(await probe(motion, 'motion-photo.jpg'), await probe(read('orient-1.jpg'), 'orient-1.jpg'));
    const video = concat([0, 0, 0, 0x18], ascii('ftypmp42'), [0, 0, 0, 0], ascii('isommp42'), [0xff, 0xd8, 0xff, 0x00, 0x89, 0x50]);
    for (const name of ['upright.png', 'animated.gif', 'image.webp', 'image.tiff', 'image.bmp', 'progressive.jpg']) {
      assert.equal(damageOf(concat(read(name), video)), undefined, name);
    }
  });

  it('accepts a progressive JPEG: several scans, each followed through to EOI', async () => {
    const bytes = read('progressive.jpg');
    let scans = 0;
    for (let at = bytes.indexOf(0xff); at >= 0; at = bytes.indexOf(0xff, at + 1)) if (bytes[at + 1] === 0xda) scans++;
    assert.ok(scans >= 3, `${scans} scans`);
    assert.equal((await probe(bytes, 'progressive.jpg')).format, 'jpeg');
  });

  describe('JPEG', () => {
    const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
    const jpeg = (...parts: number[][]) => concat([0xff, 0xd8], ...parts);
    const sos = segment(0xda, [1, 1, 0, 0, 63, 0]);

    it('walks scan data past stuffed FF00 bytes, RSTn markers and fill bytes, through several scans, to EOI', () => {
      const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0xff, 0xd1, 0x78];
      assert.equal(findDamage(jpeg(sos, scan, [0xff, 0xd9]), 'jpeg'), undefined);
      assert.equal(findDamage(jpeg(sos, scan, segment(0xc4, [0, 1, 2]), sos, scan, [0xff, 0xff, 0xd9]), 'jpeg'), undefined);
      assert.deepEqual(findDamage(jpeg(sos, scan, segment(0xc4, [0, 1, 2]), sos, scan), 'jpeg'), { reason: 'jpegEnd' }, 'second scan cut');
      assert.deepEqual(findDamage(jpeg(sos, scan.slice(0, 2)), 'jpeg'), { reason: 'jpegEnd' }, 'cut after a stuffed FF');
    });

    it('refuses a file whose last byte is cut (FF without D9)', async () => {
      const whole = read('orient-1.jpg');
      assert.deepEqual([...whole.subarray(-2)], [0xff, 0xd9]);
      await refused(whole.subarray(0, whole.length - 1), 'x.jpg', /ends before its end-of-image marker/);
      assert.deepEqual(findDamage(jpeg(sos, [0x12, 0xff]), 'jpeg'), { reason: 'jpegEnd' });
    });

    it('is not fooled by an EOI inside a segment (an EXIF thumbnail) when the file is cut after it', () => {
      const thumbnail = segment(0xe1, [...ascii('Exif\0\0'), 0xff, 0xd8, 0xff, 0xdb, 0x00, 0x02, 0xff, 0xd9]);
      assert.deepEqual(findDamage(jpeg(thumbnail), 'jpeg'), { reason: 'jpegEnd' });
      assert.deepEqual(findDamage(jpeg(thumbnail.slice(0, 8)), 'jpeg'), { reason: 'jpegEnd' }, 'cut inside the segment');
      assert.equal(findDamage(jpeg(thumbnail, sos, [1], [0xff, 0xd9]), 'jpeg'), undefined);
    });

    it('calls a segment length below 2 malformed, with the offset', () => {
      assert.deepEqual(findDamage(jpeg([0xff, 0xe0, 0x00, 0x01, 0xff, 0xd9]), 'jpeg'), { reason: 'malformed', at: 2 });
    });
  });

  describe('PNG', () => {
    const png = read('upright.png');

    it('refuses a file ending right after IEND\'s length, or before IEND\'s CRC', async () => {
      await refused(png.subarray(0, png.length - 8), 'x.png', /the PNG file ends before its IEND chunk/);
      await refused(png.subarray(0, png.length - 4), 'x.png', /the PNG file ends before its IEND chunk/);
    });

    it('finds one flipped bit anywhere in a chunk, at every byte position modulo the 8 the CRC takes at once', () => {
      for (let at = 1000; at < 1017; at++) {
        const bytes = png.slice();
        bytes[at]! ^= 0x10;
        assert.deepEqual(findDamage(bytes, 'png'), { reason: 'checksum', chunk: 'IDAT' }, `byte ${at}`);
      }
    });
  });

  describe('GIF', () => {
    // 1×1, a global and a local colour table of 2, two extensions, one image, the trailer.
    const gif = concat(
      ascii('GIF89a'),
      [1, 0, 1, 0, 0x80, 0, 0],
      [0, 0, 0, 255, 255, 255],
      [0x21, 0xf9, 4, 0, 0, 0, 0, 0],
      [0x21, 0xfe, 3, ...ascii('hi!'), 0],
      [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x80],
      [0, 0, 0, 255, 0, 0],
      [2, 2, 0x4c, 0x01, 0],
      [0x3b],
    );

    it('walks colour tables, extensions and image data to the trailer; every shorter file is cut short', () => {
      assert.equal(findDamage(gif, 'gif'), undefined);
      for (let length = 0; length < gif.length; length++) assert.deepEqual(findDamage(gif.subarray(0, length), 'gif'), { reason: 'gifEnd' }, `cut at ${length}`);
    });

    it('calls a byte that starts no block malformed, with the offset', async () => {
      const bytes = gif.slice();
      bytes[19] = 0x99; // where the first extension starts
      assert.deepEqual(findDamage(bytes, 'gif'), { reason: 'malformed', at: 19 });
      await refused(bytes, 'odd.gif', /cut short or damaged: its GIF structure is broken at byte 19\./);
    });
  });

  describe('WebP', () => {
    const riff = (size: number, ...chunks: number[][]) => concat(ascii('RIFF'), u32le(size), ascii('WEBP'), ...chunks);

    it('refuses a chunk that runs past the RIFF size, even with bytes after it', async () => {
      const bytes = concat(read('image.webp'), new Uint8Array(64));
      bytes[16]! += 10; // the VP8 chunk's size, now past the RIFF
      await refused(bytes, 'x.webp', /cut short or damaged: its WebP structure is broken at byte 12\./);
    });

    it('accepts a last odd-sized chunk without its pad byte, refuses a chunk header cut by the RIFF size', () => {
      assert.equal(findDamage(riff(4 + 8 + 3, [...ascii('XYZW'), ...u32le(3), 1, 2, 3]), 'webp'), undefined);
      assert.equal(findDamage(riff(4 + 8 + 4, [...ascii('XYZW'), ...u32le(3), 1, 2, 3, 0]), 'webp'), undefined);
      assert.deepEqual(findDamage(riff(4 + 6, [...ascii('XYZW'), 0, 0]), 'webp'), { reason: 'malformed', at: 12 });
      assert.deepEqual(findDamage(riff(4 + 8 + 4, [...ascii('XYZW'), ...u32le(3), 1, 2]), 'webp'), { reason: 'webpSize' });
    });
  });

  describe('TIFF', () => {
    const tiff = (byteCount: number) => {
      const header = makeTiffHeader(40, 30, 1, { offset: 74, byteCount });
      assert.equal(header.length, 74);
      return concat(header, new Uint8Array(100));
    };

    it('refuses a strip that runs past the end of the file', async () => {
      assert.equal(findDamage(tiff(100), 'tiff'), undefined);
      await refused(tiff(101), 'scan.tif', /the TIFF file ends before data it points to/);
    });

    it('refuses a directory offset past the end, from the header or from the previous directory', async () => {
      const first = tiff(100);
      new DataView(first.buffer).setUint32(4, 5000);
      await refused(first, 'scan.tif', /the TIFF file ends before data it points to/);
      const next = tiff(100);
      new DataView(next.buffer).setUint32(70, 5000); // IFD0's link to IFD1
      await refused(next, 'scan.tif', /the TIFF file ends before data it points to/);
    });

    it('stops at a directory chain that loops back', () => {
      const looped = tiff(100);
      new DataView(looped.buffer).setUint32(70, 8);
      assert.equal(findDamage(looped, 'tiff'), undefined);
    });
  });

  describe('BMP', () => {
    /** A 24-bit BMP of width × height with `pixelBytes` bytes after the headers. */
    const bmp = (width: number, height: number, pixelBytes: number) => {
      const b = Buffer.alloc(54 + pixelBytes);
      b.write('BM', 0, 'ascii');
      b.writeUInt32LE(b.length, 2);
      b.writeUInt32LE(54, 10);
      b.writeUInt32LE(40, 14);
      b.writeInt32LE(width, 18);
      b.writeInt32LE(height, 22);
      b.writeUInt16LE(1, 26);
      b.writeUInt16LE(24, 28);
      return new Uint8Array(b);
    };

    it('checks the rows, padded to 4 bytes, against the file, bottom-up or top-down; the last row\'s padding may be missing', async () => {
      // 3 pixels of 3 bytes: 9 bytes a row, 12 with the padding.
      for (const height of [2, -2]) {
        assert.equal(findDamage(bmp(3, height, 24), 'bmp'), undefined);
        assert.equal(findDamage(bmp(3, height, 21), 'bmp'), undefined);
        assert.deepEqual(findDamage(bmp(3, height, 20), 'bmp'), { reason: 'bmpSize' });
      }
      await refused(bmp(3, 2, 20), 'x.bmp', /the BMP file ends before its pixel data does/);
    });
  });

  it('leaves alone what it cannot walk: HEIC, AVIF, SVG, PDF', () => {
    for (const format of ['heic', 'avif', 'svg', 'pdf'] as const) assert.equal(findDamage(new Uint8Array(3), format), undefined);
  });
});
