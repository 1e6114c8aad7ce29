import assert from 'node:assert/strict';
import { groupIntoLines, layoutText, medianCharWidth, tableToMarkdown, tableToTsv, textInRegion, wordsToTable } from '../../src/text/layout';
import type { Block, Line, TextResult, Word } from '../../src/shared/analysisResult';

const CW = 10; // pixels per character in these synthetic screenshots
const rect = (x: number, y: number, width: number, height: number) => [
  { x, y },
  { x: x + width, y },
  { x: x + width, y: y + height },
  { x, y: y + height },
];
const word = (text: string, x: number, y: number): Word => ({ text, polygon: rect(x, y, [...text].length * CW, 16) });
/** A line of words placed by column (in characters), like a monospace editor. */
function line(y: number, ...parts: Array<[number, string]>): Line {
  const words = parts.map(([column, text]) => word(text, 20 + column * CW, y));
  const xs = words.flatMap((w) => w.polygon.map((p) => p.x));
  return { text: parts.map((p) => p[1]).join(' '), words, polygon: rect(Math.min(...xs), y, Math.max(...xs) - Math.min(...xs), 16) };
}
const block = (...lines: Line[]): Block => ({ lines, polygon: lines.flatMap((l) => l.polygon) });
const page = (...blocks: Block[]): TextResult => ({ fullText: '', pages: [{ width: 800, height: 600, blocks }] });

describe('layoutText', () => {
  it('keeps the indentation of a code screenshot', () => {
    const text = page(
      block(line(10, [0, 'function'], [9, 'f()'], [13, '{']), line(30, [4, 'return'], [11, '1;']), line(50, [0, '}'])),
    );
    assert.equal(layoutText(text), 'function f() {\n    return 1;\n}');
  });

  it('keeps wide gaps inside a line (aligned columns) and puts a blank line between blocks', () => {
    const text = page(block(line(10, [0, 'Name'], [12, 'Qty'])), block(line(80, [0, 'apple'], [12, '3'])));
    assert.equal(layoutText(text), 'Name        Qty\n\napple       3');
  });

  it('orders blocks top to bottom, and side by side blocks left to right', () => {
    const right = block(line(10, [30, 'right']));
    const left = block(line(12, [0, 'left']));
    const below = block(line(100, [0, 'below']));
    assert.equal(layoutText(page(below, right, left)), 'left\n\n                              right\n\nbelow');
  });

  it('uses corrected words when given', () => {
    const l = line(10, [0, 'he11o'], [6, 'world']);
    const edits = new Map([[l.words[0]!, 'hello']]);
    assert.equal(layoutText(page(block(l)), edits), 'hello world');
  });

  it('keeps the hyphen a word was split with at a line end, which is in the line\'s text but in no word (Google\'s HYPHEN break)', () => {
    const first = { ...line(10, [0, 'Image'], [6, 'In']), text: 'Image In-' };
    const second = line(30, [0, 'sight']);
    assert.equal(layoutText(page(block(first, second))), 'Image In-\nsight');
    const printed = { ...line(10, [0, 'well-']), text: 'well-' }; // a hyphen that is a symbol of the word: not doubled
    assert.equal(layoutText(page(block(printed))), 'well-');
  });

  it('copes with an empty result', () => {
    assert.equal(layoutText({ fullText: '', pages: [] }), '');
    assert.equal(medianCharWidth([]), 0);
  });
});

describe('regions and tables', () => {
  const words = [word('A1', 20, 10), word('B1', 120, 12), word('A2', 20, 40), word('B2', 120, 38), word('long', 220, 70), word('cell', 270, 70)];

  it('groups words into lines by vertical overlap, left to right', () => {
    assert.deepEqual(groupIntoLines(words).map((l) => l.map((w) => w.text)), [['A1', 'B1'], ['A2', 'B2'], ['long', 'cell']]);
  });

  it('copies the words inside a dragged rectangle in reading order', () => {
    assert.equal(textInRegion(words, { x: 100, y: 0, width: 60, height: 60 }), 'B1\nB2');
    assert.equal(textInRegion(words, { x: 0, y: 0, width: 400, height: 30 }), 'A1 B1');
    assert.equal(textInRegion(words, { x: 500, y: 500, width: 10, height: 10 }), '');
  });

  it('clusters words into rows and columns and writes TSV and Markdown', () => {
    const table = wordsToTable(words);
    assert.deepEqual(table, [
      ['A1', 'B1', ''],
      ['A2', 'B2', ''],
      ['', '', 'long cell'],
    ]);
    assert.equal(tableToTsv(table), 'A1\tB1\t\nA2\tB2\t\n\t\tlong cell');
    assert.equal(tableToMarkdown([['a|b', 'c'], ['1', '2']]), '| a\\|b | c |\n| --- | --- |\n| 1 | 2 |');
    assert.equal(tableToMarkdown([]), '');
  });
});
