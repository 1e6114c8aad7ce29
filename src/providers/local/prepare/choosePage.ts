import { then, type Affine } from './affine';
import { turned180, type GrayImage } from './grayImage';
import { analyzePage, candidateTurns, chooseScale, renderPage, type PreparedPage } from './preparePage';
import { cut, textBand } from './textBand';

/**
 * The whole preparation and reading of one page: measure it, level its lines, find which way up
 * it reads, read it. Which way up is the engine's call: a small band of lines is read each way
 * and the way with the higher confidence wins. To keep an upright page cheap, the lines' shape
 * (ascenders above, descenders below: `asymmetry`) orders the work: when it says the level page
 * is upright, the whole page is read straight away and its confidence checked afterwards.
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

/** A band (or a page) read at least this well is upright: the other ways are not tried. */
const UPRIGHT = 75;
/** Another way up must read this much better to be taken. */
const MARGIN = 8;
/** Asymmetry beyond this (or below its inverse) is a clear hint. */
const CLEAR_SHAPE = 1.2;

export async function readPreparedPage<T>(gray: GrayImage, maxPixels: number, script: Script, reader: PageReader<T>): Promise<ReadPage<T>> {
  const analysis = analyzePage(gray);
  const turns = candidateTurns(analysis);
  const scale = chooseScale(analysis, gray, maxPixels);
  const level = renderPage(gray, turns[0]!, scale, analysis.lighting);
  const read = async (page: PreparedPage & { changed: boolean }) => (await reader.page(page.changed ? page.image : undefined)).result;
  const lines = analysis.lines;
  const lineHeight = (lines?.lineHeight ?? 0) * analysis.factor * scale;
  if (!lines || lineHeight <= 0) return { result: await read(level), page: level, turnsTried: [] };

  const shape = script === 'latin' ? lines.asymmetry : script === 'cyrillic' ? 1 / lines.asymmetry : 1;
  const clear = turns.length === 2;
  if (clear && shape >= CLEAR_SHAPE) {
    // Most likely upright as levelled: read it, and look further only if it read badly.
    const first = await reader.page(level.changed ? level.image : undefined);
    if (first.confidence >= UPRIGHT) return { result: first.result, page: level, turnsTried: [] };
    const chosen = await chooseTurn(gray, level, turns, scale, analysis.lighting, lineHeight, reader, false);
    if (chosen.page === level) return { result: first.result, page: level, turnsTried: chosen.turnsTried };
    return { result: await read(chosen.page), page: chosen.page, turnsTried: chosen.turnsTried };
  }
  const chosen = await chooseTurn(gray, level, turns, scale, analysis.lighting, lineHeight, reader, clear && shape <= 1 / CLEAR_SHAPE);
  return { result: await read(chosen.page), page: chosen.page, turnsTried: chosen.turnsTried };
}

/** Reads a band of lines each way up (upside down first when `flippedFirst`) and keeps the best. */
async function chooseTurn<T>(
  gray: GrayImage,
  level: PreparedPage & { changed: boolean },
  turns: number[],
  scale: number,
  lighting: Parameters<typeof renderPage>[3],
  lineHeight: number,
  reader: PageReader<T>,
  flippedFirst: boolean,
): Promise<{ page: PreparedPage & { changed: boolean }; turnsTried: number[] }> {
  const turnsTried: number[] = [];
  const band = textBand(level.image, lineHeight);
  if (!band) return { page: level, turnsTried };
  // The levelled band upside down is the same pixels reversed: no second resampling to check it.
  const piece = cut(level.image, band);
  const ways = flippedFirst ? [true, false] : [false, true];
  let best: { score: number; flip: boolean; page: PreparedPage & { changed: boolean } } | undefined;
  for (const flip of ways) {
    const score = await reader.band(flip ? turned180(piece) : piece);
    turnsTried.push(flip ? turns[1]! : turns[0]!);
    if (!best || score > best.score + (flip === flippedFirst ? 0 : MARGIN)) best = { score, flip, page: level };
    if (best.score >= UPRIGHT) break;
  }
  if (turns.length > 2 && best!.score < UPRIGHT) {
    // The lines' direction was unclear: the page across, both ways up.
    const across = renderPage(gray, turns[2]!, scale, lighting);
    const acrossBand = textBand(across.image, lineHeight);
    if (acrossBand) {
      const acrossPiece = cut(across.image, acrossBand);
      for (const flip of [false, true]) {
        const score = await reader.band(flip ? turned180(acrossPiece) : acrossPiece);
        turnsTried.push(flip ? turns[3]! : turns[2]!);
        if (score > best!.score + MARGIN) best = { score, flip, page: across };
      }
    }
  }
  return { page: best!.flip ? flipPage(best!.page) : best!.page, turnsTried };
}

/** The prepared page turned a further 180°, its map back to the sent picture updated. */
function flipPage(page: PreparedPage): PreparedPage & { changed: boolean } {
  const { width, height } = page.image;
  const flip: Affine = [-1, 0, width, 0, -1, height];
  const turned = ((page.preparation.turned + 180) % 360) as PreparedPage['preparation']['turned'];
  return { image: turned180(page.image), toSent: then(flip, page.toSent), preparation: { ...page.preparation, turned }, changed: true };
}
