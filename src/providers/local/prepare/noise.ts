import type { GrayImage } from './grayImage';

/**
 * Grain (a dim phone photo, a noisy scan). Measured on the paper: the mean difference between
 * horizontal neighbours among pixels brighter than the ink threshold is ~1 on clean paper and ~27
 * at Gaussian noise σ 24. Smoothed with a 5-tap binomial filter (σ ≈ 1 px) across and down: the
 * grain drops by ~3.5×, strokes of a few pixels survive; tesseract's global threshold, which
 * noise breaks into speckle, then sees letters again.
 */
export function grain(image: GrayImage, threshold: number): number {
  const { width, height, data } = image;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y += 2) {
    const row = y * width;
    for (let x = 0; x + 1 < width; x++) {
      const a = data[row + x]!;
      const b = data[row + x + 1]!;
      if (a <= threshold || b <= threshold) continue;
      sum += Math.abs(a - b);
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/** Mean neighbour difference on paper above which the page is smoothed before anything else. */
export const GRAINY = 8;

/** The image smoothed across and down with [1 4 6 4 1]/16 (σ ≈ 1 px); edges repeat. */
export function smooth(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const taps = [1, 4, 6, 4, 1];
  const across = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < 5; k++) sum += taps[k]! * data[row + Math.max(0, Math.min(width - 1, x + k - 2))]!;
      across[row + x] = sum;
    }
  }
  const out = new Uint8Array(width * height);
  const rows = new Int32Array(5);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < 5; k++) rows[k] = Math.max(0, Math.min(height - 1, y + k - 2)) * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < 5; k++) sum += taps[k]! * across[rows[k]! + x]!;
      out[y * width + x] = (sum + 128) >> 8; // the taps sum to 16, twice: 256
    }
  }
  return { width, height, data: out };
}

/**
 * Greys from `from` up made white paper, darker ones stretched to match: the grain smoothing
 * leaves (σ ≈ 5 grey levels, ~15 once a faint page's contrast is stretched) is what the engine
 * otherwise reads as dots, commas and stray letters.
 */
export function whiten(image: GrayImage, from: number): GrayImage {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = v >= from ? 255 : Math.round((v * 255) / from);
  return { width: image.width, height: image.height, data: image.data.map((v) => table[v]!) };
}
