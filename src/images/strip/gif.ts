import { Output, unparsable, type MetadataKind, type Stripped, type Unparsable } from './output';

/** Application extensions kept: animation looping (NETSCAPE2.0, ANIMEXTS1.0) and a colour profile (ICCRGBG1012). */
const KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0', 'ICCRGBG1012']);
const GRAPHIC_CONTROL = 0xf9;
const PLAIN_TEXT = 0x01; // drawn onto the picture: pixels, not metadata
const COMMENT = 0xfe;
const APPLICATION = 0xff;

const colourTable = (packed: number): number => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);

/** The position after a chain of data sub-blocks and its zero terminator, or -1 when cut. */
function afterSubBlocks(b: Uint8Array, at: number): number {
  while (at < b.length) {
    const size = b[at]!;
    at += 1 + size;
    if (size === 0) return at <= b.length ? at : -1;
  }
  return -1;
}

/**
 * Removes a GIF's comment extensions and its application extensions other than the KEPT ones
 * (XMP lives in one, "XMP DataXMP"). Images, colour tables and graphic control extensions are
 * copied byte for byte; whatever follows the trailer is cut. The walk is integrity.ts's.
 */
export function stripGif(b: Uint8Array): Stripped | Unparsable {
  const n = b.length;
  if (n < 13) return unparsable('header');
  const out = new Output(b);
  let copied = 0;
  for (let at = 13 + colourTable(b[10]!); ; ) {
    if (at >= n) return unparsable('no trailer');
    const block = b[at]!;
    if (block === 0x3b) {
      out.keepRange(copied, at + 1);
      if (at + 1 < n) out.drop(n - at - 1, ['trailing']);
      return out.result();
    }
    let end: number;
    if (block === 0x21) {
      if (at + 2 > n) return unparsable('extension');
      end = afterSubBlocks(b, at + 2);
      if (end < 0) return unparsable(`extension at ${at}`);
      const kinds = judge(b, at, b[at + 1]!);
      if (kinds) {
        out.keepRange(copied, at);
        out.drop(end - at, kinds);
        copied = end;
      }
    } else if (block === 0x2c) {
      if (at + 10 > n) return unparsable('image descriptor');
      end = afterSubBlocks(b, at + 10 + colourTable(b[at + 9]!) + 1);
      if (end < 0) return unparsable(`image at ${at}`);
    } else {
      return unparsable(`block at ${at}`);
    }
    at = end;
  }
}

/** Undefined to keep the extension at `at`, or what it is to drop. */
function judge(b: Uint8Array, at: number, label: number): MetadataKind[] | undefined {
  if (label === GRAPHIC_CONTROL || label === PLAIN_TEXT) return undefined;
  if (label === COMMENT) return ['comment'];
  if (label === APPLICATION && b[at + 2] === 11) {
    const id = String.fromCharCode(...b.subarray(at + 3, at + 14));
    if (KEPT_APPLICATIONS.has(id)) return undefined;
    if (id === 'XMP DataXMP') return ['xmp'];
  }
  return ['other'];
}
