import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ImageFormat } from '../../src/images/formats';
import { describeRemoved, stripMetadata, type Stripped } from '../../src/images/stripMetadata';
import { loadVips, type Vips, type VipsImage } from '../../src/images/worker/vips';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/images');
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

/** Strings the fixtures' metadata holds (make.sh): none may survive. */
const PRIVATE = ['Jane Doe', 'TestCam', 'SN-0451-PRIVATE', 'secret', 'a private comment', 'at home', 'Exif\0\0', 'http://ns.adobe.com/', 'Photoshop 3.0'];

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
/** A JPEG's start-of-image signature after the first bytes: an embedded thumbnail or preview. */
const embeddedJpeg = (bytes: Uint8Array) => Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xd8, 0xff]), 1) >= 0;

function strip(bytes: Uint8Array, format: ImageFormat): Stripped {
  const result = stripMetadata(bytes, format);
  if (result.kind !== 'stripped') assert.fail(`${format}: ${JSON.stringify(result)}`);
  return result;
}

/** A JPEG's segments up to the first scan: marker and identifier; and where the first scan (SOS) starts. */
function jpegSegments(b: Uint8Array): { segments: string[]; sos: number } {
  const segments: string[] = [];
  for (let at = 2; at < b.length; ) {
    const marker = b[at + 1]!;
    if (marker === 0xda) return { segments, sos: at };
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const id = Buffer.from(b.subarray(at + 4, at + 4 + Math.min(length - 2, 12))).toString('latin1').replace(/\0.*$/s, '');
    segments.push(`${marker.toString(16)}:${marker >= 0xe0 && marker <= 0xef ? id : ''}`);
    at += 2 + length;
  }
  throw new Error('no SOS');
}

/** A PNG's chunk names, and its IDAT data joined. */
function pngChunks(b: Uint8Array): { names: string[]; idat: Buffer } {
  const buf = Buffer.from(b);
  const names: string[] = [];
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const name = buf.toString('latin1', at + 4, at + 8);
    names.push(name);
    if (name === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { names, idat: Buffer.concat(idat) };
}

/** A RIFF's chunks by name. */
function riffChunks(b: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(b);
  const chunks = new Map<string, Buffer>();
  for (let at = 12; at + 8 <= buf.length; ) {
    const size = buf.readUInt32LE(at + 4);
    chunks.set(buf.toString('latin1', at, at + 4), buf.subarray(at + 8, at + 8 + size));
    at += 8 + size + (size & 1);
  }
  return chunks;
}

/** Each directory's single strip (the fixture's): where it is and how long. */
function tiffStrips(b: Uint8Array): Array<{ offset: number; length: number }> {
  const buf = Buffer.from(b);
  const u16 = (at: number) => buf.readUInt16LE(at);
  const u32 = (at: number) => buf.readUInt32LE(at);
  const strips: Array<{ offset: number; length: number }> = [];
  for (let ifd = u32(4); ifd !== 0; ) {
    const count = u16(ifd);
    const value = (tag: number) => {
      for (let e = ifd + 2; e < ifd + 2 + count * 12; e += 12) if (u16(e) === tag) return u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
      throw new Error(`no tag ${tag}`);
    };
    strips.push({ offset: value(273), length: value(279) });
    ifd = u32(ifd + 2 + count * 12);
  }
  return strips;
}

describe('stripMetadata', function () {
  this.timeout(30_000);
  let vips: Vips;
  const owned: VipsImage[] = [];
  before(async () => (vips = await loadVips(path.join(ROOT, 'dist/vendor/wasm-vips'))));
  after(() => owned.forEach((image) => image.delete()));
  const decode = (bytes: Uint8Array) => {
    const image = vips.Image.newFromBuffer(bytes, '', { fail_on: 'truncated' });
    owned.push(image);
    return image;
  };
  const pixels = (image: VipsImage) => Buffer.from((image as VipsImage & { writeToMemory(): Uint8Array }).writeToMemory());
  const METADATA_FIELDS = ['exif-data', 'xmp-data', 'iptc-data', 'gif-comment', 'png-comment-0-Comment', 'tiff.image-description'];

  /** What every format must satisfy: no private string, no embedded JPEG, no metadata a decoder sees, the same pixels. */
  function assertClean(original: Uint8Array, stripped: Stripped, name: string, fields = true) {
    for (const text of PRIVATE) assert.ok(!has(stripped.bytes, text), `${name}: "${text}" is gone`);
    assert.ok(!embeddedJpeg(stripped.bytes), `${name}: no thumbnail`);
    const before = decode(original);
    const after = decode(stripped.bytes);
    // libvips reads no GIF comment or XMP: for GIF, the bytes above tell.
    if (fields) assert.ok(METADATA_FIELDS.some((field) => before.getTypeof(field) !== 0), `${name}: the fixture has metadata`);
    for (const field of METADATA_FIELDS) assert.equal(after.getTypeof(field), 0, `${name}: ${field}`);
    assert.deepEqual([after.width, after.height, after.bands], [before.width, before.height, before.bands], name);
    assert.ok(pixels(after).equals(pixels(before)), `${name}: decodes to the same pixels`);
    assert.ok(stripped.removedBytes > 0 && stripped.removedBytes <= original.length, name);
  }

  it('JPEG: drops EXIF (GPS, camera, thumbnail), XMP, IPTC and the comment; keeps JFIF, the ICC profile and every byte from the first scan on', () => {
    const original = read('private.jpg');
    const before = jpegSegments(original);
    assert.ok(before.segments.some((s) => s === 'e1:Exif') && before.segments.includes('fe:'), 'the fixture has EXIF and a comment');
    const stripped = strip(original, 'jpeg');
    assertClean(original, stripped, 'private.jpg');
    const after = jpegSegments(stripped.bytes);
    assert.deepEqual(
      after.segments.filter((s) => /^e|^fe/.test(s)),
      ['e0:JFIF', 'e2:ICC_PROFILE'],
      'only JFIF and the colour profile among APPn and COM',
    );
    assert.deepEqual(after.segments, before.segments.filter((s) => !/^e[13d]:|^fe:/.test(s)), 'tables and frame header in order');
    assert.ok(Buffer.from(stripped.bytes.subarray(after.sos)).equals(Buffer.from(original.subarray(before.sos))), 'scans byte-identical');
    assert.deepEqual(stripped.removed, ['exif', 'gps', 'camera', 'thumbnail', 'xmp', 'iptc', 'comment']);
  });

  it('PNG: drops eXIf, text, iTXt XMP and tIME; keeps the critical chunks and IDAT byte for byte', () => {
    const original = read('private.png');
    const stripped = strip(original, 'png');
    assertClean(original, stripped, 'private.png');
    const before = pngChunks(original);
    const after = pngChunks(stripped.bytes);
    assert.ok(['eXIf', 'tEXt', 'iTXt', 'tIME'].every((c) => before.names.includes(c)), before.names.join());
    assert.deepEqual(after.names, before.names.filter((c) => !['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'].includes(c)));
    assert.ok(after.idat.equals(before.idat));
    assert.deepEqual(stripped.removed, ['exif', 'gps', 'camera', 'thumbnail', 'xmp', 'text', 'time']);
  });

  it('WebP: drops the EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size; the VP8 bitstream is byte-identical', () => {
    const original = read('private.webp');
    const stripped = strip(original, 'webp');
    assertClean(original, stripped, 'private.webp');
    const before = riffChunks(original);
    const after = riffChunks(stripped.bytes);
    assert.deepEqual([...after.keys()], ['VP8X', 'VP8 ']);
    assert.equal(after.get('VP8X')![0]! & 0x0c, 0, 'EXIF and XMP flags cleared');
    assert.ok(after.get('VP8 ')!.equals(before.get('VP8 ')!));
    assert.equal(Buffer.from(stripped.bytes).readUInt32LE(4), stripped.bytes.length - 8);
    assert.deepEqual(stripped.removed, ['exif', 'gps', 'camera', 'thumbnail', 'xmp']);
  });

  it('GIF: drops the comment and the XMP application extension; the image data is byte-identical', () => {
    const original = read('private.gif');
    const stripped = strip(original, 'gif');
    assertClean(original, stripped, 'private.gif', false);
    assert.ok(has(original, 'XMP DataXMP') && has(original, 'a private comment'), 'the fixture has XMP and a comment');
    assert.deepEqual(stripped.removed, ['xmp', 'comment']);
    // Nothing is rewritten: the output is the input with whole blocks cut out.
    const rest = Buffer.from(stripped.bytes);
    assert.ok(Buffer.from(original).subarray(original.length - 2000).equals(rest.subarray(rest.length - 2000)));
  });

  it('TIFF: keeps the first page\'s picture tags and strips where they were; blanks EXIF, GPS, XMP, IPTC, names and the thumbnail directory', () => {
    const original = read('private.tiff');
    const stripped = strip(original, 'tiff');
    assertClean(original, stripped, 'private.tiff');
    assert.deepEqual(stripped.removed, ['exif', 'gps', 'camera', 'thumbnail', 'xmp', 'iptc', 'text', 'other']); // other: PageNumber
    // The picture's strip is where it was, byte for byte; the thumbnail's is blank or cut.
    const [page, thumbnail] = tiffStrips(original);
    const [kept, gone] = tiffStrips(stripped.bytes);
    assert.deepEqual(kept, page);
    assert.equal(gone, undefined, 'one directory left');
    assert.ok(Buffer.from(stripped.bytes.subarray(page!.offset, page!.offset + page!.length)).equals(Buffer.from(original.subarray(page!.offset, page!.offset + page!.length))));
    const left = stripped.bytes.subarray(thumbnail!.offset, thumbnail!.offset + thumbnail!.length);
    assert.ok(left.every((byte) => byte === 0), 'the thumbnail is blank');
    assert.equal(decode(original).getInt('n-pages'), 2, 'the fixture has a second directory');
  });

  it('leaves a file without metadata as it is (the same bytes, nothing reported)', () => {
    for (const [name, format] of [['upright.png', 'png'], ['image.webp', 'webp'], ['image.bmp', 'bmp'], ['progressive.jpg', 'jpeg']] as const) {
      const bytes = read(name);
      const stripped = strip(bytes, format);
      assert.equal(stripped.bytes, bytes, name);
      assert.deepEqual(stripped.removed, [], name);
    }
  });

  it('cuts what follows the image (a motion photo\'s video) and keeps the JPEG whole', () => {
    const original = read('motion-photo.jpg');
    const stripped = strip(original, 'jpeg');
    assert.ok(stripped.removed.includes('trailing'));
    assert.deepEqual([stripped.bytes.at(-2), stripped.bytes.at(-1)], [0xff, 0xd9]);
    assert.ok(!has(stripped.bytes, 'ftypmp42'));
    assert.ok(pixels(decode(stripped.bytes)).equals(pixels(decode(original))));
  });

  it('JPEG: cuts a JFIF thumbnail off its APP0 (keeping the header), drops JFXX and metadata between scans', () => {
    const original = read('progressive.jpg');
    assert.equal(jpegSegments(original).segments[0], 'e0:JFIF');
    const app0 = 2 + 2 + ((original[4]! << 8) | original[5]!);
    // JFIF with a 2×1 RGB thumbnail (6 bytes), a JFXX extension, and a COM just before the last EOI.
    const jfif = Buffer.from(original.subarray(2, app0));
    const thumbJfif = Buffer.concat([jfif.subarray(0, 16), Buffer.from([2, 1, 1, 2, 3, 4, 5, 6])]);
    thumbJfif.writeUInt16BE(thumbJfif.length - 2, 2);
    const jfxx = Buffer.from([0xff, 0xe0, 0, 10, 0x4a, 0x46, 0x58, 0x58, 0, 0x10, 9, 9]);
    const comment = Buffer.from([0xff, 0xfe, 0, 6, 0x4a, 0x61, 0x6e, 0x65]);
    const body = Buffer.from(original.subarray(app0, original.length - 2));
    const input = Buffer.concat([original.subarray(0, 2), thumbJfif, jfxx, body, comment, Buffer.from([0xff, 0xd9])]);
    const stripped = strip(input, 'jpeg');
    assert.ok(Buffer.from(stripped.bytes).equals(Buffer.from(original)), 'exactly the file without the thumbnail, JFXX and comment');
    assert.deepEqual(stripped.removed, ['thumbnail', 'comment']);
    assert.equal(stripped.removedBytes, input.length - original.length);
  });

  it('PNG and WebP: private and unknown chunks go too, and bytes after the end are cut', () => {
    const png = read('upright.png');
    const iend = png.length - 12;
    const prVW = Buffer.from([0, 0, 0, 4, 0x70, 0x72, 0x56, 0x57, 1, 2, 3, 4, 0, 0, 0, 0]); // a private preview chunk (CRC not checked here)
    const withExtra = Buffer.concat([png.subarray(0, iend), prVW, png.subarray(iend), Buffer.from('trailing')]);
    const strippedPng = strip(withExtra, 'png');
    assert.ok(Buffer.from(strippedPng.bytes).equals(Buffer.from(png)));
    assert.deepEqual(strippedPng.removed, ['trailing', 'other']);

    const webp = Buffer.from(read('image.webp'));
    const unknown = Buffer.from([0x4a, 0x55, 0x4e, 0x4b, 3, 0, 0, 0, 1, 2, 3, 0]); // odd size, padded
    const grown = Buffer.concat([webp, unknown]);
    grown.writeUInt32LE(grown.length - 8, 4);
    const strippedWebp = strip(grown, 'webp');
    assert.ok(Buffer.from(strippedWebp.bytes).equals(webp));
    assert.deepEqual(strippedWebp.removed, ['other']);
  });

  it('says a file it cannot follow is unparsable, never returns it as it is', () => {
    const cases: Array<[string, ImageFormat]> = [
      ['cut-short.jpg', 'jpeg'],
      ['cut-short.png', 'png'],
      ['cut-short.gif', 'gif'],
      ['cut-short.webp', 'webp'],
      ['cut-short.tiff', 'tiff'],
      ['image.heic', 'heic'],
      ['drawing.svg', 'svg'],
    ];
    for (const [name, format] of cases) assert.equal(stripMetadata(read(name), format).kind, 'unparsable', name);
    const jpeg = read('private.jpg');
    const badLength = jpeg.slice();
    badLength[4] = 0; // the APP0 segment claims length 1
    badLength[5] = 1;
    assert.equal(stripMetadata(badLength, 'jpeg').kind, 'unparsable');
    assert.equal(stripMetadata(new Uint8Array([0x49, 0x49, 0x2a, 0, 0xff, 0xff, 0, 0]), 'tiff').kind, 'unparsable');
    assert.equal(stripMetadata(new Uint8Array(0), 'png').kind, 'unparsable');
  });

  it('leaves PDF to the caller, as README says', () => {
    assert.equal(stripMetadata(new TextEncoder().encode('%PDF-1.7\n'), 'pdf').kind, 'notHandled');
  });

  it('describes what was removed by kind and size, never by value', () => {
    const stripped = strip(read('private.jpg'), 'jpeg');
    const line = describeRemoved(stripped.removed, stripped.removedBytes);
    assert.match(line, /^EXIF, GPS position, camera make\/model, thumbnail, XMP, IPTC\/Photoshop, comment: \d+\.\d KB$/);
    for (const text of PRIVATE) assert.ok(!line.includes(text));
  });
});
