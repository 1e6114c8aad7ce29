import { invert, rotation, then, translation, type Affine } from './affine';
import { histogramOf, otsu, shrink, type GrayImage } from './grayImage';
import { evenLighting, measureLighting, type Lighting } from './lighting';
import { findLineAngle, type LineAngle } from './lineAngle';
import { warp } from './warp';

/**
 * The page preparation before recognition (issue 15), pure: measure the page on a small copy
 * (light, the lines' direction, their height), then turn, deskew, scale and even the light of the
 * whole page in one resampling. Which way up the level lines read (0° or 180°, and 90°/270° when
 * the lines' direction is unclear) is not decided here: the OCR worker reads a band of lines each
 * way (chooseTurn.ts). Word boxes go back through `toSent`.
 */

/** What was done, as the result reports it (the shape of `TextPreparation`). */
export interface Preparation {
  turned: 0 | 90 | 180 | 270;
  deskewed: number;
  scaled: number;
  evenedLight: boolean;
}

export interface PageAnalysis {
  lines?: LineAngle;
  lighting?: Lighting;
  /** The analysis copy was this many times smaller than the page. */
  factor: number;
}

export interface PreparedPage {
  image: GrayImage;
  /** Prepared pixels → the pixels of the picture as sent to the engine. */
  toSent: Affine;
  preparation: Preparation;
}

/** The analysis copy's long side: enough for lines 3 px apart on a page photographed whole. */
const ANALYSIS_SIDE = 1400;
/**
 * Line heights as `findLineAngle` measures them (the dense core of a line, about the x-height):
 * below SMALL the page is enlarged to TARGET, above LARGE reduced to twice TARGET. Measured on
 * imageTextN.png (core 6 px, CER 0.3 % as it is): at half size (3 px) 3× gave 10 %, 2.25× 14 %;
 * enlarging a page that reads well already costs time for nothing, so 6 px stays as it is.
 */
const SMALL_LINES = 5;
const LARGE_LINES = 48;
const TARGET_LINES = 12;
/** Beyond 3× the engine reads more noise than text, and the time grows with the square. */
const MAX_UPSCALE = 3;
/** Grey levels between the darkest and the brightest few pixels, below which there is nothing to read. */
const MIN_SPREAD = 24;
/** Skews below this are left to the engine (a resampling costs more than it gains). */
const MIN_DESKEW = 0.2;
/** Below this strength the lines' direction may be the columns': every quarter turn is tried. */
const CLEAR_LINES = 1.25;

export function analyzePage(page: GrayImage): PageAnalysis {
  const factor = Math.max(1, Math.ceil(Math.max(page.width, page.height) / ANALYSIS_SIDE));
  let small = shrink(page, factor);
  const histogram = histogramOf(small);
  // A picture of one tone (blank, black) has no lines to find.
  if (spread(histogram, small.data.length) < MIN_SPREAD) return { factor };
  // Light text on a dark ground (a dark-theme screenshot): the lines are measured on the negative,
  // and the light is left alone (the engine reads light-on-dark text itself).
  const threshold = otsu(histogram);
  let dark = 0;
  for (let i = 0; i <= threshold; i++) dark += histogram[i]!;
  if (dark > small.data.length / 2) {
    const negative = { ...small, data: small.data.map((v) => 255 - v) };
    const lines = findLineAngle(negative, otsu(histogramOf(negative)));
    return { ...(lines ? { lines } : {}), factor };
  }
  const lighting = measureLighting(small, Math.max(12, Math.max(small.width, small.height) / 24));
  if (lighting.needed) small = evenLighting(small, lighting);
  const lines = findLineAngle(small, otsu(histogramOf(small)));
  return { ...(lines ? { lines } : {}), lighting, factor };
}

/**
 * The clockwise turns to try, most likely first: the one that levels the lines, the same upside
 * down, and (when the direction is unclear) the two across. None when there are no lines to read.
 */
export function candidateTurns(analysis: PageAnalysis): number[] {
  const lines = analysis.lines;
  if (!lines) return [0];
  const level = normalize(-lines.angle);
  const turns = [level, normalize(level + 180)];
  if (lines.strength < CLEAR_LINES) turns.push(normalize(level + 90), normalize(level - 90));
  return turns;
}

/** The scale that brings the lines to the height the engine reads best, within `maxPixels`. */
export function chooseScale(analysis: PageAnalysis, page: { width: number; height: number }, maxPixels: number): number {
  const height = (analysis.lines?.lineHeight ?? 0) * analysis.factor;
  // Two lines at least, each well under a quarter of the page: else it is no text to size.
  if (!analysis.lines || analysis.lines.lines < 2 || height <= 0 || height > Math.min(page.width, page.height) / 4) return 1;
  let scale = 1;
  if (height < SMALL_LINES) scale = Math.min(MAX_UPSCALE, TARGET_LINES / height);
  else if (height > LARGE_LINES) scale = (TARGET_LINES * 2) / height;
  scale = Math.min(scale, Math.sqrt(maxPixels / (page.width * page.height)));
  return Math.round(scale * 100) / 100;
}

/**
 * The page turned clockwise by `turn` degrees (any angle), scaled by `scale`, with the light
 * evened when `lighting` says so; the canvas grows to hold all of it. Nothing to do → the page
 * itself (`changed` false), so an upright clean page is read exactly as before.
 */
export function renderPage(page: GrayImage, turn: number, scale: number, lighting: Lighting | undefined): PreparedPage & { changed: boolean } {
  const quarter = Math.round(turn / 90) * 90;
  const deskew = quarter - turn;
  const rotate = Math.abs(deskew) >= MIN_DESKEW ? turn : quarter;
  const evened = lighting?.needed === true;
  const preparation: Preparation = {
    turned: (((quarter % 360) + 360) % 360) as Preparation['turned'],
    deskewed: rotate === turn ? round(deskew, 1) : 0,
    scaled: scale,
    evenedLight: evened,
  };
  const source = evened ? evenLighting(page, lighting) : page;
  if (rotate === 0 && scale === 1) return { image: source, toSent: [1, 0, 0, 0, 1, 0], preparation, changed: evened };
  const r = (rotate * Math.PI) / 180;
  const width = Math.max(1, Math.round(scale * (Math.abs(Math.cos(r)) * page.width + Math.abs(Math.sin(r)) * page.height)));
  const height = Math.max(1, Math.round(scale * (Math.abs(Math.sin(r)) * page.width + Math.abs(Math.cos(r)) * page.height)));
  const forward = then(then(translation(-page.width / 2, -page.height / 2), rotation(rotate, scale)), translation(width / 2, height / 2));
  const toSent = invert(forward);
  return { image: warp(source, toSent, width, height), toSent, preparation, changed: true };
}

/** An angle in (−180, 180]. */
function normalize(angle: number): number {
  let a = angle % 360;
  if (a <= -180) a += 360;
  if (a > 180) a -= 360;
  return a;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f + 0; // + 0: no −0
}

/** The grey levels between the darkest and the brightest 0.2 % of the pixels (a page's ink may be 1 % of it). */
function spread(histogram: ArrayLike<number>, count: number): number {
  let seen = 0;
  let low = -1;
  for (let i = 0; i < 256; i++) {
    seen += histogram[i]!;
    if (low < 0 && seen >= count * 0.002) low = i;
    if (seen >= count * 0.998) return i - low;
  }
  return 0;
}
