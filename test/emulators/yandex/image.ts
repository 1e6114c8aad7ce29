/**
 * What the emulated service learns from the bytes it is sent: the format (from magic bytes, as a
 * server would, not from the declared MIME type), the pixel size from the header, the page count
 * of a PDF, and a seed for answers that depend on the image and nothing else.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { imageSize } from 'image-size';

export type Format = 'jpeg' | 'png' | 'pdf';

export interface DecodedFile {
  bytes: Buffer;
  sha256: string;
  /** Undefined: not a format the service reads (it answers "Can't decode Image"). */
  format?: Format;
  width: number;
  height: number;
  /** PDF only: each page's size in pixels. */
  pages?: { width: number; height: number }[];
}

/** proto3 JSON accepts standard and URL-safe base64, padded or not, and nothing else. */
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function inspect(bytes: Buffer): DecodedFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { bytes, sha256, width: 0, height: 0 };
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const pages = pdfPages(bytes);
    return { ...base, format: 'pdf', pages, width: pages[0]?.width ?? 0, height: pages[0]?.height ?? 0 };
  }
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return base;
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return base;
    return { ...base, format: png ? 'png' : 'jpeg', width: size.width, height: size.height };
  } catch {
    return base; // a damaged header: the service cannot decode it either
  }
}

/**
 * Page sizes of a PDF, from each page object's MediaBox (points → pixels at 150 dpi, the
 * resolution a rasterizer would plausibly use). Enough for page counts and word layout, not a parser.
 */
function pdfPages(bytes: Buffer): { width: number; height: number }[] {
  const text = bytes.toString('latin1');
  const pages: { width: number; height: number }[] = [];
  for (const m of text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])([\s\S]{0,400}?)(?:endobj|$)/g)) {
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(m[1] ?? '');
    const w = box ? Number(box[3]) - Number(box[1]) : 595;
    const h = box ? Number(box[4]) - Number(box[2]) : 842;
    pages.push({ width: Math.round((w * 150) / 72), height: Math.round((h * 150) / 72) });
  }
  return pages;
}

/**
 * A deterministic stream of numbers in [0, 1) from a seed (SHA-256 in counter mode), so an
 * image always gets the same synthetic answer and a different image a different one.
 */
export class Seeded {
  private block = Buffer.alloc(0);
  private offset = 32;
  private counter = 0;
  constructor(private readonly seed: string) {}

  next(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = createHash('sha256').update(this.seed).update(String(this.counter++)).digest();
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value / 2 ** 32;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * A real (decodable) grayscale PNG of the given size whose rows are a pattern drawn from `name`,
 * so each known image has its own bytes and hash yet stays a few kilobytes.
 */
export function patternPng(name: string, width: number, height: number): Buffer {
  const rng = new Seeded(name);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.fill(rng.int(0, 255), y * (width + 1) + 1, (y + 1) * (width + 1));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grayscale), no interlace
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
