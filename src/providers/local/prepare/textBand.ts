import { histogramOf, otsu, type GrayImage, type Rect } from './grayImage';

/**
 * A few lines of text from the middle of a level page: what the orientation check reads each way
 * up. Small on purpose (two lines, about thirty characters wide: reading it costs ~5 % of an imageTextN page), so the check costs a few
 * per cent of reading the page, yet enough letters for the engine's confidence to tell upright
 * text from upside-down text.
 */
export type Band = Rect;

const LINES = 2;
/** Band width in line heights (the measured height is about the x-height: ~30 characters). */
const WIDTH_IN_LINES = 30;

export function textBand(page: GrayImage, lineHeight: number): Band | undefined {
  const threshold = otsu(histogramOf(page));
  const { width, height, data } = page;
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    let n = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) if (data[row + x]! <= threshold) n++;
    rowInk[y] = n;
  }
  let peak = 0;
  for (const n of rowInk) peak = Math.max(peak, n);
  if (peak === 0) return undefined;
  // Text lines: runs of rows with ink, gaps of a row or two bridged. Ink between lines (grain left
  // after smoothing) raises every row: the floor sits above the emptiest fifth of the rows.
  const runs: Array<{ top: number; bottom: number }> = [];
  const base = Array.from(rowInk).sort((a, b) => a - b)[Math.floor(height / 5)]!;
  const floor = Math.max(1, base + (peak - base) * 0.1);
  let start = -1;
  let gap = 0;
  for (let y = 0; y <= height; y++) {
    const inked = y < height && rowInk[y]! > floor;
    if (inked) {
      if (start < 0) start = y;
      gap = 0;
    } else if (start >= 0 && ++gap > 2) {
      runs.push({ top: start, bottom: y - gap + 1 });
      start = -1;
      gap = 0;
    }
  }
  if (start >= 0) runs.push({ top: start, bottom: height });
  const plausible = runs.filter((r) => r.bottom - r.top >= lineHeight * 0.5 && r.bottom - r.top <= lineHeight * 4);
  if (plausible.length === 0) return undefined;
  const first = Math.max(0, Math.floor((plausible.length - LINES) / 2));
  const chosen = plausible.slice(first, first + LINES);
  const margin = Math.ceil(lineHeight);
  const top = Math.max(0, chosen[0]!.top - margin);
  const bottom = Math.min(height, chosen[chosen.length - 1]!.bottom + margin);
  // Horizontally: centred on the chosen lines' ink.
  let left = width;
  let right = 0;
  for (let y = top; y < bottom; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! <= threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  if (right < left) return undefined;
  const span = Math.min(right - left + 1 + 2 * margin, Math.ceil(WIDTH_IN_LINES * lineHeight));
  const centre = (left + right) / 2;
  const x0 = Math.max(0, Math.min(width - span, Math.round(centre - span / 2)));
  return { left: x0, top, width: Math.min(span, width - x0), height: bottom - top };
}
