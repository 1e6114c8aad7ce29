import exifr from 'exifr';
import { imageSize } from 'image-size';
import { UserError } from '../shared/errors';
import type { Localize } from '../shared/localize';
import { describeNonImage, FORMAT_NAME, sniffFormat, type ImageFormat } from './formats';
import { findDamage, type Damage } from './integrity';
import { MAX_DECODE_PIXELS } from './limits';
import { isOrientation, type Orientation } from './transform';

// dist/probe.js also carries the metadata strippers, loaded by the preparer on first use.
export { stripMetadata } from './stripMetadata';

/** What the header of an image file says, read without decoding its pixels. */
export interface ImageProbe {
  format: ImageFormat;
  /** Pixel size as stored (before the EXIF orientation is applied). */
  width: number;
  height: number;
  orientation: Orientation;
  /** A JPEG with four colour components (CMYK or YCCK), which many services decode wrongly. */
  cmyk?: boolean;
}

/** Formats whose headers can carry an EXIF orientation that viewers apply. */
const EXIF_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'tiff', 'heic', 'avif'];

/**
 * Sniffs the format from the bytes, reads the dimensions and the EXIF orientation from the
 * header, and refuses — before anything is decoded — what is not an image, a damaged header, a
 * decompression bomb, and a file cut short or damaged further on (./integrity.ts: its structure
 * walked from header to end, no pixel decoded). Every refusal is a UserError naming the file and
 * the cause.
 */
export async function probeImage(bytes: Uint8Array, name: string, t: Localize): Promise<ImageProbe> {
  const format = sniffFormat(bytes);
  if (!format) throw new UserError(notAnImage(bytes, name, t), name);
  if (format === 'pdf') {
    // A document, not a picture: only providers that take PDF accept it, page sizes aside.
    return { format, width: 0, height: 0, orientation: 1 };
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(ownBuffer(bytes));
  } catch {
    // A TIFF keeps its directory where the writer likes, often last: cut short, it loses its size
    // too. The structure walk says more precisely what is wrong, when it knows.
    const damage = findDamage(bytes, format);
    throw new UserError(damage ? damageMessage(damage, name, format, t) : t('"{0}" looks like {1}, but its header is damaged or cut off.', name, FORMAT_NAME[format]), name);
  }
  const width = size.width ?? 0;
  const height = size.height ?? 0;
  if (!(width > 0 && height > 0)) {
    throw new UserError(t('"{0}" looks like {1}, but it does not say how large it is.', name, FORMAT_NAME[format]), name);
  }
  if (width * height > MAX_DECODE_PIXELS) {
    throw new UserError(
      t(
        '"{0}" declares {1}×{2} pixels ({3} megapixels), more than Image Insight decodes ({4} megapixels): it may be a decompression bomb.',
        name,
        width,
        height,
        Math.round((width * height) / 1e6),
        MAX_DECODE_PIXELS / 1e6,
      ),
      name,
    );
  }
  // Only the structure is read (no pixel is decoded), so a file cut short is refused here, before
  // any provider is asked, whichever analysis path brought it.
  const damage = findDamage(bytes, format);
  if (damage) throw new UserError(damageMessage(damage, name, format, t), name);
  const orientation = EXIF_FORMATS.includes(format) ? await readOrientation(bytes) : 1;
  return format === 'jpeg' && jpegComponents(bytes) === 4 ? { format, width, height, orientation, cmyk: true } : { format, width, height, orientation };
}

/**
 * image-size reads through the view's whole ArrayBuffer, not just the view: a small Node Buffer is
 * a slice of a shared pool, so a truncated file would be measured with its neighbours' bytes.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes); // (Buffer#slice would not copy)
}

/** The number of colour components in a JPEG's frame header (SOFn), or undefined when not found. */
function jpegComponents(bytes: Uint8Array): number | undefined {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes[at + 9];
    if (marker === 0xda) return undefined; // scan data: no frame header before it
    at += 2 + length;
  }
  return undefined;
}

/** The refusal for a damaged file, in the user's language. */
function damageMessage(damage: Damage, name: string, format: ImageFormat, t: Localize): string {
  switch (damage.reason) {
    case 'jpegEnd':
      return t('"{0}" is cut short or damaged: the JPEG file ends before its end-of-image marker.', name);
    case 'pngEnd':
      return t('"{0}" is cut short or damaged: the PNG file ends before its IEND chunk.', name);
    case 'gifEnd':
      return t('"{0}" is cut short or damaged: the GIF file ends before its trailer.', name);
    case 'webpSize':
      return t('"{0}" is cut short or damaged: the WebP file is shorter than its RIFF header says.', name);
    case 'tiffOffset':
      return t('"{0}" is cut short or damaged: the TIFF file ends before data it points to.', name);
    case 'bmpSize':
      return t('"{0}" is cut short or damaged: the BMP file ends before its pixel data does.', name);
    case 'malformed':
      return t('"{0}" is cut short or damaged: its {1} structure is broken at byte {2}.', name, FORMAT_NAME[format], damage.at);
    case 'checksum':
      return t('"{0}" is a damaged PNG file: the checksum of its {1} chunk is wrong.', name, damage.chunk);
  }
}

async function readOrientation(bytes: Uint8Array): Promise<Orientation> {
  try {
    const value: unknown = await exifr.orientation(bytes);
    return isOrientation(value) ? value : 1;
  } catch {
    return 1; // unreadable EXIF: show the pixels as stored, as every viewer does
  }
}

function notAnImage(bytes: Uint8Array, name: string, t: Localize): string {
  switch (describeNonImage(bytes)) {
    case 'empty':
      return t('"{0}" is empty (0 bytes).', name);
    case 'html':
      return t('"{0}" is not an image: it is an HTML page.', name);
    case 'xml':
      return t('"{0}" is not an image: it is an XML document.', name);
    case 'text':
      return t('"{0}" is not an image: it is a text file.', name);
    case 'binary':
      return t('"{0}" is not an image Image Insight can read (PNG, JPEG, GIF, WebP, BMP or TIFF).', name);
  }
}
