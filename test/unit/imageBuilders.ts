/**
 * Builds image files byte by byte for tests: headers that probes read, hostile variants (bad
 * CRC, huge declared size, truncation). Not codecs: the pixel data is whatever zlib makes of zeros.
 */
import zlib from 'node:zlib';

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array, corruptCrc = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((crc32(Buffer.concat([head.subarray(4), data])) ^ (corruptCrc ? 1 : 0)) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A big-endian TIFF/EXIF block with one IFD0 entry: Orientation. */
export function exifBlock(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 offset
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified
  tiff.writeUInt32BE(0, 22); // no next IFD
  return tiff;
}

export interface PngOptions {
  orientation?: number;
  badCrc?: boolean;
  /** Declared size only: the pixel data stays tiny (a decompression-bomb header). */
  declared?: { width: number; height: number };
}

/** A grayscale 8-bit PNG of zeros, optionally with an eXIf chunk. */
export function makePng(width: number, height: number, options: PngOptions = {}): Buffer {
  return grayscalePng(options.declared?.width ?? width, options.declared?.height ?? height, Buffer.alloc((width + 1) * height), options);
}

/** An 8-bit grayscale PNG declaring `width`×`height`, with `rows` (each a filter byte and its pixels) deflated as they are. */
function grayscalePng(width: number, height: number, rows: Uint8Array, options: Pick<PngOptions, 'orientation' | 'badCrc'> = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr, options.badCrc),
    ...(options.orientation ? [chunk('eXIf', exifBlock(options.orientation))] : []),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG header (SOI, optional APP1 Exif, SOF0, EOI): enough for a probe, not for a decoder. */
export function makeJpegHeader(width: number, height: number, orientation?: number): Buffer {
  const segments: Buffer[] = [Buffer.from([0xff, 0xd8])];
  if (!orientation) {
    // JFIF APP0, as every camera and encoder writes one of APP0/APP1 first.
    segments.push(Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]));
  } else {
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), exifBlock(orientation)]);
    const app1 = Buffer.alloc(4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(payload.length + 2, 2);
    segments.push(app1, payload);
  }
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof[9] = 3;
  segments.push(sof, Buffer.from([0xff, 0xd9]));
  return Buffer.concat(segments);
}

/**
 * A big-endian TIFF header with ImageWidth, ImageLength and Orientation in IFD0; no strips unless
 * `strip` locates one (StripOffsets, StripByteCounts: not checked against the file's length).
 */
export function makeTiffHeader(width: number, height: number, orientation: number, strip?: { offset: number; byteCount: number }): Buffer {
  const entries: Array<[number, number, number]> = [
    [256, 4, width], // ImageWidth, LONG
    [257, 4, height], // ImageLength, LONG
    ...(strip ? [[273, 4, strip.offset] as [number, number, number]] : []), // StripOffsets, LONG
    [274, 3, orientation], // Orientation, SHORT
    ...(strip ? [[279, 4, strip.byteCount] as [number, number, number]] : []), // StripByteCounts, LONG
  ];
  const tiff = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(1, at + 4);
    if (type === 3) tiff.writeUInt16BE(value, at + 8);
    else tiff.writeUInt32BE(value, at + 8);
  });
  return tiff;
}

/** A real 8-bit greyscale PNG of `pixels` (rows of `width` bytes): unfiltered rows, deflated. */
export function grayPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return grayscalePng(width, height, rows);
}
