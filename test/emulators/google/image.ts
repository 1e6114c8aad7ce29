/**
 * What images:annotate learns from the bytes: the format by magic bytes (JPEG, PNG, GIF, WebP,
 * BMP, TIFF — what the docs list for it; PDF is `files:annotate`'s), the pixel size, and a seed.
 */
import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';

export interface GoogleImage {
  sha256: string;
  bytes: number;
  /** Undefined: not an image Google decodes ("Bad image data."). */
  format?: 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'tiff';
  width: number;
  height: number;
}

function sniff(b: Buffer): GoogleImage['format'] {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const head = b.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('BM')) return 'bmp';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  return undefined;
}

export function inspectImage(bytes: Buffer): GoogleImage {
  const base = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, width: 0, height: 0 };
  const format = sniff(bytes);
  if (!format) return base;
  try {
    const size = imageSize(bytes);
    return size.width && size.height ? { ...base, format, width: size.width, height: size.height } : base;
  } catch {
    return base;
  }
}
