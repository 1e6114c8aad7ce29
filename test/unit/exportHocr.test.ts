import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { allWords, type AnalysisResult } from '../../src/shared/analysisResult';
import { boundingBox } from '../../src/shared/geometry';
import { combinedHocr, hocr } from '../../src/export/hocr';
import { handMadeResult, UNTRUSTED_WORDS } from './exportFixtures';
import { loadResultFixture } from './resultFixtures';

const TEXT_FIXTURES = ['yandex-batchanalyze-text-1', 'yandex-ocr-recognize-text-1', 'yandex-ocr-recognize-table-1', 'google-document-text-detection-1', 'google-text-detection-1', 'vk-text-recognize-1', 'yandex-ocr-recognize-handwritten-1'];

/** Parses strictly: any warning or error of the XML parser fails the test. */
function parse(xml: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'application/xhtml+xml');
  assert.equal(doc.documentElement?.namespaceURI, 'http://www.w3.org/1999/xhtml');
  return doc;
}

function byClass(doc: ReturnType<typeof parse>, name: string): Element[] {
  return Array.from(doc.getElementsByTagName('*')).filter((e) => e.getAttribute('class') === name);
}

/** The properties of an hOCR title: `bbox 1 2 3 4; x_wconf 90` → { bbox: '1 2 3 4', x_wconf: '90' }. */
function properties(element: Element): Record<string, string> {
  const title = element.getAttribute('title') ?? '';
  return Object.fromEntries(title.split(/;\s*/).filter(Boolean).map((p) => [p.split(' ')[0]!, p.slice(p.indexOf(' ') + 1)]));
}

/** The bbox hOCR must give a polygon: whole pixels covering it, inside the image. */
function expectedBbox(result: AnalysisResult, polygon: Parameters<typeof boundingBox>[0]): string {
  const b = boundingBox(polygon);
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
  return [clamp(Math.floor(b.x), result.image.width), clamp(Math.floor(b.y), result.image.height), clamp(Math.ceil(b.x + b.width), result.image.width), clamp(Math.ceil(b.y + b.height), result.image.height)].join(' ');
}

describe('export: hOCR', () => {
  it('is well-formed XHTML with the required metadata, on every fixture with text', () => {
    for (const name of TEXT_FIXTURES) {
      const result = loadResultFixture(name);
      const doc = parse(hocr(result, `${name}.jpg`));
      const meta = Object.fromEntries(Array.from(doc.getElementsByTagName('meta')).map((m) => [m.getAttribute('name'), m.getAttribute('content')]));
      assert.equal(meta['ocr-system'], `Image Insight (${result.provider})`);
      assert.match(meta['ocr-capabilities'] ?? '', /ocr_page ocr_carea ocr_par ocr_line ocrx_word/);
      const pages = byClass(doc, 'ocr_page');
      assert.equal(pages.length, 1, name);
      assert.deepEqual(properties(pages[0]!), { image: `"${name}.jpg"`, bbox: `0 0 ${result.image.width} ${result.image.height}`, ppageno: '0' });
      const words = byClass(doc, 'ocrx_word');
      const expected = allWords(result.text!);
      assert.deepEqual(words.map((w) => w.textContent), expected.map((w) => w.text), name);
      words.forEach((element, i) => assert.equal(properties(element).bbox, expectedBbox(result, expected[i]!.polygon), `${name} word ${i}`));
      assert.equal(byClass(doc, 'ocr_line').length, result.text!.pages[0]!.blocks.flatMap((b) => b.lines).length);
      assert.equal(byClass(doc, 'ocr_carea').length, result.text!.pages[0]!.blocks.length);
    }
  });

  it('keeps hostile text as text, gives confidences and languages, and boxes rotated words', () => {
    const result = handMadeResult();
    const xml = hocr(result, 'a "b"; c.png');
    assert.ok(!xml.includes('<script'));
    const doc = parse(xml);
    assert.equal(properties(byClass(doc, 'ocr_page')[0]!).image, '"a %22b%22%3B c.png"');
    const words = byClass(doc, 'ocrx_word');
    const expected = allWords(result.text!);
    assert.deepEqual(words.map((w) => w.textContent), expected.map((w) => w.text));
    assert.ok(words.some((w) => w.textContent === UNTRUSTED_WORDS.script) && words.some((w) => w.textContent === UNTRUSTED_WORDS.cyrillic));
    words.forEach((element, i) => assert.equal(properties(element).bbox, expectedBbox(result, expected[i]!.polygon)));
    assert.equal(properties(words[0]!).x_wconf, '91');
    assert.equal(properties(words[1]!).x_wconf, '50');
    assert.equal(properties(words[2]!).x_wconf, undefined);
    assert.equal(words[3]!.getAttribute('lang'), 'ru');
    assert.equal(words[2]!.hasAttribute('lang'), false, 'a language that is no language tag ("*") is left out');
    // The rotated word's box is the axis-aligned box around its quadrilateral.
    const rotated = words.find((w) => w.textContent === 'rotated')!;
    const [x0, y0, x1, y1] = properties(rotated).bbox!.split(' ').map(Number) as [number, number, number, number];
    assert.ok(x0 <= 60 - 32 * Math.sin(Math.PI / 6) && y1 >= 360 && x1 >= 60 + 140 * Math.cos(Math.PI / 6) && y0 <= 360 - 140 * Math.sin(Math.PI / 6) - 32 * Math.cos(Math.PI / 6));
    const lines = byClass(doc, 'ocr_line');
    assert.deepEqual(lines.map((l) => properties(l).textangle), [undefined, undefined, '30'], 'only the turned line says textangle, counter-clockwise');
  });

  it('makes one ocr_page per image when combined, numbered through, ids unique', () => {
    const results = [
      { result: loadResultFixture('yandex-ocr-recognize-text-1'), name: 'a.jpg' },
      { result: loadResultFixture('google-face-detection-1'), name: 'b.jpg' },
      { result: handMadeResult(), name: 'c.png' },
    ];
    const doc = parse(combinedHocr(results));
    const pages = byClass(doc, 'ocr_page');
    assert.deepEqual(pages.map((p) => properties(p).image), ['"a.jpg"', '"b.jpg"', '"c.png"']);
    assert.deepEqual(pages.map((p) => properties(p).ppageno), ['0', '1', '2']);
    assert.equal(pages[1]!.getElementsByTagName('span').length, 0, 'an image without text has an empty page');
    const ids = Array.from(doc.getElementsByTagName('*')).map((e) => e.getAttribute('id')).filter((id) => id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(doc.getElementsByTagName('meta').length, 4);
  });
});
