import { hull, type Polygon } from './geometry';
import type { TextResult } from './analysisResult';
import type { TextLevel } from './protocol';

/**
 * A result's text flattened into the three levels the panel boxes, with the user's corrections
 * applied. Words are numbered in `allWords` order (the index corrections and messages use);
 * lines and blocks in document order. Shared by the webview (drawing) and the host (copying),
 * so both sides agree on what index `n` of a level is.
 */
export interface TextItem {
  text: string;
  polygon: Polygon;
  confidence?: number;
  /** Words: corrected by the user. Lines and blocks: some word in them was. */
  edited: boolean;
  /** Words: the line they belong to; lines: their block; blocks: their page. */
  parent: number;
}

export type TextItems = Record<TextLevel, TextItem[]>;

/** Corrections by word index. */
export type Edits = ReadonlyMap<number, string>;

export function textItems(text: TextResult | undefined, edits: Edits = new Map()): TextItems {
  const items: TextItems = { block: [], line: [], word: [] };
  if (!text) return items;
  text.pages.forEach((page, pageIndex) => {
    for (const block of page.blocks) {
      const lineTexts: string[] = [];
      const blockIndex = items.block.length;
      let blockEdited = false;
      const linePolygons: Polygon[] = [];
      for (const line of block.lines) {
        const lineIndex = items.line.length;
        let lineEdited = false;
        const words = line.words.map((word) => {
          const index = items.word.length;
          const edit = edits.get(index);
          if (edit !== undefined) lineEdited = true;
          const item: TextItem = { text: edit ?? word.text, polygon: word.polygon, confidence: word.confidence, edited: edit !== undefined, parent: lineIndex };
          items.word.push(item);
          return item;
        });
        // A corrected word changes its line's text; otherwise the provider's line text stands
        // (it may hold spacing or punctuation the words lack).
        const lineText = lineEdited || (line.text === '' && words.length > 0) ? words.map((w) => w.text).join(' ') : line.text;
        const polygon = line.polygon.length > 0 ? line.polygon : hull(words.map((w) => w.polygon));
        items.line.push({ text: lineText, polygon, confidence: line.confidence, edited: lineEdited, parent: blockIndex });
        lineTexts.push(lineText);
        linePolygons.push(polygon);
        blockEdited ||= lineEdited;
      }
      const polygon = block.polygon.length > 0 ? block.polygon : hull(linePolygons);
      items.block.push({ text: lineTexts.join('\n'), polygon, edited: blockEdited, parent: pageIndex });
    }
  });
  return items;
}

