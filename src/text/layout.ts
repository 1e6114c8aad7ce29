import { boundingBox, wordsInside, type Region } from '../shared/geometry';
import type { Block, Line, TextResult, Word } from '../shared/analysisResult';

/**
 * Text as it stands on the image, rebuilt from geometry: lines in reading order, blank lines
 * between blocks, and indentation from each line's x offset ÷ the median character width — so
 * that a screenshot of code or a table comes out aligned. Pure; shared by Insert Text, Copy All
 * and the webview.
 */

const box = (polygon: Word['polygon']): Region => boundingBox(polygon);

/** A line's box: its own outline, or (some providers give none) the box around its words. */
const lineBox = (line: Line): Region => (line.polygon.length > 0 || line.words.length === 0 ? box(line.polygon) : box(line.words.flatMap((w) => w.polygon)));

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median width of one character over all words (0 when there are none). */
export function medianCharWidth(words: Word[]): number {
  return median(words.filter((w) => w.text.length > 0).map((w) => box(w.polygon).width / [...w.text].length));
}

/** Blocks sorted top to bottom, then left to right when they start at about the same height. */
function blocksInReadingOrder(blocks: Block[], lineHeight: number): Block[] {
  const keyed = blocks.map((block) => ({ block, b: box(block.polygon.length > 0 ? block.polygon : block.lines.flatMap((l) => (l.polygon.length > 0 ? l.polygon : l.words.flatMap((w) => w.polygon)))) }));
  return keyed
    .sort((p, q) => (Math.abs(p.b.y - q.b.y) < lineHeight / 2 ? p.b.x - q.b.x : p.b.y - q.b.y))
    .map((k) => k.block);
}

/** One line's text with the gaps between its words kept as spaces (at least one). */
function lineText(line: Line, charWidth: number): string {
  if (line.words.length === 0) return line.text;
  const words = [...line.words].sort((a, b) => box(a.polygon).x - box(b.polygon).x);
  let out = words[0]!.text;
  for (let i = 1; i < words.length; i++) {
    const previous = box(words[i - 1]!.polygon);
    const gap = box(words[i]!.polygon).x - (previous.x + previous.width);
    const spaces = charWidth > 0 ? Math.max(1, Math.round(gap / charWidth)) : 1;
    out += ' '.repeat(Math.min(spaces, 40)) + words[i]!.text;
  }
  return out;
}

/**
 * The text of a result with its layout: lines in order, a blank line between blocks, indentation
 * relative to the leftmost line of the page. Uses `edits` (word → corrected text) when given.
 */
export function layoutText(text: TextResult, edits?: ReadonlyMap<Word, string>): string {
  const pages = text.pages.map((page) => {
    const lines = page.blocks.flatMap((b) => b.lines);
    const words = lines.flatMap((l) => l.words).map((w) => (edits?.has(w) ? { ...w, text: edits.get(w)! } : w));
    const charWidth = medianCharWidth(words);
    const lineHeight = median(lines.map((l) => lineBox(l).height)) || 1;
    const left = Math.min(...lines.map((l) => lineBox(l).x));
    const edited = (line: Line): Line => (edits ? { ...line, words: line.words.map((w) => (edits.has(w) ? { ...w, text: edits.get(w)! } : w)) } : line);
    return blocksInReadingOrder(page.blocks, lineHeight)
      .map((block) =>
        [...block.lines]
          .sort((a, b) => lineBox(a).y - lineBox(b).y)
          .map((line) => {
            const indent = charWidth > 0 ? Math.round((lineBox(line).x - left) / charWidth) : 0;
            return ' '.repeat(Math.max(0, Math.min(indent, 200))) + lineText(edited(line), charWidth) + brokenWith(line);
          })
          .join('\n'),
      )
      .filter((blockText) => blockText.trim() !== '')
      .join('\n\n');
  });
  return pages.join('\n\n');
}

/**
 * The hyphen a word was split with at the end of a line: Google puts it in the line's text (a
 * HYPHEN break) but in no word, since it is not a symbol it read; the laid-out text keeps it, as
 * the page and Google's own text do.
 */
function brokenWith(line: Line): string {
  const last = line.words[line.words.length - 1];
  return line.text.endsWith('-') && last !== undefined && !last.text.endsWith('-') ? '-' : '';
}

/**
 * Words grouped into lines by vertical overlap (for results without lines, or a region's words),
 * each line sorted left to right, lines top to bottom.
 */
export function groupIntoLines(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => box(a.polygon).y + box(a.polygon).height / 2 - (box(b.polygon).y + box(b.polygon).height / 2));
  const lines: Array<{ center: number; height: number; words: Word[] }> = [];
  for (const word of sorted) {
    const b = box(word.polygon);
    const center = b.y + b.height / 2;
    const line = lines.find((l) => Math.abs(l.center - center) < Math.max(l.height, b.height) / 2);
    if (line) line.words.push(word);
    else lines.push({ center, height: b.height, words: [word] });
  }
  return lines.map((l) => l.words.sort((a, b) => box(a.polygon).x - box(b.polygon).x));
}

/** The words whose centres lie inside a rectangle (image pixels), in reading order, as text. */
export function textInRegion(words: Word[], region: Region): string {
  return groupIntoLines(wordsInside(words, region))
    .map((line) => line.map((w) => w.text).join(' '))
    .join('\n');
}

/**
 * Words clustered into a table: rows by vertical overlap, columns by the x gaps that every row
 * leaves open. Cells hold the words that fall in them, joined by spaces.
 */
export function wordsToTable(words: Word[]): string[][] {
  const rows = groupIntoLines(words);
  if (rows.length === 0) return [];
  // Column boundaries: x ranges covered by any word, merged; the gaps between them split columns.
  const spans = words.map((w) => box(w.polygon)).map((b) => [b.x, b.x + b.width] as const).sort((a, b) => a[0] - b[0]);
  const charWidth = medianCharWidth(words) || 1;
  const columns: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = columns[columns.length - 1];
    // Words closer than ~1.5 characters belong to the same column (spaces inside a cell).
    if (last && start <= last[1] + charWidth * 1.5) last[1] = Math.max(last[1], end);
    else columns.push([start, end]);
  }
  return rows.map((row) => {
    const cells = columns.map(() => [] as string[]);
    for (const word of row) {
      const b = box(word.polygon);
      const cx = b.x + b.width / 2;
      let index = columns.findIndex(([start, end]) => cx >= start && cx <= end);
      if (index < 0) index = columns.length - 1;
      cells[index]!.push(word.text);
    }
    return cells.map((c) => c.join(' '));
  });
}

/** Tab-separated values (tabs and line breaks inside cells become spaces). */
export function tableToTsv(table: string[][]): string {
  return table.map((row) => row.map((cell) => cell.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

/** A GitHub-flavoured Markdown table; the first row is the header. Pipes are escaped. */
export function tableToMarkdown(table: string[][]): string {
  if (table.length === 0) return '';
  const width = Math.max(...table.map((r) => r.length));
  const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').trim();
  const row = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
  return [row(table[0]!), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...table.slice(1).map(row)].join('\n');
}
