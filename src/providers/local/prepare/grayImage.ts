import type { GrayPixels } from '../../../images/preparer';

/**
 * 8-bit grey pixels, row by row, 0 black to 255 white: what the image worker decodes the picture
 * to, what the page preparation works on, and what the engine reads afterwards (as a PGM, which
 * tesseract's Leptonica reads without decoding anything).
 */
export type GrayImage = GrayPixels;

/** A rectangle of pixels. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The pixels of `rect`. */
export function cut(image: GrayImage, rect: Rect): GrayImage {
  const data = new Uint8Array(rect.width * rect.height);
  for (let y = 0; y < rect.height; y++) data.set(image.data.subarray((rect.top + y) * image.width + rect.left, (rect.top + y) * image.width + rect.left + rect.width), y * rect.width);
  return { width: rect.width, height: rect.height, data };
}

/**
 * The rectangle holding every pixel darker than `threshold`, grown by `margin` (within the
 * image); undefined when there is none.
 */
export function inkBounds(image: GrayImage, threshold: number, margin: number): Rect | undefined {
  const { width, height, data } = image;
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! < threshold) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    left = Math.min(left, first);
    right = Math.max(right, last);
  }
  if (top < 0) return undefined;
  const x0 = Math.max(0, left - margin);
  const y0 = Math.max(0, top - margin);
  return { left: x0, top: y0, width: Math.min(width, right + margin + 1) - x0, height: Math.min(height, bottom + margin + 1) - y0 };
}

/** Area-average downscale by a whole factor (the analysis works on ≤ ~1.5 MP). */
export function shrink(image: GrayImage, factor: number): GrayImage {
  if (factor <= 1) return image;
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const data = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * image.width;
      for (let x = 0; x < width; x++) {
        let s = 0;
        const start = row + x * factor;
        for (let dx = 0; dx < factor; dx++) s += image.data[start + dx]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < width; x++) data[y * width + x] = Math.round(sums[x]! / area);
  }
  return { width, height, data };
}

/** The image turned 180° (the bytes reversed). */
export function turned180(image: GrayImage): GrayImage {
  return { width: image.width, height: image.height, data: image.data.slice().reverse() };
}

/** A binary PGM (P5) file of the image: a header and the bytes. */
export function toPgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}

/** Otsu's threshold of a histogram of 256 bins: the grey level that best splits ink from paper. */
export function otsu(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i]!;
    sum += i * histogram[i]!;
  }
  let weightB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 127;
  for (let i = 0; i < 256; i++) {
    weightB += histogram[i]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += i * histogram[i]!;
    const mB = sumB / weightB;
    const mF = (sum - sumB) / weightF;
    const between = weightB * weightF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

export function histogramOf(image: GrayImage): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i]!]!++;
  return histogram;
}

/** The grey level below which `share` of `count` pixels lie, from a histogram of 256 bins. */
export function percentile(histogram: ArrayLike<number>, count: number, share: number): number {
  const target = count * share;
  let seen = 0;
  for (let i = 0; i < 256; i++) {
    seen += histogram[i]!;
    if (seen >= target) return i;
  }
  return 255;
}
