import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisResult, Block, Line, Word } from '../../src/shared/analysisResult';
import type { Polygon } from '../../src/shared/geometry';
import { describeInvalidResult } from '../../src/shared/resultGuard';

/**
 * Normalized results for tests and benches: the hand-derived fixtures in
 * test/fixtures/results (one per documented/recorded provider response, raw copied in, so they
 * need nothing outside the repo), and a seeded synthetic text result of any size.
 */

/** Compiled to out/test/unit, run from there: the repo root is three levels up. */
export const RESULT_FIXTURES_DIR = path.resolve(__dirname, '../../../test/fixtures/results');

/** test/fixtures/results/index.json: which example response each fixture was derived from. */
export interface ResultFixtureIndex {
  /**
   * Fixture name (file name without `.json`) → the example file(s) it was derived from and what
   * it shows. `composed`: raw was put together from several examples (no single response has it).
   */
  fixtures: Record<string, { sources: string[]; shows: string; composed?: true }>;
  /** Example responses that are not analysis results (enrolment, deletion), and why. */
  notResults: Record<string, string>;
}

export function readResultFixtureIndex(): ResultFixtureIndex {
  return JSON.parse(fs.readFileSync(path.join(RESULT_FIXTURES_DIR, 'index.json'), 'utf8')) as ResultFixtureIndex;
}

export function resultFixtureNames(): string[] {
  return Object.keys(readResultFixtureIndex().fixtures);
}

/** A fixture by name (`google-face-detection-1`); throws, saying where, if it is not a valid result. */
export function loadResultFixture(name: string): AnalysisResult {
  const value: unknown = JSON.parse(fs.readFileSync(path.join(RESULT_FIXTURES_DIR, `${name}.json`), 'utf8'));
  const problem = describeInvalidResult(value);
  if (problem !== undefined) throw new Error(`fixture ${name} is not an AnalysisResult: ${problem}`);
  return value as AnalysisResult;
}

/** mulberry32: a tiny deterministic PRNG, so a seed always gives the same result (never Math.random). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = 'etaoinshrdlucmfwypvbgkqjxz';
const CYRILLIC = 'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё';
const PAGE_WIDTH = 3000;
const PAGE_HEIGHT = 4000;
const MARGIN = 120;

const rect = (x: number, y: number, width: number, height: number): Polygon => [
  { x, y },
  { x: x + width, y },
  { x: x + width, y: y + height },
  { x, y: y + height },
];

function hull(polygons: Polygon[]): Polygon {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const polygon of polygons) {
    for (const { x, y } of polygon) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return rect(minX, minY, maxX - minX, maxY - minY);
}

/**
 * A dense scanned page with `nWords` words: paragraphs (blocks) of left-aligned lines, word
 * boxes sized by their length, baselines jittered by a pixel or two, mostly English with some
 * Russian, mostly confident with a few doubtful words. The type size shrinks so the words fill a
 * 3000×4000 page; past about 40,000 words the page grows taller instead (a long screenshot).
 * Same `(nWords, seed)` → the same result, byte for byte.
 */
export function syntheticTextResult(nWords: number, seed = 1): AnalysisResult {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  // About 7 character cells per word (6 letters and a space), each twice as tall as wide.
  const usable = (PAGE_WIDTH - 2 * MARGIN) * (PAGE_HEIGHT - 2 * MARGIN) * 0.8;
  const charWidth = Math.max(4, Math.min(30, Math.floor(Math.sqrt(usable / (Math.max(1, nWords) * 14)))));
  const lineHeight = charWidth * 2;
  const maxLineWidth = PAGE_WIDTH - 2 * MARGIN;

  const blocks: Block[] = [];
  const textLines: string[] = [];
  let y = MARGIN;
  let made = 0;
  while (made < nWords) {
    const lines: Line[] = [];
    const linesInBlock = int(2, 8);
    for (let l = 0; l < linesInBlock && made < nWords; l++) {
      const words: Word[] = [];
      // Last lines of paragraphs are short, like real text.
      const lineWidth = l === linesInBlock - 1 ? maxLineWidth * (0.3 + 0.6 * random()) : maxLineWidth;
      let x = MARGIN;
      while (made < nWords) {
        const russian = random() < 0.1;
        const alphabet = russian ? CYRILLIC : LATIN;
        const length = int(1, 11);
        let text = '';
        for (let c = 0; c < length; c++) text += alphabet[Math.floor(random() * alphabet.length)];
        const width = length * charWidth;
        if (words.length > 0 && x + width > MARGIN + lineWidth) break;
        const doubtful = random() < 0.05;
        words.push({
          polygon: rect(x, y + int(-1, 1), width, lineHeight),
          text,
          confidence: Math.round((doubtful ? 0.3 + 0.3 * random() : 0.9 + 0.1 * random()) * 1000) / 1000,
          language: russian ? 'ru' : 'en',
        });
        made++;
        x += width + charWidth;
      }
      const text = words.map((w) => w.text).join(' ');
      lines.push({ polygon: hull(words.map((w) => w.polygon)), text, confidence: Math.min(...words.map((w) => w.confidence ?? 1)), words });
      textLines.push(text);
      y += Math.round(lineHeight * 1.4);
    }
    blocks.push({ polygon: hull(lines.map((l) => l.polygon)), lines });
    y += lineHeight; // the gap between paragraphs
  }

  const height = Math.max(PAGE_HEIGHT, y + MARGIN);
  const name = `synthetic-${nWords}-${seed}`;
  return {
    provider: 'local',
    features: ['text'],
    image: {
      uri: `file:///fixtures/${name}.png`,
      width: PAGE_WIDTH,
      height,
      mime: 'image/png',
      // Not the hash of any real file: a stable, well-formed stand-in.
      sha256: createHash('sha256').update(name).digest('hex'),
    },
    text: { fullText: textLines.join('\n'), pages: [{ width: PAGE_WIDTH, height, blocks }] },
    errors: [],
    raw: null,
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}
