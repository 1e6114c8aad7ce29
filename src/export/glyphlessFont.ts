/**
 * A TrueType font with no visible glyph at all, for the invisible text layer of a searchable PDF
 * (the technique Tesseract's and OCRmyPDF's PDFs use). The text is never drawn (render mode 3),
 * so shapes would only cost bytes: what a reader needs is each character's code, its advance and
 * its Unicode value, and the PDF supplies the last through a ToUnicode map. So one font serves
 * every script (Latin, Cyrillic, CJK, emoji alike) in about 300 bytes, built here rather than
 * shipped: no font file, no licence to carry, no font parser in the bundle.
 *
 * Glyph 0 is `.notdef` (empty), glyph 1 the blank every character maps to: a single point, which
 * draws nothing (pdf.js takes an empty glyf table for a missing one, so one glyph has an
 * outline), 500 of 1000 units wide (half an em); ascender 1000 and descender 0, so a glyph's box
 * at font size `s` is s/2 wide and exactly `s` tall above the baseline. Only the tables PDF requires for an embedded TrueType font
 * in a CIDFont are here (ISO 32000-1, 9.9: head, hhea, loca, maxp, glyf, hmtx), plus `post`.
 */

export const GLYPH_ADVANCE = 500;
export const UNITS_PER_EM = 1000;

/**
 * A simple glyph of one contour of one on-curve point at (0, 0): numberOfContours 1, a zero
 * bounding box, endPtsOfContours [0], no instructions, one flag byte (on curve, x and y the same
 * as before: no coordinate bytes), padded to an even length as short loca offsets require.
 */
const POINT_GLYPH = new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x31, 0]);

export function glyphlessFont(): Uint8Array {
  const tables: Array<[string, Uint8Array]> = [
    ['glyf', POINT_GLYPH],
    ['head', head()],
    ['hhea', hhea()],
    ['hmtx', words(GLYPH_ADVANCE, 0, GLYPH_ADVANCE, 0)], // advance and left side bearing of glyphs 0 and 1
    ['loca', words(0, 0, POINT_GLYPH.length / 2)], // short offsets (halved): glyph 0 is empty, glyph 1 is the point
    ['maxp', maxp()],
    ['post', post()],
  ];
  const headerSize = 12 + 16 * tables.length;
  const padded = (n: number) => (n + 3) & ~3;
  const size = tables.reduce((sum, [, data]) => sum + padded(data.length), headerSize);
  const font = new Uint8Array(size);
  const view = new DataView(font.buffer);
  const log2 = Math.floor(Math.log2(tables.length));
  view.setUint32(0, 0x00010000); // TrueType outlines
  view.setUint16(4, tables.length);
  view.setUint16(6, 16 * 2 ** log2); // searchRange
  view.setUint16(8, log2); // entrySelector
  view.setUint16(10, 16 * tables.length - 16 * 2 ** log2); // rangeShift
  let offset = headerSize;
  let headOffset = 0;
  tables.forEach(([tag, data], index) => {
    const record = 12 + 16 * index;
    for (let i = 0; i < 4; i++) view.setUint8(record + i, tag.charCodeAt(i));
    view.setUint32(record + 4, checksum(data));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    font.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += padded(data.length);
  });
  // head.checkSumAdjustment makes the whole file sum to the magic number.
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

function head(): Uint8Array {
  const data = new Uint8Array(54);
  const v = new DataView(data.buffer);
  v.setUint32(0, 0x00010000); // version
  v.setUint32(4, 0x00010000); // fontRevision
  v.setUint32(12, 0x5f0f3cf5); // magicNumber
  v.setUint16(16, 0b1011); // flags: baseline at y=0, left sidebearing at x=0, integer scaling
  v.setUint16(18, UNITS_PER_EM);
  // created and modified (20–35) stay 0: the same bytes every time.
  // xMin, yMin, xMax, yMax (36–43) stay 0: the glyphs' outlines are one point at the origin.
  v.setUint16(46, 3); // lowestRecPPEM
  v.setInt16(48, 2); // fontDirectionHint
  v.setInt16(50, 0); // indexToLocFormat: short offsets
  return data;
}

function hhea(): Uint8Array {
  const data = new Uint8Array(36);
  const v = new DataView(data.buffer);
  v.setUint32(0, 0x00010000);
  v.setInt16(4, UNITS_PER_EM); // ascender
  v.setInt16(6, 0); // descender
  v.setUint16(10, GLYPH_ADVANCE); // advanceWidthMax
  v.setInt16(18, 1); // caretSlopeRise: upright
  v.setUint16(34, 2); // numberOfHMetrics
  return data;
}

function maxp(): Uint8Array {
  const data = new Uint8Array(32);
  const v = new DataView(data.buffer);
  v.setUint32(0, 0x00010000); // version 1.0, as TrueType outlines require
  v.setUint16(4, 2); // numGlyphs
  v.setUint16(6, 1); // maxPoints
  v.setUint16(8, 1); // maxContours
  v.setUint16(14, 1); // maxZones: no twilight zone
  return data;
}

function post(): Uint8Array {
  const data = new Uint8Array(32);
  new DataView(data.buffer).setUint32(0, 0x00030000); // version 3: no glyph names
  return data;
}

function words(...values: number[]): Uint8Array {
  const data = new Uint8Array(values.length * 2);
  const v = new DataView(data.buffer);
  values.forEach((value, i) => v.setInt16(i * 2, value));
  return data;
}

/** The sfnt checksum: the sum of big-endian 32-bit words, the last one zero-padded. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum + ((data[i]! << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  }
  return sum;
}
