import type { Affine } from './affine';
import type { GrayImage } from './grayImage';

/**
 * Resamples `image` into a `width`×`height` picture whose pixel centres map into `image` through
 * `toSource` (output pixels → source pixels). Bilinear when turning or shrinking; bicubic when
 * enlarging, so upscaled small text keeps sharp strokes instead of bilinear's soft ones (turning
 * small text at its size with bicubic read worse: its overshoot breaks the engine's threshold). Outside
 * the source is white paper.
 */
export function warp(image: GrayImage, toSource: Affine, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const [a, b, c, d, e, f] = toSource;
  const enlarging = Math.hypot(a, d) < 0.95;
  const sample = enlarging ? bicubic : bilinear;
  for (let y = 0; y < height; y++) {
    // Centre of the output pixel (x + 0.5, y + 0.5) → source coordinates, minus 0.5 for the source's centres.
    let sx = a * 0.5 + b * (y + 0.5) + c - 0.5;
    let sy = d * 0.5 + e * (y + 0.5) + f - 0.5;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      out[row + x] = sample(image, sx, sy);
      sx += a;
      sy += d;
    }
  }
  return { width, height, data: out };
}

function bilinear(image: GrayImage, x: number, y: number): number {
  const { width: w, height: h, data } = image;
  if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) return 255;
  const x0 = Math.max(0, Math.min(w - 1, Math.floor(x)));
  const y0 = Math.max(0, Math.min(h - 1, Math.floor(y)));
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const top = data[y0 * w + x0]! + (data[y0 * w + x1]! - data[y0 * w + x0]!) * fx;
  const bottom = data[y1 * w + x0]! + (data[y1 * w + x1]! - data[y1 * w + x0]!) * fx;
  return Math.round(top + (bottom - top) * fy);
}

/** Catmull-Rom weights of the four taps around a point at fraction `t`. */
function weights(t: number, out: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  out[0] = -0.5 * t3 + t2 - 0.5 * t;
  out[1] = 1.5 * t3 - 2.5 * t2 + 1;
  out[2] = -1.5 * t3 + 2 * t2 + 0.5 * t;
  out[3] = 0.5 * t3 - 0.5 * t2;
}

const wx = new Float64Array(4);
const wy = new Float64Array(4);

function bicubic(image: GrayImage, x: number, y: number): number {
  const { width: w, height: h, data } = image;
  if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) return 255;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  weights(x - x0, wx);
  weights(y - y0, wy);
  let sum = 0;
  for (let j = 0; j < 4; j++) {
    const yy = Math.max(0, Math.min(h - 1, y0 - 1 + j));
    let rowSum = 0;
    for (let i = 0; i < 4; i++) {
      const xx = Math.max(0, Math.min(w - 1, x0 - 1 + i));
      rowSum += data[yy * w + xx]! * wx[i]!;
    }
    sum += rowSum * wy[j]!;
  }
  return Math.max(0, Math.min(255, Math.round(sum)));
}
