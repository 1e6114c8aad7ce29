import { sortKinds, unparsable, type MetadataKind, type Stripped, type Unparsable } from './output';

/** Bytes per value of each TIFF field type (as integrity.ts). */
const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/**
 * The first directory's tags that are kept: what a reader needs to decode and colour the picture
 * (TIFF 6.0 baseline and extensions, the ICC profile). Everything else goes: EXIF and GPS
 * directories, XMP (700), IPTC (33723), Photoshop (34377, 37724), make, model, artist, copyright,
 * dates, descriptions, software, host computer, document and page names, and private tags.
 */
const KEPT_TAGS = new Set([
  254, 255, 256, 257, 258, 259, 262, 263, 264, 265, 266, 273, 274, 277, 278, 279, 280, 281, 282, 283, 284, 290, 291, 292, 293, 296, 301, 317, 318, 319, 320, 321,
  322, 323, 324, 325, 332, 334, 338, 339, 340, 341, 347, 529, 530, 531, 532, 34675,
]);

/** What a dropped tag is, for the log. */
const TAG_KIND: Readonly<Record<number, MetadataKind>> = {
  34665: 'exif',
  34853: 'gps',
  700: 'xmp',
  33723: 'iptc',
  34377: 'iptc',
  271: 'camera',
  272: 'camera',
  270: 'text',
  269: 'text',
  285: 'text',
  305: 'text',
  315: 'text',
  316: 'text',
  33432: 'text',
  306: 'time',
};

/** Strips and tiles: pairs of (offsets, byte counts) locating the image data. */
const DATA_TAGS: ReadonlyArray<readonly [number, number]> = [
  [273, 279],
  [324, 325],
];

const OLD_JPEG = 6;
const NEW_SUBFILE_TYPE = 254;
const MAX_DIRECTORIES = 10_000;

/**
 * Removes a TIFF's metadata without moving a byte of the picture. A TIFF is a set of offsets:
 * rewriting it compactly means recomputing every one, and a mistake would corrupt images. So
 * nothing moves: the first directory keeps only the KEPT_TAGS entries (rewritten in place, in
 * order, pointing to no next directory), and every byte that those entries, their values and the
 * strips or tiles they locate do not use — the other tags' values, the EXIF, GPS and MakerNote
 * blocks, the thumbnails and further pages (IFD1 onwards), and anything no tag names — is set to
 * zero; the file is cut after the last byte still used. A blank byte keeps nothing, whatever
 * format a private tag hid it in.
 *
 * Only the first page is kept: a provider reads one image per request (the image worker too, for
 * any TIFF it re-encodes). Old-style JPEG compression (6), whose tables other tags point into, is
 * not followed: such a file is unparsable and goes through the re-encode instead.
 */
export function stripTiff(b: Uint8Array): Stripped | Unparsable {
  const n = b.length;
  if (n < 8) return unparsable('header');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > n) return unparsable('first directory offset');
  const entriesEnd = ifd + 2 + u16(ifd) * 12;
  if (entriesEnd + 4 > n) return unparsable('first directory');

  const used: Array<[number, number]> = [[0, 8]];
  const kept: number[] = []; // entry positions
  const kinds = new Set<MetadataKind>();
  const values = new Map<number, number[]>();
  for (let e = ifd + 2; e < entriesEnd; e += 12) {
    const tag = u16(e);
    if (!KEPT_TAGS.has(tag)) {
      kinds.add(TAG_KIND[tag] ?? 'other');
      continue;
    }
    const size = TYPE_SIZE[u16(e + 2)];
    if (size === undefined) return unparsable(`type of tag ${tag}`);
    const count = u32(e + 4);
    const at = count * size <= 4 ? e + 8 : u32(e + 8);
    if (at + count * size > n) return unparsable(`value of tag ${tag}`);
    if (at !== e + 8) used.push([at, at + count * size]);
    kept.push(e);
    if (DATA_TAGS.some((pair) => pair.includes(tag)) || tag === 259) {
      const read = size === 2 ? (i: number) => u16(at + 2 * i) : size === 4 ? (i: number) => u32(at + 4 * i) : undefined;
      if (!read) return unparsable(`type of tag ${tag}`);
      values.set(tag, Array.from({ length: count }, (_, i) => read(i)));
    }
  }
  if (values.get(259)?.[0] === OLD_JPEG) return unparsable('old-style JPEG compression');
  let located = false;
  for (const [offsetsTag, countsTag] of DATA_TAGS) {
    const offsets = values.get(offsetsTag);
    const counts = values.get(countsTag);
    if (!offsets && !counts) continue;
    if (!offsets || !counts || offsets.length !== counts.length) return unparsable(`tag ${offsetsTag} without ${countsTag}`);
    for (const [i, offset] of offsets.entries()) {
      if (offset + counts[i]! > n) return unparsable(`data of tag ${offsetsTag}`);
      used.push([offset, offset + counts[i]!]);
    }
    located = true;
  }
  if (!located) return unparsable('no strips or tiles');
  const directoryEnd = ifd + 2 + kept.length * 12 + 4;
  used.push([ifd, directoryEnd]);

  const later = laterDirectories(u32(entriesEnd), n, u16, u32);
  if (later.reduced) kinds.add('thumbnail');
  if (later.pages > 0) kinds.add('pages');
  if (kinds.size === 0 && later.count === 0 && coverage(used) === n) return { kind: 'stripped', bytes: b, removed: [], removedBytes: 0 };

  used.sort((x, y) => x[0] - y[0]);
  const length = Math.max(...used.map((r) => r[1]));
  if (length > n) return unparsable('data past the end');
  const out = b.slice(0, length);
  const outView = new DataView(out.buffer);
  outView.setUint16(ifd, kept.length, le);
  kept.forEach((e, i) => out.copyWithin(ifd + 2 + i * 12, e, e + 12));
  outView.setUint32(ifd + 2 + kept.length * 12, 0, le); // no next directory
  let blanked = n - length;
  let cursor = 0;
  let unnamed = false; // bytes no kept tag uses, not all zero: a value of a dropped tag, or bytes no tag names
  for (const [start, end] of used) {
    if (start > cursor) {
      if (out.subarray(cursor, start).some((byte) => byte !== 0)) unnamed = true;
      out.fill(0, cursor, start);
      blanked += start - cursor;
    }
    cursor = Math.max(cursor, end);
  }
  if (unnamed && kinds.size === 0) kinds.add('other');
  return { kind: 'stripped', bytes: out, removed: sortKinds(kinds), removedBytes: blanked, ...(later.pages > 0 ? { frames: later.pages + 1 } : {}) };
}

/** How many bytes the ranges cover together. */
function coverage(ranges: Array<[number, number]>): number {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (end > cursor) total += end - Math.max(start, cursor);
    cursor = Math.max(cursor, end);
  }
  return total;
}

/** The directories after the first: how many, and whether they are reduced-resolution copies (thumbnails) or pages. */
function laterDirectories(first: number, n: number, u16: (at: number) => number, u32: (at: number) => number): { count: number; pages: number; reduced: boolean } {
  const seen = new Set<number>();
  let pages = 0;
  let reduced = false;
  for (let ifd = first; ifd !== 0 && ifd + 2 <= n && !seen.has(ifd) && seen.size < MAX_DIRECTORIES; ) {
    seen.add(ifd);
    const end = ifd + 2 + u16(ifd) * 12;
    if (end + 4 > n) break;
    let subfile = 0;
    for (let e = ifd + 2; e < end; e += 12) if (u16(e) === NEW_SUBFILE_TYPE) subfile = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
    if (subfile & 1) reduced = true;
    else pages++;
    ifd = u32(end);
  }
  return { count: seen.size, pages, reduced };
}
