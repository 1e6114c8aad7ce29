import { exifKinds } from './exif';
import { Output, unparsable, type MetadataKind, type Stripped, type Unparsable } from './output';

/**
 * Ancillary chunks that are kept: transparency, colour (iCCP, sRGB, gAMA, cHRM, cICP, sBIT, HDR
 * mastering), background, palette histograms, physical pixel size, and APNG's frames (they are
 * image data). Everything else ancillary goes — not only the text chunks, eXIf and tIME, but the
 * private ones too (Photoshop and Fireworks keep previews and layers in theirs): a list of what
 * to keep cannot miss a new kind of metadata, a list of what to drop can.
 */
const KEPT = new Set(['tRNS', 'PLTE', 'iCCP', 'sRGB', 'gAMA', 'cHRM', 'cICP', 'mDCV', 'cLLI', 'sBIT', 'bKGD', 'hIST', 'sPLT', 'pHYs', 'acTL', 'fcTL', 'fdAT']);

const type = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/**
 * Removes a PNG's metadata chunks. Critical chunks (IHDR, PLTE, IDAT, IEND — and any unknown
 * critical one, which no decoder may skip) and the KEPT ones are copied byte for byte with their
 * CRCs; whatever follows IEND is cut.
 */
export function stripPng(b: Uint8Array): Stripped | Unparsable {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Output(b);
  out.keepRange(0, 8);
  for (let at = 8; ; ) {
    if (at + 12 > b.length) return unparsable('no IEND chunk');
    const end = at + 12 + view.getUint32(at);
    if (end > b.length) return unparsable(`chunk length at ${at}`);
    const name = type(b, at + 4);
    const critical = (b[at + 4]! & 0x20) === 0;
    if (critical || KEPT.has(name)) {
      out.keepRange(at, end);
    } else {
      out.drop(end - at, kindsOf(name, b.subarray(at + 8, end - 4)));
    }
    if (name === 'IEND') {
      if (end < b.length) out.drop(b.length - end, ['trailing']);
      return out.result();
    }
    at = end;
  }
}

function kindsOf(name: string, data: Uint8Array): MetadataKind[] {
  switch (name) {
    case 'eXIf':
      return exifKinds(data);
    case 'tIME':
      return ['time'];
    case 'iTXt':
      // XMP's registered keyword; ImageMagick's "Raw profile type …" text chunks stay 'text'.
      return type(data, 0) === 'XML:' ? ['xmp'] : ['text'];
    case 'tEXt':
    case 'zTXt':
      return ['text'];
    default:
      return ['other'];
  }
}
