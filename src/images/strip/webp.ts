import { exifKinds } from './exif';
import { Output, unparsable, type MetadataKind, type Stripped, type Unparsable } from './output';

/** Chunks that make up the picture (and its colour profile); EXIF, XMP and anything unknown go. */
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
/** VP8X flag bits announcing EXIF and XMP chunks: cleared with the chunks. */
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/**
 * Removes a WebP's EXIF and XMP chunks (and unknown ones), clears the VP8X flags that announced
 * them, and writes the RIFF size of what is left. The bitstream chunks are copied byte for byte;
 * whatever follows the RIFF is cut.
 */
export function stripWebp(b: Uint8Array): Stripped | Unparsable {
  if (b.length < 12) return unparsable('RIFF header');
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length) return unparsable('RIFF size');
  const out = new Output(b);
  const header = b.slice(0, 12);
  out.keep(header); // its size is written once the chunks are known
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) return unparsable(`chunk header at ${at}`);
    const size = u32le(b, at + 4);
    const dataEnd = at + 8 + size;
    if (dataEnd > riffEnd) return unparsable(`chunk size at ${at}`);
    const end = Math.min(dataEnd + (size & 1), riffEnd); // a last odd chunk may lack its pad byte
    const name = fourcc(b, at);
    if (name === 'VP8X' && size >= 1 && b[at + 8]! & (EXIF_FLAG | XMP_FLAG)) {
      const chunk = b.slice(at, end);
      chunk[8] = chunk[8]! & ~(EXIF_FLAG | XMP_FLAG);
      out.keep(chunk); // announced chunks that are not there are harmless: changed only with a drop
    } else if (KEPT.has(name)) {
      out.keepRange(at, end);
    } else {
      const kinds: MetadataKind[] = name === 'EXIF' ? exifKinds(b.subarray(at + 8, dataEnd)) : name === 'XMP ' ? ['xmp'] : ['other'];
      out.drop(end - at, kinds);
    }
    at = end;
  }
  if (riffEnd < b.length) out.drop(b.length - riffEnd, ['trailing']);
  const result = out.result();
  if (result.bytes === b) return result; // nothing removed: the input itself
  new DataView(result.bytes.buffer, result.bytes.byteOffset).setUint32(4, result.bytes.length - 8, true);
  return result;
}
