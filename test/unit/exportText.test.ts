import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { combinedJson, json } from '../../src/export/json';
import { combinedMarkdown, markdown } from '../../src/export/markdown';
import { combinedPlainText, plainText } from '../../src/export/plainText';
import { textOf } from '../../src/text/resultText';
import { handMadeResult, UNTRUSTED_WORDS } from './exportFixtures';
import { loadResultFixture, resultFixtureNames } from './resultFixtures';

/** The cells of a Markdown table row, split at the pipes that are not escaped. */
function cells(row: string): string[] {
  return row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

/** The rows of the first table under `## title`. */
function table(md: string, title: string): string[][] {
  const start = md.indexOf(`## ${title}\n\n`);
  assert.ok(start >= 0, `no ${title} section`);
  const paragraphs = md.slice(start).split('\n\n');
  const rows = paragraphs.find((p) => p.startsWith('|'))!.split('\n').filter((row) => row !== '');
  return rows.map(cells);
}

describe('export: plain text', () => {
  it('is the laid-out text (what Copy All gives), ending in a newline; empty without text', () => {
    for (const name of resultFixtureNames()) {
      const result = loadResultFixture(name);
      const expected = result.text ? textOf(result.text, new Map()).replace(/\s+$/, '') : '';
      assert.equal(plainText(result), expected === '' ? '' : `${expected}\n`, name);
    }
  });

  it('puts a header line before each image in a combined file', () => {
    const results = [
      { result: loadResultFixture('yandex-ocr-recognize-text-1'), name: 'one.jpg' },
      { result: loadResultFixture('google-face-detection-1'), name: 'two\nlines.jpg' },
      { result: handMadeResult(), name: 'three.png' },
    ];
    const text = combinedPlainText(results);
    assert.deepEqual(text.split('\n').filter((l) => l.startsWith('==> ')), ['==> one.jpg <==', '==> two lines.jpg <==', '==> three.png <==']);
    assert.ok(text.startsWith(`==> one.jpg <==\n${plainText(results[0]!.result)}`));
    assert.ok(text.includes(UNTRUSTED_WORDS.cyrillic));
  });
});

describe('export: JSON', () => {
  it('is the normalized result without raw, unless asked for', () => {
    for (const name of resultFixtureNames()) {
      const result = loadResultFixture(name);
      const { raw, ...rest } = result;
      assert.deepEqual(JSON.parse(json(result)), JSON.parse(JSON.stringify(rest)), name);
      assert.ok(!('raw' in JSON.parse(json(result))));
      assert.deepEqual(JSON.parse(json(result, { includeRaw: true })).raw, JSON.parse(JSON.stringify(raw ?? null)), name);
    }
  });

  it('keeps the keys in the result\'s order, and a combined export is an array', () => {
    const result = handMadeResult();
    assert.deepEqual(Object.keys(JSON.parse(json(result))), Object.keys(result).filter((k) => k !== 'raw'));
    assert.ok(json(result).endsWith('}\n'));
    const both = JSON.parse(combinedJson([{ result, name: 'a' }, { result: loadResultFixture('google-label-detection-1'), name: 'b' }])) as AnalysisResult[];
    assert.equal(both.length, 2);
    assert.equal(both[0]!.text!.fullText, result.text!.fullText);
    assert.ok(both.every((r) => !('raw' in r)));
  });
});

describe('export: Markdown', () => {
  it('gives the text in a code block, then a table per kind of finding', () => {
    const md = markdown(loadResultFixture('google-face-detection-1'), 'faces.jpg');
    assert.ok(md.startsWith('# faces.jpg\n\n'));
    const faces = table(md, 'Faces');
    assert.deepEqual(faces[0], ['#', 'Confidence', 'Age', 'Sex', 'Emotion', 'Person', 'Similarity']);
    assert.match(faces[1]!.join(' '), /^---/);
    assert.equal(faces.length - 2, loadResultFixture('google-face-detection-1').faces!.length);

    const labels = loadResultFixture('google-label-detection-1');
    const labelRows = table(markdown(labels, 'l.jpg'), 'Labels').slice(2);
    assert.deepEqual(labelRows.map((r) => r[0]), labels.labels!.map((l) => l.name));

    const web = loadResultFixture('google-web-detection-1');
    const webMd = markdown(web, 'w.jpg');
    const pages = table(webMd, 'Copies').slice(2);
    assert.equal(pages.length, web.copies!.matches.length);
    assert.equal(pages[0]![0], `<${new URL(web.copies!.matches[0]!.pageUrl).href}>`);

    const text = loadResultFixture('yandex-ocr-recognize-text-1');
    assert.ok(markdown(text, 't.jpg').includes(`\`\`\`text\n${plainText(text)}\`\`\``));
  });

  it('makes untrusted text inert: no raw HTML, no links but http(s), tables that keep their shape', () => {
    const md = markdown(handMadeResult(), 'hand | *made*.png');
    assert.ok(md.startsWith('# hand | \\*made\\*.png\n'));
    // The OCR text is in a fence longer than its own backticks, so it cannot close it.
    assert.ok(md.includes('````text\n'));
    assert.ok(md.includes(UNTRUSTED_WORDS.script), 'the text is kept verbatim inside the code block');
    const outside = md.slice(md.indexOf('\n````\n'));
    // Outside the code block, the only unescaped `<` opens an http(s) autolink.
    assert.deepEqual(outside.match(/(?<!\\)<(?!https?:\/\/)/g), null, 'markup outside the code block is escaped');
    assert.deepEqual(table(md, 'Faces')[2], ['1', '0.97', '31', 'female', 'joy\\|\\<b\\>', 'Ann \\| Lee', '0.877']);
    assert.deepEqual(table(md, 'Labels').slice(2), [['cat \\| \\*dog\\*', 'label', '0.912'], ['adult', 'safeSearch', 'VERY\\_UNLIKELY']]);
    const copies = table(md, 'Copies');
    assert.ok(md.includes('Copies found: 2'));
    assert.deepEqual(copies.slice(2), [
      ['<https://example.com/a\\|b?q=%3Cx%3E>', '\\[click\\]\\(javascript:alert\\(1\\)\\) \\& \\`code\\`', ''],
      ['javascript:alert\\(1\\)', 'evil title', '<https://example.com/i.png>'],
    ]);
    // Every row of every table has as many cells as its header.
    for (const title of ['Faces', 'Labels', 'Copies']) {
      const rows = table(md, title);
      for (const row of rows) assert.equal(row.length, rows[0]!.length, `${title}: ${row.join(' | ')}`);
    }
    assert.ok(md.includes('## Errors\n\n- persons (E|1): failed \\# not a heading\n'));
  });

  it('says when no text was found, and gives one section per image when combined', () => {
    const noText: AnalysisResult = { ...handMadeResult(), text: { fullText: '', pages: [] } };
    assert.ok(markdown(noText, 'n.png').includes('_No text found._'));
    const combined = combinedMarkdown([
      { result: loadResultFixture('yandex-ocr-recognize-text-1'), name: 'a.jpg' },
      { result: loadResultFixture('google-label-detection-1'), name: 'b.jpg' },
      { result: handMadeResult(), name: 'c.png' },
    ]);
    assert.deepEqual(combined.split('\n').filter((l) => l.startsWith('# ')), ['# a.jpg', '# b.jpg', '# c.png']);
  });
});
