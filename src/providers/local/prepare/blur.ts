import { histogramOf, percentile, type GrayImage } from './grayImage';
import { smooth } from './noise';

/**
 * Blur (a soft scan, a shaken photo, a page shrunk and compressed). Measured as the width of the
 * ink's edges: the contrast between ink and paper over the steepest steps between neighbouring
 * pixels. A sharp page steps from paper to ink in about a pixel; the corpus's blur (Gaussian σ
 * 1.2) takes 2.2–2.5 px. What matters to the engine is that width against the letters' size
 * (`preparePage.ts`): 2.4 px blur on 8 px letters smears them, on 16 px ones it does not.
 */
export function edgeWidth(image: GrayImage): number {
  const { width, height, data } = image;
  const steps = new Uint32Array(256);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[row + x]!;
      if (x + 1 < width) steps[Math.abs(v - data[row + x + 1]!)]!++;
      if (y + 1 < height) steps[Math.abs(v - data[row + width + x]!)]!++;
    }
  }
  const count = width * (height - 1) + height * (width - 1);
  const levels = histogramOf(image);
  // The ink: the darkest 1 % (a page's ink may be a few per cent of it); the paper: the 90th percentile.
  const contrast = percentile(levels, data.length, 0.9) - percentile(levels, data.length, 0.01);
  // The steepest steps: the top 0.1 % (there are edges on every letter, a few per cent of the pixels).
  const steepest = percentile(steps, count, 0.999);
  return contrast / Math.max(1, steepest);
}

/**
 * The image sharpened by an unsharp mask: each pixel pushed away from its neighbourhood's mean
 * ([1 4 6 4 1] smoothing, σ ≈ 1 px) by `amount` times the difference.
 */
export function sharpen(image: GrayImage, amount: number): GrayImage {
  const soft = smooth(image);
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) {
    const v = image.data[i]!;
    data[i] = Math.max(0, Math.min(255, Math.round(v + amount * (v - soft.data[i]!))));
  }
  return { width: image.width, height: image.height, data };
}
