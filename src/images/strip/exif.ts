import type { MetadataKind } from './output';

const GPS_IFD = 0x8825;
const MAKE = 0x010f;
const MODEL = 0x0110;

/**
 * What an EXIF block (a TIFF structure: JPEG APP1 after "Exif\0\0", a PNG eXIf or WebP EXIF
 * chunk) holds, for the log: a GPS position, the camera's make or model, a thumbnail (IFD1).
 * Only the presence of tags is read, never a value; anything unreadable just says less — the
 * whole block is dropped either way.
 */
export function exifKinds(block: Uint8Array): MetadataKind[] {
  const kinds: MetadataKind[] = ['exif'];
  // WebP writers disagree on whether the chunk repeats JPEG's "Exif\0\0" prefix.
  const tiff = block[0] === 0x45 && block[1] === 0x78 && block[4] === 0 && block[5] === 0 ? block.subarray(6) : block;
  if (tiff.length < 8) return kinds;
  const le = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd0 = view.getUint32(4, le);
  if (ifd0 + 2 > tiff.length) return kinds;
  const count = view.getUint16(ifd0, le);
  const next = ifd0 + 2 + count * 12;
  if (next + 4 > tiff.length) return kinds;
  for (let e = ifd0 + 2; e < next; e += 12) {
    const tag = view.getUint16(e, le);
    if (tag === GPS_IFD) kinds.push('gps');
    if (tag === MAKE || tag === MODEL) kinds.push('camera');
  }
  if (view.getUint32(next, le) !== 0) kinds.push('thumbnail'); // IFD1 is the thumbnail's directory
  return kinds;
}
