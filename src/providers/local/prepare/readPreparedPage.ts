import { then, type Affine } from './affine';
import { cut, turned180, type GrayImage } from './grayImage';
import { analyzePage, candidateTurns, chooseScale, renderPage, retryScale, type PageAnalysis, type PreparedPage } from './preparePage';
import { textBand } from './textBand';
import { warp } from './warp';

/**
 * The whole preparation and reading of one page: measure it, level its lines, find which way up
 * it reads, read it. Which way up is the engine's call: a small band of lines is read each way
 * and the way with the higher confidence wins. To keep an upright page cheap, the lines' shape
 * (ascenders above, descenders below: `asymmetry`) orders the work: when it says the level page
 * is upright, the whole page is read straight away and its confidence checked afterwards. Small
 * text the engine is not confident of is read once more, enlarged, and the better reading kept.
 */
export interface PageReader<T> {
  /** Reads a whole page (`undefined`: the picture as it came) with the request's settings. */
  page(image: GrayImage | undefined): Promise<{ result: T; confidence: number }>;
  /** The engine's mean confidence (0–100) reading a small picture as one block. */
  band(image: GrayImage): Promise<number>;
}

export interface ReadPage<T> {
  result: T;
  page: PreparedPage;
  /** The clockwise turns whose band was read (empty: none was needed, or no lines to check). */
  turnsTried: number[];
}

/** Scripts whose lines' shape says which way is up: Latin has more ascenders than descenders, Cyrillic fewer. */
export type Script = 'latin' | 'cyrillic' | undefined;

type Rendered = PreparedPage & { changed: boolean };

/** A band (or a page) read at least this well is upright: the other ways are not tried. */
const UPRIGHT = 75;
/** Another way up must read this much better to be taken. */
const MARGIN = 8;
/**
 * A band read less confidently than this either way says nothing of which way is up: the level
 * way is kept (imageTextN shrunk, blurred and compressed: 18 upside down, 13 upright, CER 90 % either way).
 */
const UNREADABLE = 30;
/**
 * Asymmetry at least LEVEL_SHAPE: the level page is read first (on the corpus no page with a
 * shape above 1.5 was upside down; clean upright pages are at 1.6–7); at most 1/FLIP_SHAPE: the
 * upside-down band is read first (a wrong hint there costs one band, not a page).
 */
const LEVEL_SHAPE = 1.55;
const FLIP_SHAPE = 1.2;
/**
 * Small text read less confidently than this is tried enlarged (a band first, then the page). On
 * the corpus: the invoice at half size reads at 85 (CER 3.2 %, enlarged 0.4 %); imageTextN as
 * JPEG q30 at 89 (0.3 % either way, and enlarged it takes 2.5 times as long).
 */
const CONFIDENT = 86;
/** The enlarged band must read this much more confidently for the page to be read again. */
const ENLARGED_MARGIN = 3;

export async function readPreparedPage<T>(gray: GrayImage, maxPixels: number, script: Script, reader: PageReader<T>): Promise<ReadPage<T>> {
  const analysis = analyzePage(gray);
  const turns = candidateTurns(analysis);
  const scale = chooseScale(analysis, gray, maxPixels, turns[0]);
  const level = renderPage(gray, turns[0]!, scale, analysis);
  const readAt = async (page: Rendered) => ({ ...(await reader.page(page.changed ? page.image : undefined)), page });
  const lines = analysis.lines;
  const lineHeight = (lines?.lineHeight ?? 0) * analysis.factor * scale;
  if (!lines || lineHeight <= 0) return { result: (await readAt(level)).result, page: level, turnsTried: [] };

  const shape = script === 'latin' ? lines.asymmetry : script === 'cyrillic' ? 1 / lines.asymmetry : 1;
  const clear = turns.length === 2;
  let reading: { result: T; confidence: number; page: Rendered };
  let turn: number;
  let turnsTried: number[] = [];
  if (clear && shape >= LEVEL_SHAPE) {
    // Most likely upright as levelled: read it, and look further only if it read badly.
    reading = await readAt(level);
    turn = turns[0]!;
    if (reading.confidence < UPRIGHT) {
      const chosen = await chooseTurn(gray, level, turns, scale, analysis, lineHeight, reader, false);
      turnsTried = chosen.turnsTried;
      if (chosen.page !== level) {
        reading = await readAt(chosen.page);
        turn = chosen.turn;
      }
    }
  } else {
    const chosen = await chooseTurn(gray, level, turns, scale, analysis, lineHeight, reader, clear && shape <= 1 / FLIP_SHAPE);
    turnsTried = chosen.turnsTried;
    reading = await readAt(chosen.page);
    turn = chosen.turn;
  }
  const retry = retryScale(analysis, gray, maxPixels, scale);
  // Not for a grainy page: enlarging its grain does not make its letters clearer.
  if (retry !== undefined && !analysis.grainy && reading.confidence < CONFIDENT && (await enlargingHelps(reading.page.image, lineHeight, retry / scale, reader))) {
    const larger = await readAt(renderPage(gray, turn, retry, analysis));
    if (larger.confidence > reading.confidence) reading = larger;
  }
  return { result: reading.result, page: reading.page, turnsTried };
}

/**
 * Whether reading small text enlarged by `factor` is worth a second reading of the whole page:
 * a band of it is read as it is and enlarged, and the enlarged one must read clearly better
 * (the band costs a few per cent; a second reading of the page, enlarged, costs 2–5 times the first).
 */
async function enlargingHelps<T>(page: GrayImage, lineHeight: number, factor: number, reader: PageReader<T>): Promise<boolean> {
  const band = textBand(page, lineHeight);
  if (!band) return false;
  const piece = cut(page, band);
  const width = Math.round(piece.width * factor);
  const height = Math.round(piece.height * factor);
  const enlarged = warp(piece, [1 / factor, 0, 0, 0, 1 / factor, 0], width, height);
  return (await reader.band(enlarged)) > (await reader.band(piece)) + ENLARGED_MARGIN;
}

/** Reads a band of lines each way up (upside down first when `flippedFirst`) and keeps the best. */
async function chooseTurn<T>(
  gray: GrayImage,
  level: Rendered,
  turns: number[],
  scale: number,
  analysis: PageAnalysis,
  lineHeight: number,
  reader: PageReader<T>,
  flippedFirst: boolean,
): Promise<{ page: Rendered; turn: number; turnsTried: number[] }> {
  const turnsTried: number[] = [];
  const band = textBand(level.image, lineHeight);
  if (!band) return { page: level, turn: turns[0]!, turnsTried };
  // The levelled band upside down is the same pixels reversed: no second resampling to check it.
  const piece = cut(level.image, band);
  const ways = flippedFirst ? [true, false] : [false, true];
  let best: { score: number; flip: boolean; page: Rendered; turn: number } | undefined;
  for (const flip of ways) {
    const score = await reader.band(flip ? turned180(piece) : piece);
    turnsTried.push(flip ? turns[1]! : turns[0]!);
    if (!best || score > best.score + (flip === flippedFirst ? 0 : MARGIN)) best = { score, flip, page: level, turn: turns[0]! };
    if (best.score >= UPRIGHT) break;
  }
  if (turns.length > 2 && best!.score < UPRIGHT) {
    // The lines' direction was unclear: the page across, both ways up.
    const across = renderPage(gray, turns[2]!, scale, analysis);
    const acrossBand = textBand(across.image, lineHeight);
    if (acrossBand) {
      const acrossPiece = cut(across.image, acrossBand);
      for (const flip of [false, true]) {
        const score = await reader.band(flip ? turned180(acrossPiece) : acrossPiece);
        turnsTried.push(flip ? turns[3]! : turns[2]!);
        if (score > best!.score + MARGIN) best = { score, flip, page: across, turn: turns[2]! };
      }
    }
  }
  const { page, turn } = best!;
  const flip = best!.flip && best!.score >= UNREADABLE;
  return flip ? { page: flipPage(page), turn: turn + 180, turnsTried } : { page, turn, turnsTried };
}

/** The prepared page turned a further 180°, its map back to the sent picture updated. */
function flipPage(page: PreparedPage): Rendered {
  const { width, height } = page.image;
  const flip: Affine = [-1, 0, width, 0, -1, height];
  const turned = ((page.preparation.turned + 180) % 360) as PreparedPage['preparation']['turned'];
  return { image: turned180(page.image), toSent: then(flip, page.toSent), preparation: { ...page.preparation, turned }, changed: true };
}
