import { exifKinds } from './exif';
import { Output, unparsable, type MetadataKind, type Stripped, type Unparsable } from './output';

const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

/** Whether the segment's payload (after the length) starts with `id`. */
function startsWith(b: Uint8Array, payload: number, end: number, id: string): boolean {
  if (payload + id.length > end) return false;
  for (let i = 0; i < id.length; i++) if (b[payload + i] !== id.charCodeAt(i)) return false;
  return true;
}

/**
 * Removes the metadata segments of a JPEG: every APPn and COM except the three a decoder needs to
 * show the picture as its author saw it —
 * - APP0 JFIF (pixel aspect; its optional thumbnail is cut off, the 16-byte header kept),
 * - APP2 ICC_PROFILE (the colour space: without it a Display P3 or Adobe RGB photo is read as
 *   sRGB and its colours shift; a profile describes a device class, not a person or place),
 * - APP14 Adobe (says whether three or four channels are YCbCr, RGB, CMYK or YCCK: without it a
 *   decoder guesses, and CMYK files come out inverted).
 * So EXIF (GPS, camera make, model and serial, dates, the thumbnail that may show the uncropped
 * original), XMP and extended XMP, Photoshop/IPTC (APP13), MPF, FlashPix, JFXX thumbnails and
 * comments go. Everything else — tables, frame and scan headers, the entropy-coded data — is
 * copied byte for byte, and whatever follows the end-of-image marker (a motion photo's video,
 * MPF's further images with their own EXIF) is cut. The walk is integrity.ts's: one loop, the
 * next FF, which marker follows.
 */
export function stripJpeg(b: Uint8Array): Stripped | Unparsable {
  const n = b.length;
  const out = new Output(b);
  let copied = 0; // input[copied, at) is kept but not yet handed to `out`
  for (let at = 2; ; ) {
    at = b.indexOf(0xff, at);
    if (at < 0 || at + 1 >= n) return unparsable('no end-of-image marker');
    const marker = b[at + 1]!;
    if (marker === 0xd9) {
      out.keepRange(copied, at + 2);
      if (at + 2 < n) out.drop(n - at - 2, ['trailing']);
      return out.result();
    }
    if (marker === 0xff) {
      at += 1;
    } else if (marker === 0x00 || marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
    } else {
      if (at + 4 > n) return unparsable('segment header past the end');
      const length = (b[at + 2]! << 8) | b[at + 3]!;
      const end = at + 2 + length;
      if (length < 2 || end > n) return unparsable(`segment length at ${at}`);
      if ((marker >= APP0 && marker <= 0xef) || marker === COM) {
        const verdict = judge(b, marker, at + 4, end);
        if (verdict !== 'keep') {
          out.keepRange(copied, at);
          if (verdict === 'jfifThumbnail') {
            out.keep(jfifWithoutThumbnail(b, at));
            out.drop(length - 16, ['thumbnail']);
          } else {
            out.drop(end - at, verdict);
          }
          copied = end;
        }
      }
      at = end;
    }
  }
}

/** Keep the segment, cut a JFIF thumbnail off it, or drop it as these kinds. */
function judge(b: Uint8Array, marker: number, payload: number, end: number): 'keep' | 'jfifThumbnail' | MetadataKind[] {
  if (marker === COM) return ['comment'];
  if (marker === APP0 && startsWith(b, payload, end, 'JFIF\0')) return end - payload > 14 ? 'jfifThumbnail' : 'keep';
  if (marker === APP0 && startsWith(b, payload, end, 'JFXX\0')) return ['thumbnail'];
  if (marker === APP2 && startsWith(b, payload, end, 'ICC_PROFILE\0')) return 'keep';
  if (marker === APP14 && startsWith(b, payload, end, 'Adobe')) return 'keep';
  if (marker === 0xe1 && startsWith(b, payload, end, 'Exif\0')) return exifKinds(b.subarray(payload + 6, end));
  if (marker === 0xe1 && startsWith(b, payload, end, 'http://ns.adobe.com/')) return ['xmp']; // XMP and extended XMP
  if (marker === 0xed) return ['iptc']; // Photoshop 3.0: IPTC records, its own thumbnail
  return ['other'];
}

/** The JFIF APP0 header alone (length 16), with the thumbnail size set to 0×0. */
function jfifWithoutThumbnail(b: Uint8Array, at: number): Uint8Array {
  const header = b.slice(at, at + 18);
  header[2] = 0;
  header[3] = 16;
  header[16] = 0; // Xthumbnail
  header[17] = 0; // Ythumbnail
  return header;
}
