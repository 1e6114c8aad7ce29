import { otsu, percentile, type GrayImage } from './grayImage';

/**
 * Uneven lighting and low contrast. The paper's brightness is estimated on a coarse grid (a high
 * percentile of each cell, so the ink in it does not count), and every pixel is divided by the
 * paper under it: a shadow or a vignette becomes white paper again. Then the ink's level is
 * stretched to black, for a grey scan. Tesseract binarizes with one global threshold (Otsu), which
 * a shadow across the page defeats — that is what this is for.
 */
export interface Lighting {
  /** Paper brightness per cell, row by row (cell size `cell`, in the pixels it was measured on). */
  paper: Float32Array;
  columns: number;
  rows: number;
  cell: number;
  /** Grey level (after dividing by the paper) that becomes black. */
  inkLevel: number;
  /** Whether it changes the page enough to be worth doing (and worth saying). */
  needed: boolean;
  /** The ink is close to the paper (a grey scan, a washed-out photo). */
  faint: boolean;
}

/** A shadow is a paper this much darker somewhere than elsewhere (brightest cell = 1). */
const UNEVEN = 0.8;
/** Ink this far from the paper (out of 255) reads well; a grey scan has less. */
const LOW_CONTRAST = 110;

/**
 * Every SAMPLE-th pixel across and down is counted: a cell (≥ 12 px) still has 36 or more, and
 * the ink level hundreds of ink pixels; the measuring takes a quarter of the time (a photo pays
 * it too before it is found to be no page).
 */
const SAMPLE = 2;

/** Measures the paper and ink of `image` (the analysis copy), cells of about `cell` pixels. */
export function measureLighting(image: GrayImage, cell: number): Lighting {
  const columns = Math.max(1, Math.round(image.width / cell));
  const rows = Math.max(1, Math.round(image.height / cell));
  const paper = new Float32Array(columns * rows);
  const histogram = new Uint32Array(256);
  for (let r = 0; r < rows; r++) {
    const y0 = Math.floor((r * image.height) / rows);
    const y1 = Math.floor(((r + 1) * image.height) / rows);
    for (let c = 0; c < columns; c++) {
      const x0 = Math.floor((c * image.width) / columns);
      const x1 = Math.floor(((c + 1) * image.width) / columns);
      histogram.fill(0);
      let count = 0;
      for (let y = y0; y < y1; y += SAMPLE) {
        for (let x = x0; x < x1; x += SAMPLE) {
          histogram[image.data[y * image.width + x]!]!++;
          count++;
        }
      }
      paper[r * columns + c] = percentile(histogram, count, 0.9);
    }
  }
  const smooth = smoothGrid(paper, columns, rows);
  let brightest = 1;
  let darkest = 255;
  for (const v of smooth) {
    brightest = Math.max(brightest, v);
    darkest = Math.min(darkest, v);
  }
  // The ink level: Otsu's split of the page once the paper is divided out, and the ink class's
  // darker end (a low percentile of the pixels below the split).
  const flat = new Uint32Array(256);
  for (let y = 0; y < image.height; y += SAMPLE) {
    const r = Math.min(rows - 1, Math.floor((y * rows) / image.height));
    for (let x = 0; x < image.width; x += SAMPLE) {
      const c = Math.min(columns - 1, Math.floor((x * columns) / image.width));
      flat[Math.min(255, Math.round((image.data[y * image.width + x]! * 255) / Math.max(1, smooth[r * columns + c]!)))]!++;
    }
  }
  const split = otsu(flat);
  let inkPixels = 0;
  for (let i = 0; i <= split; i++) inkPixels += flat[i]!;
  const inkLevel = inkPixels > 0 ? percentile(flat, inkPixels, 0.3) : 0;
  const uneven = darkest / brightest < UNEVEN;
  const faint = 255 - inkLevel < LOW_CONTRAST;
  const lowContrast = faint || brightest < 255 - LOW_CONTRAST / 2;
  return { paper: smooth, columns, rows, cell, inkLevel: Math.min(inkLevel, 200), needed: inkPixels > 0 && (uneven || lowContrast), faint: inkPixels > 0 && faint };
}

/** The page with its lighting evened out (`lighting` may be measured on a smaller copy: its grid is relative). */
export function evenLighting(image: GrayImage, lighting: Lighting): GrayImage {
  const { paper, columns, rows, inkLevel } = lighting;
  const out = new Uint8Array(image.data.length);
  // Paper → 255, the ink level → 0, linearly between.
  const stretch = 255 / Math.max(1, 255 - inkLevel);
  const cellW = image.width / columns;
  const cellH = image.height / rows;
  const rowPaper = new Float32Array(image.width);
  for (let y = 0; y < image.height; y++) {
    // The paper under each pixel: bilinear between cell centres.
    const gy = Math.min(rows - 1, Math.max(0, (y + 0.5) / cellH - 0.5));
    const r0 = Math.floor(gy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const fy = gy - r0;
    for (let x = 0; x < image.width; x++) {
      const gx = Math.min(columns - 1, Math.max(0, (x + 0.5) / cellW - 0.5));
      const c0 = Math.floor(gx);
      const c1 = Math.min(columns - 1, c0 + 1);
      const fx = gx - c0;
      const top = paper[r0 * columns + c0]! * (1 - fx) + paper[r0 * columns + c1]! * fx;
      const bottom = paper[r1 * columns + c0]! * (1 - fx) + paper[r1 * columns + c1]! * fx;
      rowPaper[x] = Math.max(1, top * (1 - fy) + bottom * fy);
    }
    const offset = y * image.width;
    for (let x = 0; x < image.width; x++) {
      const flat = (image.data[offset + x]! * 255) / rowPaper[x]!;
      out[offset + x] = Math.max(0, Math.min(255, Math.round((flat - inkLevel) * stretch)));
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * A cell that is all ink or all picture reads dark: each cell takes the brightest of its
 * neighbourhood's median and itself, then the grid is averaged over 3×3.
 */
function smoothGrid(grid: Float32Array, columns: number, rows: number): Float32Array {
  const lifted = new Float32Array(grid.length);
  const around: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      around.length = 0;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr >= 0 && rr < rows && cc >= 0 && cc < columns) around.push(grid[rr * columns + cc]!);
      }
      around.sort((a, b) => a - b);
      lifted[r * columns + c] = Math.max(grid[r * columns + c]!, around[Math.floor(around.length / 2)]!);
    }
  }
  const out = new Float32Array(grid.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      let sum = 0, n = 0;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr, cc = c + dc;
        if (rr >= 0 && rr < rows && cc >= 0 && cc < columns) {
          sum += lifted[rr * columns + cc]!;
          n++;
        }
      }
      out[r * columns + c] = sum / n;
    }
  }
  return out;
}
