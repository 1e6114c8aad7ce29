import type { ImageFormat } from './formats';
import { stripGif } from './strip/gif';
import { stripJpeg } from './strip/jpeg';
import type { Stripped, Unparsable } from './strip/output';
import { stripPng } from './strip/png';
import { stripTiff } from './strip/tiff';
import { stripWebp } from './strip/webp';

export type { Stripped, Unparsable } from './strip/output';
export type { MetadataKind } from './metadataKinds';
export { describeRemoved } from './metadataKinds';

/** A format whose metadata is not removed here: PDF (left as it is, as README says). */
export interface NotHandled {
  kind: 'notHandled';
}

/**
 * A copy of an image file without its private metadata (GPS position, camera make, model and
 * serial, dates, names, comments, thumbnails that may show the uncropped original), made from the
 * file's structure alone: no pixel is decoded or re-encoded, and the compressed picture data comes
 * out byte for byte (strip/*.ts says what each format keeps and why). Pure: no I/O.
 *
 * - JPEG, PNG, WebP, GIF, TIFF: stripped, or `unparsable` when the structure cannot be followed
 *   (the caller must then not send the file as it is).
 * - BMP: nothing to remove (its headers hold sizes, colour masks and at most an ICC profile).
 * - PDF: `notHandled` — its metadata (document info, XMP) lives in objects that a rewrite could
 *   break; it is sent as it is, and README says so.
 * - SVG, HEIC, AVIF: `unparsable` — no provider takes them as they are today, and none should
 *   receive their EXIF if one did.
 */
export function stripMetadata(bytes: Uint8Array, format: ImageFormat): Stripped | Unparsable | NotHandled {
  switch (format) {
    case 'jpeg':
      return stripJpeg(bytes);
    case 'png':
      return stripPng(bytes);
    case 'webp':
      return stripWebp(bytes);
    case 'gif':
      return stripGif(bytes);
    case 'tiff':
      return stripTiff(bytes);
    case 'bmp':
      return { kind: 'stripped', bytes, removed: [], removedBytes: 0 };
    case 'pdf':
      return { kind: 'notHandled' };
    default:
      return { kind: 'unparsable', why: `no metadata stripper for ${format}` };
  }
}
