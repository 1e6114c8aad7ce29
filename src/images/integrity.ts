import type { ImageFormat } from './formats';

/**
 * Why a file is not a whole image, found from its structure alone (no pixel is decoded):
 * - `jpegEnd`, `pngEnd`, `gifEnd`: the walk from the header reached the end of the file before
 *   the format's end mark (JPEG EOI, PNG IEND, GIF trailer);
 * - `webpSize`, `tiffOffset`, `bmpSize`: a size or offset the file declares (the RIFF size or a
 *   chunk's; a TIFF directory, the values it stores apart, its strips or tiles; BMP pixel data)
 *   runs past its end;
 * - `malformed`: at byte `at` there is something the format does not allow there;
 * - `checksum`: a PNG chunk's CRC does not match its bytes.
 */
export type Damage =
  | { reason: 'jpegEnd' | 'pngEnd' | 'gifEnd' | 'webpSize' | 'tiffOffset' | 'bmpSize' }
  | { reason: 'malformed'; at: number }
  | { reason: 'checksum'; chunk: string };

/**
 * Whether `bytes` hold a whole image of `format`, or why not. A file cut short (an interrupted
 * download or copy) keeps a perfect header, so the header parsers accept it, and a provider would
 * be sent half a picture — or refuse it after the retries. Whatever follows a complete image is
 * not damage: phones append a video to "motion photos" after the JPEG's EOI, and other tools
 * leave bytes after PNG IEND, the GIF trailer or the RIFF size. HEIC, AVIF, SVG and PDF are not
 * checked (no decoder here reads them; the providers that take them say what they think).
 */
export function findDamage(bytes: Uint8Array, format: ImageFormat): Damage | undefined {
  switch (format) {
    case 'jpeg':
      return jpegDamage(bytes);
    case 'png':
      return pngDamage(bytes);
    case 'gif':
      return gifDamage(bytes);
    case 'webp':
      return webpDamage(bytes);
    case 'tiff':
      return tiffDamage(bytes);
    case 'bmp':
      return bmpDamage(bytes);
    default:
      return undefined;
  }
}

/**
 * Walks the marker segments from SOI to EOI, through the entropy-coded data after each SOS
 * (progressive files have several), where FF00 is a stuffed FF and RSTn markers stand alone.
 * Bytes between segments that are not a marker are skipped, as libjpeg does (with a warning) and
 * browsers show such files: refusing them would refuse pictures that display everywhere. So one
 * loop serves segments and scans alike: find the next FF, see which marker follows.
 */
function jpegDamage(b: Uint8Array): Damage | undefined {
  const n = b.length;
  for (let at = 2; ; ) {
    at = b.indexOf(0xff, at); // native: skips entropy-coded data at memchr speed
    if (at < 0 || at + 1 >= n) return { reason: 'jpegEnd' };
    const marker = b[at + 1]!;
    if (marker === 0xd9) return undefined; // EOI: whatever follows (a motion photo's video) is not ours to judge
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
    } else if (marker === 0x00 || marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // stuffed FF in a scan, TEM, SOI, RSTn: no length follows
    } else {
      if (at + 4 > n) return { reason: 'jpegEnd' };
      const length = (b[at + 2]! << 8) | b[at + 3]!;
      if (length < 2) return { reason: 'malformed', at };
      at += 2 + length;
      if (at > n) return { reason: 'jpegEnd' };
    }
  }
}

/** CRC-32 tables for eight bytes at a time ("slicing-by-8"): table k advances a byte by k more. */
let crcTables: Uint32Array | undefined;

function makeCrcTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const previous = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (previous >>> 8) ^ t[previous & 0xff]!;
    }
  }
  return t;
}

/**
 * The PNG (ISO 3309) CRC-32 of bytes[start, end). Eight bytes a step: every chunk of a PNG is
 * checked, and a byte at a time took 25 ms for a 10 MB file, this about 11.
 */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  const t = (crcTables ??= makeCrcTables());
  let crc = 0xffffffff;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const low = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    crc =
      t[7 * 256 + (low & 0xff)]! ^
      t[6 * 256 + ((low >>> 8) & 0xff)]! ^
      t[5 * 256 + ((low >>> 16) & 0xff)]! ^
      t[4 * 256 + (low >>> 24)]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Walks the chunks up to IEND, checking each CRC. Browsers refuse a PNG with a wrong CRC and so
 * may a provider, while our own decoder would not notice.
 */
function pngDamage(b: Uint8Array): Damage | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 12 <= b.length; ) {
    const length = view.getUint32(at);
    const end = at + 8 + length;
    if (end + 4 > b.length) return { reason: 'pngEnd' };
    if (crc32(b, at + 4, end) !== view.getUint32(end)) return { reason: 'checksum', chunk: String.fromCharCode(...b.subarray(at + 4, at + 8)) };
    if (view.getUint32(at + 4) === 0x49454e44) return undefined; // IEND
    at = end + 4;
  }
  return { reason: 'pngEnd' };
}

/** Bytes of a GIF colour table announced by a packed field (global or local), or 0 when none. */
const colourTable = (packed: number): number => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);

/**
 * Walks the blocks to the trailer (3B): header and logical screen descriptor, the global colour
 * table, then extensions (21, label, sub-blocks) and images (2C, descriptor, local colour table,
 * LZW minimum code size, sub-blocks).
 */
function gifDamage(b: Uint8Array): Damage | undefined {
  const n = b.length;
  if (n < 13) return { reason: 'gifEnd' };
  for (let at = 13 + colourTable(b[10]!); ; ) {
    if (at >= n) return { reason: 'gifEnd' };
    const block = b[at]!;
    if (block === 0x3b) return undefined;
    if (block === 0x21) {
      at = afterSubBlocks(b, at + 2);
    } else if (block === 0x2c) {
      if (at + 10 > n) return { reason: 'gifEnd' };
      at = afterSubBlocks(b, at + 10 + colourTable(b[at + 9]!) + 1);
    } else {
      return { reason: 'malformed', at };
    }
  }
}

/** The position after a chain of data sub-blocks and its zero terminator (past the end when cut). */
function afterSubBlocks(b: Uint8Array, at: number): number {
  while (at < b.length) {
    const size = b[at]!;
    at += 1 + size;
    if (size === 0) return at;
  }
  return b.length;
}

const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);

/** The RIFF size must fit in the file, and each chunk (with its pad byte) in the RIFF. */
function webpDamage(b: Uint8Array): Damage | undefined {
  const n = b.length;
  if (n < 12) return { reason: 'webpSize' };
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > n) return { reason: 'webpSize' };
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) return { reason: 'malformed', at };
    const size = u32le(b, at + 4);
    const end = at + 8 + size;
    if (end > riffEnd) return { reason: 'malformed', at };
    at = end + (size & 1); // a last odd-sized chunk may lack its pad byte: libwebp reads such files
  }
  return undefined;
}

/** Bytes per value of each TIFF field type (TIFF 6.0 and its IFD type); readers skip other types. */
const TIFF_TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** TIFF tags whose values locate the image data: pairs of (offsets, byte counts). */
const DATA_TAGS: ReadonlyArray<readonly [number, number]> = [
  [273, 279], // StripOffsets, StripByteCounts
  [324, 325], // TileOffsets, TileByteCounts
];

/**
 * Follows the chain of image file directories. In each, every value stored out of line must lie
 * within the file (writers put them after the directory, which libtiff writes last, so a cut
 * takes them first), and so must the strips or tiles the offsets and byte counts locate. A chain
 * that loops ends the walk (libtiff stops there too).
 */
function tiffDamage(b: Uint8Array): Damage | undefined {
  const n = b.length;
  if (n < 8) return { reason: 'tiffOffset' };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const seen = new Set<number>();
  for (let ifd = u32(4); ifd !== 0 && !seen.has(ifd); ) {
    seen.add(ifd);
    if (ifd + 2 > n) return { reason: 'tiffOffset' };
    const next = ifd + 2 + u16(ifd) * 12;
    if (next + 4 > n) return { reason: 'tiffOffset' };
    /** The strip and tile entries: how many values, and a reader of the i-th (SHORT or LONG). */
    const values = new Map<number, { count: number; get: (i: number) => number }>();
    for (let e = ifd + 2; e < next; e += 12) {
      const type = u16(e + 2);
      const size = TIFF_TYPE_SIZE[type];
      if (size === undefined) continue;
      const count = u32(e + 4);
      const at = count * size <= 4 ? e + 8 : u32(e + 8);
      if (at + count * size > n) return { reason: 'tiffOffset' };
      const tag = u16(e);
      if ((type === 3 || type === 4) && DATA_TAGS.some((pair) => pair.includes(tag))) {
        values.set(tag, { count, get: type === 3 ? (i) => u16(at + 2 * i) : (i) => u32(at + 4 * i) });
      }
    }
    for (const [offsetsTag, countsTag] of DATA_TAGS) {
      const offsets = values.get(offsetsTag);
      const counts = values.get(countsTag);
      if (!offsets || !counts) continue;
      for (let i = 0; i < Math.min(offsets.count, counts.count); i++) {
        if (offsets.get(i) + counts.get(i) > n) return { reason: 'tiffOffset' };
      }
    }
    ifd = u32(next);
  }
  return undefined;
}

/**
 * The pixel data, from the offset the file header declares, must fit in the file. Uncompressed
 * rows are padded to 4 bytes; the last row's padding may be missing (decoders do not need it).
 * Compressed data (RLE, embedded JPEG or PNG) has only the size the info header declares.
 */
function bmpDamage(b: Uint8Array): Damage | undefined {
  const n = b.length;
  const offset = u32le(b, 10);
  const headerSize = u32le(b, 14);
  if (14 + headerSize > n || offset > n) return { reason: 'bmpSize' };
  // OS/2 1.x core header: 16-bit sizes, no compression. Otherwise BITMAPINFOHEADER or later.
  const core = headerSize === 12;
  const width = core ? u16le(b, 18) : Math.abs(u32le(b, 18) | 0);
  const height = core ? u16le(b, 20) : Math.abs(u32le(b, 22) | 0);
  const bitCount = u16le(b, core ? 24 : 28);
  const compression = core ? 0 : u32le(b, 30);
  let size: number;
  if (compression === 0 || compression === 3 || compression === 6) {
    // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS: rows of bitCount × width bits
    const stride = Math.floor((bitCount * width + 31) / 32) * 4;
    size = height > 0 ? stride * (height - 1) + Math.ceil((bitCount * width) / 8) : 0;
  } else {
    size = u32le(b, 34);
  }
  return offset + size > n ? { reason: 'bmpSize' } : undefined;
}
