import type { Point } from '../shared/geometry';
import { GLYPH_ADVANCE, UNITS_PER_EM } from './glyphlessFont';
import type { TextQuad } from './textQuad';

/**
 * Where things go on a searchable PDF's page, in points (PDF user space: origin at the bottom
 * left, y up). Pure arithmetic, apart from pdf-lib, so it is tested on its own.
 */

/** A4 in points, the longer side first. */
const A4 = { long: 841.89, short: 595.28 };

/** The page for an image: its size in points, and points per image pixel. */
export interface PageFit {
  width: number;
  height: number;
  scale: number;
}

/**
 * One image pixel is one point (72 dpi), scaled down when that would not fit on A4 (portrait for
 * a tall image, landscape for a wide one), keeping the ratio, with no margin. So a page prints at
 * a sensible size and a 4000-pixel scan is not a page more than a metre wide (nor past the
 * 200-inch limit readers put on pages), while small screenshots are not blown up; the image
 * keeps all its pixels whatever the page size, since only the drawing is scaled.
 */
export function pageFit(width: number, height: number): PageFit {
  const [maxWidth, maxHeight] = width > height ? [A4.long, A4.short] : [A4.short, A4.long];
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: width * scale, height: height * scale, scale };
}

/** A PDF matrix `[a b c d e f]`. */
export type Matrix = [number, number, number, number, number, number];

/**
 * The `cm` that draws an image XObject (the unit square, its first row at the top) upright over
 * the whole page when its pixels are stored turned by EXIF `orientation`, as a JPEG from a camera
 * often is: the JPEG is embedded as it is, and the page turns it (the same mapping as
 * storedToUpright in images/transform.ts, written for the unit square).
 */
export function imageMatrix(orientation: number, width: number, height: number): Matrix {
  const W = width;
  const H = height;
  switch (orientation) {
    case 2: return [-W, 0, 0, H, W, 0]; // mirrored horizontally
    case 3: return [-W, 0, 0, -H, W, H]; // rotated 180°
    case 4: return [W, 0, 0, -H, 0, H]; // mirrored vertically
    case 5: return [0, -H, -W, 0, W, H]; // transposed
    case 6: return [0, -H, W, 0, 0, H]; // turned 90° clockwise to view
    case 7: return [0, H, W, 0, 0, 0]; // transversed
    case 8: return [0, H, -W, 0, W, 0]; // turned 270° clockwise to view
    default: return [W, 0, 0, H, 0, 0];
  }
}

/** How one word's invisible text is set: `Tm`, `Tf`'s size and `Tz`. */
export interface WordPlacement {
  /** The text matrix: the baseline's direction, and its start (the word's bottom left) on the page. */
  matrix: Matrix;
  fontSize: number;
  /** `Tz`, in percent: stretches the glyphs so that the text is as long as the word. */
  horizontalScale: number;
}

/**
 * A word of `glyphs` characters set on its outline: the baseline along the outline's bottom edge,
 * turned with it, the font as tall as the outline (the glyphless font's glyphs stand exactly one
 * font size above the baseline, so the reader's selection covers the word), stretched to its
 * width.
 */
export function wordPlacement(quad: TextQuad, glyphs: number, fit: PageFit): WordPlacement {
  const page = (p: Point): Point => ({ x: p.x * fit.scale, y: fit.height - p.y * fit.scale });
  const bottomLeft = page(quad.bottomLeft);
  const bottomRight = page(quad.bottomRight);
  const along = { x: bottomRight.x - bottomLeft.x, y: bottomRight.y - bottomLeft.y };
  const width = Math.hypot(along.x, along.y);
  // A word with no width (a single point) keeps the page's direction.
  const dir = width > 0 ? { x: along.x / width, y: along.y / width } : { x: 1, y: 0 };
  const up = { x: -dir.y, y: dir.x };
  const rise = (top: Point, bottom: Point) => (top.x - bottom.x) * up.x + (top.y - bottom.y) * up.y;
  const height = (rise(page(quad.topLeft), bottomLeft) + rise(page(quad.topRight), bottomRight)) / 2;
  // A flat or inside-out outline still gets its text, at a token size: it stays findable.
  const fontSize = height > 0 ? height : 1;
  const natural = (glyphs * fontSize * GLYPH_ADVANCE) / UNITS_PER_EM;
  return {
    matrix: [round(dir.x, 1e4), round(dir.y, 1e4), round(-dir.y, 1e4), round(dir.x, 1e4), round(bottomLeft.x), round(bottomLeft.y)],
    fontSize: round(fontSize),
    horizontalScale: natural > 0 && width > 0 ? round((100 * width) / natural) : 100,
  };
}

/** Thousandths of a point are finer than any reader places text, and keep the content short. */
function round(value: number, steps = 1000): number {
  return Math.round(value * steps) / steps + 0;
}
