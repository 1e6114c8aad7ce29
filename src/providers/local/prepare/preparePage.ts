import { invert, rotation, then, translation, type Affine } from './affine';
import { cut, histogramOf, inkBounds, otsu, percentile, shrink, type GrayImage } from './grayImage';
import { evenLighting, measureLighting, type Lighting } from './lighting';
import { findLineAngle, type LineAngle } from './lineAngle';
import { edgeWidth, sharpen } from './blur';
import { grain, GRAINY, smooth, whiten } from './noise';
import { warp } from './warp';

/**
 * The page preparation before recognition (issue 15), pure: measure the page on a small copy
 * (light, the lines' direction, their height), then turn, deskew, scale and even the light of the
 * whole page in one resampling. Which way up the level lines read (0° or 180°, and 90°/270° when
 * the lines' direction is unclear) is not decided here: the OCR worker reads a band of lines each
 * way (readPreparedPage.ts). Word boxes go back through `toSent`.
 */

/** What was done, as the result reports it (the shape of `TextPreparation`). */
export interface Preparation {
  turned: 0 | 90 | 180 | 270;
  deskewed: number;
  scaled: number;
  evenedLight: boolean;
  /** Grain smoothed away. */
  smoothed?: boolean;
}

export interface PageAnalysis {
  lines?: LineAngle;
  lighting?: Lighting;
  /** Grainy: smoothed before measuring (and never enlarged). */
  grainy?: boolean;
  /** Grainy and smoothed before reading too: its letters are large enough, or its ink too faint to read through the grain. */
  smooth?: boolean;
  /** Blurred for letters its size: enlarged to TARGET_TEXT and sharpened before reading. */
  blurred?: boolean;
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
 * Text sizes as `textSize` measures them (about the x-height, in pixels). Measured on the corpus
 * (scripts/ocr-corpus.mjs): imageTextN.png reads at CER 0.3 % with 6 px, the invoice at 7 px
 * only at 3.2 %, the article at 5 px at 10 %; all read at ≤ 1.4 % from 8 px up. Below TINY the
 * page is enlarged before anything else; below SMALL it is read as it is, and again enlarged (to
 * RETRY_TEXT or TARGET) when the engine is not confident of its reading; above LARGE it is reduced to 1.5 × TARGET
 * (the invoice at 2×, 28 px, reads as well and in half the time).
 */
const TINY_TEXT = 4.5;
const SMALL_TEXT = 8;
const TARGET_TEXT = 12;
const LARGE_TEXT = 24;
/**
 * The size small text is read at again when reading it as it was went badly: a second reading
 * costs the most, and from RETRY_NEAR up 10 px reads as well as 12 (the invoice at half size, 7 px:
 * 0.1 % at 1.43× in 0.56 s, 0.4 % at 1.71× in 0.92 s; it read at 2.06× the upright page's time
 * with 12 px). Smaller text, enlarged more, needs the full TARGET (the invoice at 0.35, 5 px:
 * 2.6 % at 10 px, 2.3 % at 11, 1.6 % at 12).
 */
const RETRY_TEXT = 10;
const RETRY_NEAR = 6;
/** Deskewing text smaller than this enlarges it too (the article at half size, 8 px, skewed 12°: 4.2 % at its size). */
const DESKEW_ENLARGE = 10;
/**
 * Grain is smoothed before reading on text at least this large, or on faint ink (a grey scan
 * under grain: the code page, 4–9 px, reads nothing as it is and 2.9 % smoothed). Smaller text in
 * black ink keeps its grain (imageTextN, 6 px, with noise σ 24: 1.3 % as it is, 7.6 % smoothed).
 */
const SMOOTH_FROM = 10;
/**
 * A smoothed page is white from this grey up (`whiten`): the invoice under grain on a grey scan
 * read at 2.6 % as evened, 0.5 % whitened from 200, 1.2 % from 180; the article 0.4 → 0.1 %.
 */
const WHITE_FROM = 200;
/**
 * Edges this wide (`edgeWidth`, px) are blurred: the corpus's blurred pages are at 1.7–2.5, sharp
 * ones at 0.9–1.1 (1.6 enlarged 2×). Blur matters on letters smaller than BLUR_MATTERS: imageTextN
 * blurred, 8 px, reads at 10.6 % as it is; the invoice blurred at 14 px at 0.4 %.
 */
const BLURRED = 1.5;
const BLUR_MATTERS = 10;
/** The unsharp mask's strength on a blurred page (imageTextN blurred, enlarged 1.5×: 1.6 % at 1.5, 0.6 % at 2, 5.1 % at 3). */
const SHARPEN = 2;
/** Beyond 3× the engine reads more noise than text, and the time grows with the square. */
const MAX_UPSCALE = 3;
/** Grey levels between the darkest and the brightest few pixels, below which there is nothing to read. */
const MIN_SPREAD = 24;
/** Skews below this are left to the engine (a resampling costs more than it gains). */
const MIN_DESKEW = 0.2;
/** Below this strength the lines' direction may be the columns': every quarter turn is tried. */
const CLEAR_LINES = 2;
/** Below this strength (or with fewer lines than FEW_LINES and a strength under 3) it is no page. */
const PAGE_STRENGTH = 1.5;
const FEW_LINES = 4;

export function analyzePage(page: GrayImage): PageAnalysis {
  const factor = Math.max(1, Math.ceil(Math.max(page.width, page.height) / ANALYSIS_SIDE));
  const small = shrink(page, factor);
  const histogram = histogramOf(small);
  // A picture of one tone (blank, black) has no lines to find.
  // The grey levels between the darkest and the brightest 0.2 % of the pixels (a page's ink may be 1 % of it).
  const count = small.data.length;
  if (percentile(histogram, count, 0.998) - percentile(histogram, count, 0.002) < MIN_SPREAD) return { factor };
  // Light text on a dark ground (a dark-theme screenshot): the lines are measured on the negative,
  // and the light is left alone (the engine reads light-on-dark text itself).
  const threshold = otsu(histogram);
  let dark = 0;
  for (let i = 0; i <= threshold; i++) dark += histogram[i]!;
  if (dark > small.data.length / 2) {
    const negative = { ...small, data: small.data.map((v) => 255 - v) };
    const lines = findLineAngle(negative, otsu(histogramOf(negative)));
    return isPage(lines) ? { lines, factor } : { factor };
  }
  // The lines are found on a smoothed copy when grainy, its light measured smoothed too (measured
  // on the grain, a faint page's paper stayed grey and broke the code page's lines into 17 "lines"
  // of 4 px, too small for a band to be cut: its turn went unchecked and wrong). The light reported
  // is the page's as it is; a page smoothed for reading has it measured again then (`renderPage`).
  const cell = Math.max(12, Math.max(small.width, small.height) / 24);
  const lighting = measureLighting(small, cell);
  const grainy = grain(small, threshold) > GRAINY;
  const smoothed = grainy ? smooth(small) : small;
  const lineLighting = grainy ? measureLighting(smoothed, cell) : lighting;
  const forLines = lineLighting.needed ? evenLighting(smoothed, lineLighting) : smoothed;
  const lines = findLineAngle(forLines, otsu(histogramOf(forLines)));
  // A photo, not a page: its "lines" are edges of things (the scene photo: strength 1.3; a motion-
  // blurred sign: 3 lines at 2.1). It is read as it is, as before: turning or relighting it on
  // such evidence only does harm. Every page of the corpus, noisy and washed out ones included, has
  // a strength of 2.2 or more.
  if (!isPage(lines)) return { factor };
  const analysis: PageAnalysis = { lines, lighting, factor, ...(grainy ? { grainy } : {}) };
  const size = textSize(analysis, page);
  // Measured on the page itself (the analysis copy's shrinking sharpens edges), and only where it matters: small letters.
  if (!grainy && size > 0 && size < BLUR_MATTERS && edgeWidth(page) >= BLURRED) return { ...analysis, blurred: true };
  return grainy && (size >= SMOOTH_FROM || lighting.faint) ? { ...analysis, smooth: true } : analysis;
}

/** Whether the lines found are a page's (photos have "lines" too: the edges of things). */
function isPage(lines: LineAngle | undefined): lines is LineAngle {
  return lines !== undefined && lines.strength >= PAGE_STRENGTH && (lines.lines >= FEW_LINES || lines.strength >= 3);
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

/**
 * The text's size in the page's pixels: the median height of the lines' dense core (about the
 * x-height); 0 when there is no text to size (fewer than two lines, or "lines" a quarter of the page).
 */
export function textSize(analysis: PageAnalysis, page: { width: number; height: number }): number {
  const lines = analysis.lines;
  if (!lines || lines.lines < 2 || lines.lineHeight * analysis.factor > Math.min(page.width, page.height) / 4) return 0;
  return lines.coreHeight * analysis.factor;
}

/**
 * The scale to read the page at first: text too small to read at all is enlarged to TARGET (at
 * most 3×); huge text is reduced (reading it costs time for nothing); small text that must be
 * deskewed is enlarged with it; the rest as it is — small but legible text is enlarged only if
 * reading it as it is goes badly (`retryScale`).
 */
export function chooseScale(analysis: PageAnalysis, page: { width: number; height: number }, maxPixels: number, turn = 0): number {
  const size = textSize(analysis, page);
  if (size <= 0) return 1;
  let scale = 1;
  // A grainy page is never enlarged: grain breaks its lines into pieces that look like tiny text,
  // and enlarging grain does not make letters clearer.
  if (analysis.grainy) return size > LARGE_TEXT ? fit((TARGET_TEXT * 1.5) / size, page, maxPixels) : 1;
  if (size < TINY_TEXT || (analysis.blurred && size < TARGET_TEXT)) scale = Math.min(MAX_UPSCALE, TARGET_TEXT / size);
  // Small text that is resampled anyway (deskewed) is enlarged in the same pass: turning it at its
  // own size blurs strokes a pixel or two wide.
  else if (size < DESKEW_ENLARGE && Math.abs(turn - Math.round(turn / 90) * 90) >= MIN_DESKEW) scale = Math.min(1.6, TARGET_TEXT / size);
  else if (size > LARGE_TEXT) scale = (TARGET_TEXT * 1.5) / size;
  return fit(scale, page, maxPixels);
}

/** The scale to read small text at again when reading it as it was went badly; undefined: no retry. */
export function retryScale(analysis: PageAnalysis, page: { width: number; height: number }, maxPixels: number, scale: number): number | undefined {
  const size = textSize(analysis, page) * scale;
  if (size <= 0 || size >= SMALL_TEXT) return undefined;
  const retry = fit(Math.min(MAX_UPSCALE, (scale * (size >= RETRY_NEAR ? RETRY_TEXT : TARGET_TEXT)) / size), page, maxPixels);
  return retry > scale * 1.2 ? retry : undefined;
}

function fit(scale: number, page: { width: number; height: number }, maxPixels: number): number {
  return Math.round(Math.min(scale, Math.sqrt(maxPixels / (page.width * page.height))) * 100) / 100;
}

/**
 * The page turned clockwise by `turn` degrees (any angle), scaled by `scale`, smoothed (and its
 * paper whitened) when the analysis says so and with the light evened when `lighting` says so; the canvas grows to hold all of it. Nothing to do → the page
 * itself (`changed` false), so an upright clean page is read exactly as before.
 */
export function renderPage(page: GrayImage, turn: number, scale: number, analysis: Pick<PageAnalysis, 'lighting' | 'smooth' | 'blurred' | 'factor'>): PreparedPage & { changed: boolean } {
  const smoothed = analysis.smooth === true ? smooth(page) : page;
  // The light of a smoothed page is measured on it as it will be read: the analysis copy, shrunk
  // and smoothed, washes thin strokes out (the article under grain: ink level 200 of 255 there, 176
  // on the page; stretched from 200 its grain came back as speckle, CER 9.4 %, from 176 0.6 %).
  const lighting = smoothed !== page && analysis.lighting ? measureLighting(smoothed, analysis.lighting.cell * analysis.factor) : analysis.lighting;
  const quarter = Math.round(turn / 90) * 90;
  const deskew = quarter - turn;
  const rotate = Math.abs(deskew) >= MIN_DESKEW ? turn : quarter;
  const evened = lighting?.needed === true;
  const preparation: Preparation = {
    turned: (((quarter % 360) + 360) % 360) as Preparation['turned'],
    deskewed: rotate === turn ? round(deskew, 1) : 0,
    scaled: scale,
    evenedLight: evened,
    ...(smoothed !== page ? { smoothed: true } : {}),
  };
  const evenedSource = evened ? evenLighting(smoothed, lighting) : smoothed;
  const source = smoothed !== page ? whiten(evenedSource, WHITE_FROM) : evenedSource;
  // A blurred page is sharpened as read (after enlarging it): the mask's σ of 1 px then fits the blur.
  const finish = (image: GrayImage) => (analysis.blurred === true ? sharpen(image, SHARPEN) : image);
  if (rotate === 0 && scale === 1) {
    const image = finish(source);
    return { image, toSent: [1, 0, 0, 0, 1, 0], preparation, changed: image !== page };
  }
  const r = (rotate * Math.PI) / 180;
  const width = Math.max(1, Math.round(scale * (Math.abs(Math.cos(r)) * page.width + Math.abs(Math.sin(r)) * page.height)));
  const height = Math.max(1, Math.round(scale * (Math.abs(Math.sin(r)) * page.width + Math.abs(Math.cos(r)) * page.height)));
  const forward = then(then(translation(-page.width / 2, -page.height / 2), rotation(rotate, scale)), translation(width / 2, height / 2));
  const toSent = invert(forward);
  const warped = warp(source, toSent, width, height);
  // Only the page's text and a margin go to the engine: a turned page's canvas is mostly empty
  // corners (imageTextN skewed 30°: 1341×1277 pixels for 835×415 of text), which the engine
  // binarizes and searches for nothing (2–13 % of its time on the corpus's skewed pages).
  const bounds = inkBounds(warped, otsu(histogramOf(warped)), CROP_MARGIN);
  if (!bounds || bounds.width * bounds.height > 0.8 * width * height) return { image: finish(warped), toSent, preparation, changed: true };
  return { image: finish(cut(warped, bounds)), toSent: then(translation(bounds.left, bounds.top), toSent), preparation, changed: true };
}

/** White paper kept around the text when a turned page is cut to it (the engine wants a border). */
const CROP_MARGIN = 20;

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
