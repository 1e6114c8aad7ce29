/**
 * Plausible page layouts for images the emulator has no recorded answer for: blocks of lines of
 * words placed inside the image's own width and height, every choice drawn from the image hash.
 */
import { type Seeded } from './image';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface SynthWord {
  box: Box;
  text: string;
  language: string;
  confidence: number;
}
export interface SynthLine {
  box: Box;
  words: SynthWord[];
  confidence: number;
}
export interface SynthBlock {
  box: Box;
  lines: SynthLine[];
  language: string;
}

const VOCABULARY: Record<string, readonly string[]> = {
  en: ['invoice', 'total', 'river', 'window', 'garden', 'Monday', 'coffee', 'station', 'north', 'paper', 'seven', 'light', 'market', 'open', 'street', 'orange'],
  ru: ['счёт', 'итого', 'река', 'окно', 'сад', 'понедельник', 'кофе', 'станция', 'север', 'бумага', 'семь', 'свет', 'рынок', 'открыто', 'улица', 'апельсин'],
};

/** The language a word is "read" in: one of the requested codes, any when `*` was asked for. */
export function chooseLanguage(rng: Seeded, codes: readonly string[]): string {
  const usable = codes.filter((c) => c !== '*');
  return usable.length > 0 && !codes.includes('*') ? rng.pick(usable) : rng.pick(['en', 'ru']);
}

export function word(rng: Seeded, language: string): string {
  return rng.pick(VOCABULARY[language] ?? VOCABULARY.en!);
}

export function hull(boxes: readonly Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

function round3(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

/** One line of `count` words starting at (x, y), clipped to `right`. */
function lineAt(rng: Seeded, x: number, y: number, right: number, lineHeight: number, count: number, language: string): SynthLine | undefined {
  const words: SynthWord[] = [];
  const charWidth = Math.max(1, Math.round(lineHeight * 0.55));
  for (let i = 0; i < count; i++) {
    const text = word(rng, language);
    const w = Math.max(1, text.length * charWidth);
    if (x + w > right && words.length > 0) break;
    const box = { x0: x, y0: y, x1: Math.min(right, x + w), y1: y + lineHeight };
    words.push({ box, text, language, confidence: round3(0.8 + rng.next() * 0.2) });
    x = box.x1 + charWidth;
  }
  if (words.length === 0) return undefined;
  return { box: hull(words.map((w) => w.box)), words, confidence: Math.min(...words.map((w) => w.confidence)) };
}

/**
 * Blocks laid out top to bottom in one or two columns (`columns`); `singleLine` gives one line,
 * as the `line` model expects a cropped single line.
 */
export function layoutPage(rng: Seeded, width: number, height: number, codes: readonly string[], options: { singleLine?: boolean; columns?: 1 | 2 } = {}): SynthBlock[] {
  const margin = Math.round(Math.min(width, height) * 0.05);
  const lineHeight = Math.max(4, Math.min(80, Math.round(height / (options.singleLine ? 2 : 18))));
  const columns = options.columns ?? 1;
  const columnWidth = Math.floor((width - 2 * margin) / columns);
  const blocks: SynthBlock[] = [];
  for (let c = 0; c < columns; c++) {
    const left = margin + c * columnWidth;
    const right = left + columnWidth - (columns > 1 ? margin : 0);
    let y = margin + (options.singleLine ? Math.round((height - 2 * margin - lineHeight) / 2) : 0);
    const blockCount = options.singleLine ? 1 : rng.int(1, 3);
    for (let b = 0; b < blockCount; b++) {
      const language = chooseLanguage(rng, codes);
      const lines: SynthLine[] = [];
      const lineCount = options.singleLine ? 1 : rng.int(1, 4);
      for (let l = 0; l < lineCount && y + lineHeight <= height - margin; l++) {
        const line = lineAt(rng, left, y, Math.max(left + 1, right), lineHeight, rng.int(1, 6), language);
        if (line) lines.push(line);
        y += Math.round(lineHeight * 1.5);
      }
      if (lines.length > 0) blocks.push({ box: hull(lines.map((l) => l.box)), lines, language });
      y += lineHeight;
    }
  }
  return blocks;
}
