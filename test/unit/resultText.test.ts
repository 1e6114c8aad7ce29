import assert from 'node:assert/strict';
import type { AnalysisResult, TextResult } from '../../src/shared/analysisResult';
import type { Polygon } from '../../src/shared/geometry';
import { allWords } from '../../src/shared/analysisResult';
import { textItems } from '../../src/shared/textItems';
import { tableAsMarkdown, tableAsTsv, tableOf, textOf } from '../../src/text/resultText';
import { loadResultFixture, syntheticTextResult } from './resultFixtures';

const box = (x: number, y: number, w: number, h: number): Polygon => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];
const word = (text: string, x: number, y: number) => ({ text, polygon: box(x, y, text.length * 10, 20) });

/** Two blocks: "Name Qty" / "apple 3" / "pear 12" as a little table, then a footer line. */
function sample(): TextResult {
  const rows = [
    [word('Name', 10, 10), word('Qty', 200, 10)],
    [word('apple', 10, 40), word('3', 200, 40)],
    [word('pear', 10, 70), word('12', 200, 70)],
  ];
  const lines = rows.map((words) => ({ polygon: [], text: words.map((w) => w.text).join(' '), words }));
  const footer = [word('total', 10, 140), word('15', 200, 140)];
  return {
    fullText: 'Name Qty\napple 3\npear 12\ntotal 15',
    pages: [{ width: 400, height: 200, blocks: [{ polygon: [], lines }, { polygon: box(0, 130, 300, 40), lines: [{ polygon: box(10, 140, 220, 20), text: 'total 15', words: footer }] }] }],
  };
}

describe('text items (what the panel boxes at each level)', () => {
  it('numbers words in allWords order and gives lines and blocks their texts and outlines', () => {
    const text = sample();
    const items = textItems(text);
    assert.deepEqual(items.word.map((w) => w.text), allWords(text).map((w) => w.text));
    assert.deepEqual(items.line.map((l) => l.text), ['Name Qty', 'apple 3', 'pear 12', 'total 15']);
    assert.deepEqual(items.block.map((b) => b.text), ['Name Qty\napple 3\npear 12', 'total 15']);
    // A line or block without an outline of its own gets the rectangle around its children.
    assert.deepEqual(items.line[0]!.polygon, box(10, 10, 220, 20));
    assert.deepEqual(items.block[0]!.polygon, box(10, 10, 220, 80));
    assert.deepEqual([items.word[3]!.parent, items.line[3]!.parent], [1, 1]);
  });

  it('applies corrections to the word, its line and its block, and marks them', () => {
    const items = textItems(sample(), new Map([[2, 'apples']]));
    assert.equal(items.word[2]!.text, 'apples');
    assert.ok(items.word[2]!.edited && items.line[1]!.edited && items.block[0]!.edited);
    assert.ok(!items.line[0]!.edited && !items.block[1]!.edited);
    assert.equal(items.line[1]!.text, 'apples 3');
    assert.equal(items.block[0]!.text, 'Name Qty\napples 3\npear 12');
  });

  it('reads every provider fixture with text', () => {
    for (const name of ['yandex-batchanalyze-text-1', 'yandex-ocr-recognize-text-1', 'google-document-text-detection-1', 'google-text-detection-1', 'vk-text-recognize-1', 'yandex-ocr-recognize-handwritten-1']) {
      const result: AnalysisResult = loadResultFixture(name);
      const items = textItems(result.text);
      assert.ok(items.word.length > 0, name);
      for (const level of ['block', 'line', 'word'] as const) {
        for (const item of items[level]) assert.ok(item.polygon.length >= 3, `${name}: a ${level} without an outline`);
      }
    }
  });
});

describe('text for copy, insert and tables', () => {
  it('copies all the text with its layout, or a region in reading order, with corrections', () => {
    const text = sample();
    const edits = new Map([[4, 'pears']]);
    assert.match(textOf(text, new Map()), /^Name +Qty\napple +3\npear +12\n\ntotal +15$/);
    assert.match(textOf(text, edits), /pears +12/);
    const region = { x: 0, y: 35, width: 400, height: 60 };
    assert.equal(textOf(text, edits, region), 'apple 3\npears 12');
    assert.equal(textOf(text, edits, { x: 500, y: 500, width: 10, height: 10 }), '');
  });

  it('clusters words into a table, as TSV and Markdown', () => {
    const table = tableOf(sample(), new Map([[1, 'Qty|n']]));
    assert.deepEqual(table, [['Name', 'Qty|n'], ['apple', '3'], ['pear', '12'], ['total', '15']]);
    assert.equal(tableAsTsv(table).split('\n')[1], 'apple\t3');
    assert.equal(tableAsMarkdown(table).split('\n').slice(0, 3).join('\n'), '| Name | Qty\\|n |\n| --- | --- |\n| apple | 3 |');
  });

  it("uses the provider's own table when it found one", () => {
    const result = loadResultFixture('yandex-ocr-recognize-table-1');
    const own = result.text!.tables![0]!;
    const table = tableOf(result.text!, new Map());
    assert.equal(table.length, own.rows);
    assert.equal(table[0]!.length, own.columns);
    assert.equal(table[0]![0], own.cells.find((c) => c.row === 0 && c.column === 0)!.text);
  });

  it('handles a big page (5,000 words) and a region of it', () => {
    const text = syntheticTextResult(5000, 3).text!;
    const all = textOf(text, new Map());
    assert.equal(all.split(/\s+/).filter(Boolean).length, 5000);
    const half = textOf(text, new Map(), { x: 0, y: 0, width: 3000, height: 2000 });
    assert.ok(half.length > 0 && half.length < all.length);
  });
});
