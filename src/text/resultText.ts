import { allWords, type TextResult, type Word } from '../shared/analysisResult';
import { wordsInside, type Region } from '../shared/geometry';
import type { Edits } from '../shared/textItems';
import { layoutText, tableToMarkdown, tableToTsv, textInRegion, wordsToTable } from './layout';

/**
 * The text a panel action copies or inserts: the whole result or a region of it, with the
 * user's corrections, as laid-out text or as a table. Pure.
 */

/** Every word with its correction applied, in `allWords` order. */
function correctedWords(text: TextResult, edits: Edits): Word[] {
  return allWords(text).map((word, index) => {
    const edit = edits.get(index);
    return edit === undefined ? word : { ...word, text: edit };
  });
}

/** Corrections keyed by the word object, as `layoutText` takes them. */
function editsByWord(text: TextResult, edits: Edits): Map<Word, string> {
  const words = allWords(text);
  return new Map([...edits].filter(([index]) => words[index] !== undefined).map(([index, value]) => [words[index]!, value]));
}

/** All the text with its layout, or the words inside `region` in reading order. */
export function textOf(text: TextResult, edits: Edits, region?: Region): string {
  if (region) return textInRegion(correctedWords(text, edits), region);
  return layoutText(text, editsByWord(text, edits)) || (edits.size === 0 ? text.fullText : correctedWords(text, edits).map((w) => w.text).join(' '));
}

/**
 * A table: the provider's own when it found one (the first, or the first under `region`),
 * otherwise the words of the region (or of everything) clustered into rows and columns.
 */
export function tableOf(text: TextResult, edits: Edits, region?: Region): string[][] {
  const own = text.tables?.find((table) => !region || table.cells.length > 0 && overlaps(table.polygon, region));
  if (own && own.cells.length > 0 && edits.size === 0) {
    const rows = Array.from({ length: own.rows }, () => Array.from({ length: own.columns }, () => ''));
    for (const cell of own.cells) {
      if (rows[cell.row] && cell.column < own.columns) rows[cell.row]![cell.column] = cell.text;
    }
    return rows;
  }
  const words = correctedWords(text, edits);
  return wordsToTable(region ? wordsInside(words, region) : words);
}

export const tableAsTsv = (table: string[][]): string => tableToTsv(table);
export const tableAsMarkdown = (table: string[][]): string => tableToMarkdown(table);

function overlaps(polygon: Word['polygon'], region: Region): boolean {
  if (polygon.length === 0) return false;
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  return Math.min(...xs) < region.x + region.width && Math.max(...xs) > region.x && Math.min(...ys) < region.y + region.height && Math.max(...ys) > region.y;
}
