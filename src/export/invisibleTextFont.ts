import { PDFHexString, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import { GLYPH_ADVANCE, UNITS_PER_EM, glyphlessFont } from './glyphlessFont';

/**
 * The font of a searchable PDF's invisible text layer: a Type0 (composite) font over the
 * glyphless TrueType font, so any Unicode text can be written, found and copied, where the
 * standard 14 fonts stop at WinAnsi (no Cyrillic). Each distinct character gets the next 2-byte
 * code (CID) as it is first met; every CID draws the one blank glyph, and the ToUnicode map gives
 * each back its character (a surrogate pair for one past the BMP), which is what readers search
 * and copy. One font serves the whole document; `finish` writes it once every page is done.
 */
export class InvisibleTextFont {
  private readonly cids = new Map<string, number>();
  private reserved: PDFRef | undefined;

  constructor(private readonly doc: PDFDocument) {}

  /** The font dictionary, for the resources of each page that shows text; `finish` writes it. */
  get ref(): PDFRef {
    this.reserved ??= this.doc.context.nextRef();
    return this.reserved;
  }

  /**
   * `text` as a string of CIDs for `Tj`, and how many glyphs that is. Characters, not UTF-16
   * units, make the glyphs; a line break, tab or other control character inside a word becomes a
   * space (it would otherwise break the word apart in the reader's text).
   */
  encode(text: string): { hex: PDFHexString; glyphs: number } {
    let hex = '';
    let glyphs = 0;
    for (const char of text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ')) {
      let cid = this.cids.get(char);
      if (cid === undefined) {
        cid = this.cids.size + 1; // CID 0 is .notdef
        if (cid > 0xffff) throw new Error('Too many different characters for one PDF text layer (65,535 at most).');
        this.cids.set(char, cid);
      }
      hex += hex4(cid);
      glyphs++;
    }
    return { hex: PDFHexString.of(hex), glyphs };
  }

  /** Writes the font's objects: the Type0 font, its CIDFont, descriptor, font program and maps. */
  finish(): void {
    // A document without a word needs no font.
    if (this.reserved === undefined) return;
    const { context } = this.doc;
    const fontFile = glyphlessFont();
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: 'GlyphLessFont',
        Flags: 4, // symbolic: its characters are not the standard Latin set
        FontBBox: [0, 0, GLYPH_ADVANCE, UNITS_PER_EM],
        ItalicAngle: 0,
        Ascent: UNITS_PER_EM,
        // Poppler ignores a zero descent and assumes 0.35 em below the baseline: this says "none".
        Descent: -1,
        CapHeight: UNITS_PER_EM,
        StemV: 80,
        FontFile2: context.register(context.flateStream(fontFile, { Length1: fontFile.length })),
      }),
    );
    // Every CID but 0 draws glyph 1, the blank.
    const cidToGid = new Uint8Array(2 * (this.cids.size + 1));
    for (let cid = 1; cid <= this.cids.size; cid++) cidToGid[2 * cid + 1] = 1;
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: 'GlyphLessFont',
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: GLYPH_ADVANCE,
        CIDToGIDMap: context.register(context.flateStream(cidToGid)),
      }),
    );
    context.assign(
      this.ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: 'GlyphLessFont',
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: context.register(context.flateStream(this.toUnicode())),
      }),
    );
  }

  /** The ToUnicode CMap (Adobe technical note 5411): each CID → the UTF-16BE of its character. */
  private toUnicode(): string {
    const entries = [...this.cids].map(([char, cid]) => `<${hex4(cid)}> <${[...utf16(char)].map(hex4).join('')}>`);
    const chunks: string[] = [];
    // At most 100 entries per bfchar block.
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      chunks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...chunks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function* utf16(char: string): Generator<number> {
  for (let i = 0; i < char.length; i++) yield char.charCodeAt(i);
}
