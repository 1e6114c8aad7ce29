import assert from 'node:assert/strict';
import { allWords, failedResult, type AnalysisResult, type Word } from '../../src/shared/analysisResult';
import type { Point } from '../../src/shared/geometry';
import { searchablePdf, type PdfPageSource } from '../../src/export/searchablePdf';
import { pageFit } from '../../src/export/pdfPlacement';
import { textQuad } from '../../src/export/textQuad';
import { handMadeResult, solidImage, UNTRUSTED_WORDS } from './exportFixtures';
import { readPdf, type PdfPageText, type PdfTextItem } from './pdfText';
import { loadResultFixture, syntheticTextResult } from './resultFixtures';

const TEXT_FIXTURES = ['yandex-batchanalyze-text-1', 'yandex-ocr-recognize-text-1', 'google-document-text-detection-1', 'google-text-detection-1', 'vk-text-recognize-1', 'yandex-ocr-recognize-handwritten-1'];
/** How far (in points) an extracted position may be from where the word is. */
const TOLERANCE = 2;

async function source(result: AnalysisResult, mime: 'image/jpeg' | 'image/png' = 'image/jpeg'): Promise<PdfPageSource> {
  return { result, image: await solidImage(result.image.width || 64, result.image.height || 48, mime) };
}

/** A word as a reader copies it: a line break inside becomes a space (InvisibleTextFont.encode). */
const asCopied = (word: Word) => word.text.replace(/\s+/g, ' ');

/** The words of a page's text, whichever way pdf.js cut the text into items. */
const tokens = (page: PdfPageText) => page.items.flatMap((item) => item.str.trim().split(/\s+/));
const wordTokens = (words: Word[]) => words.flatMap((w) => asCopied(w).split(' '));

/** A word's corner on the page, in points. */
function onPage(p: Point, result: AnalysisResult, page: PdfPageText): Point {
  const { scale } = pageFit(result.image.width, result.image.height);
  return { x: p.x * scale, y: page.height - p.y * scale };
}

function near(actual: Point, expected: Point, what: string): void {
  const distance = Math.hypot(actual.x - expected.x, actual.y - expected.y);
  assert.ok(distance <= TOLERANCE, `${what}: (${actual.x.toFixed(1)}, ${actual.y.toFixed(1)}) is ${distance.toFixed(1)} pt from (${expected.x.toFixed(1)}, ${expected.y.toFixed(1)})`);
}

/**
 * Each item lies on its words: it starts at its first word's bottom left and ends at its last
 * word's bottom right (pdf.js joins the words of a line into one item when they are close).
 */
function assertItemsOnWords(page: PdfPageText, result: AnalysisResult, words: Word[]): void {
  let next = 0;
  for (const item of page.items) {
    const count = item.str.trim().split(/\s+/).length;
    const first = textQuad(words[next]!.polygon)!;
    const last = textQuad(words[next + count - 1]!.polygon)!;
    const end = (i: PdfTextItem): Point => ({ x: i.x + i.dx * i.width, y: i.y + i.dy * i.width });
    near({ x: item.x, y: item.y }, onPage(first.bottomLeft, result, page), `start of "${item.str}"`);
    near(end(item), onPage(last.bottomRight, result, page), `end of "${item.str}"`);
    next += count;
  }
}

describe('export: searchable PDF (read back with pdf.js)', function () {
  this.timeout(30_000);

  it('gives back every word, Cyrillic and hostile text included, each on its polygon, rotated ones too', async () => {
    const result = handMadeResult();
    const [page, ...rest] = await readPdf(await searchablePdf([await source(result, 'image/png')]));
    assert.equal(rest.length, 0);
    assert.deepEqual([page!.width, page!.height], [600, 400], 'a 600×400 image fits A4 at 1 pt per pixel');
    const words = allWords(result.text!);
    // Words this far apart are items of their own: each word's place is checked.
    assert.deepEqual(page!.items.map((i) => i.str), words.map(asCopied));
    assert.ok(page!.items.some((i) => i.str === UNTRUSTED_WORDS.cyrillic) && page!.items.some((i) => i.str === UNTRUSTED_WORDS.script));
    page!.items.forEach((item, i) => {
      const quad = textQuad(words[i]!.polygon)!;
      near({ x: item.x, y: item.y }, onPage(quad.bottomLeft, result, page!), `${item.str} start`);
      near({ x: item.x + item.dx * item.width, y: item.y + item.dy * item.width }, onPage(quad.bottomRight, result, page!), `${item.str} end`);
      const height = Math.hypot(quad.topLeft.x - quad.bottomLeft.x, quad.topLeft.y - quad.bottomLeft.y);
      assert.ok(Math.abs(item.height - height) <= TOLERANCE, `${item.str} height ${item.height} vs ${height}`);
    });
    const rotated = page!.items.filter((i) => i.str === 'rotated' || i.str === 'word');
    assert.equal(rotated.length, 2);
    for (const item of rotated) assert.ok(Math.abs((Math.atan2(item.dy, item.dx) * 180) / Math.PI - 30) < 0.5, `${item.str} runs at 30°`);
  });

  it('reads back each recorded provider result: the words in order, where they stand', async () => {
    for (const name of TEXT_FIXTURES) {
      const result = loadResultFixture(name);
      const [page] = await readPdf(await searchablePdf([await source(result)]));
      const words = allWords(result.text!);
      assert.deepEqual(tokens(page!), wordTokens(words), name);
      assertItemsOnWords(page!, result, words);
    }
  });

  it('scales a page of 300 words to A4 and keeps them all, Russian ones too', async () => {
    const result = syntheticTextResult(300, 7);
    const [page] = await readPdf(await searchablePdf([await source(result, 'image/png')]));
    // 3000×4000 pixels: A4's width is the limit (595.28 pt), the height follows (793.71 pt).
    assert.ok(Math.abs(page!.width - 595.28) < 0.01 && Math.abs(page!.height - (595.28 * 4000) / 3000) < 0.01, `${page!.width} × ${page!.height}`);
    const words = allWords(result.text!);
    assert.ok(words.some((w) => w.language === 'ru'));
    assert.deepEqual(tokens(page!), wordTokens(words));
    assertItemsOnWords(page!, result, words);
  });

  it('makes one page per image when combined, and a page with only the image for a result without text', async () => {
    const noText = loadResultFixture('google-face-detection-1');
    const pdf = await searchablePdf([await source(handMadeResult()), await source(noText, 'image/png'), await source(loadResultFixture('yandex-ocr-recognize-text-1'))]);
    const pages = await readPdf(pdf);
    assert.equal(pages.length, 3);
    assert.ok(pages.every((p) => p.drawsImage));
    assert.deepEqual(pages[1]!.items, []);
    const fit = pageFit(noText.image.width, noText.image.height);
    assert.ok(Math.abs(pages[1]!.width - fit.width) < 0.01 && Math.abs(pages[1]!.height - fit.height) < 0.01);
    assert.deepEqual(tokens(pages[2]!), wordTokens(allWords(loadResultFixture('yandex-ocr-recognize-text-1').text!)));

    const empty = await readPdf(await searchablePdf([{ result: failedResult('local', ['text'], 'file:///x.png', 'unreadable'), image: await solidImage(300, 200, 'image/jpeg') }]));
    assert.equal(empty.length, 1);
    assert.ok(empty[0]!.drawsImage);
    assert.deepEqual([empty[0]!.width, empty[0]!.height, empty[0]!.items.length], [300, 200, 0], 'an unknown result size takes the image\'s');
  });

  it('turns a JPEG stored sideways upright, is the same bytes for the same input, and refuses what it cannot draw', async () => {
    const sideways = { ...(await solidImage(300, 200, 'image/jpeg')), orientation: 6 };
    const [page] = await readPdf(await searchablePdf([{ result: failedResult('local', ['text'], 'file:///x.jpg', 'x'), image: sideways }]));
    assert.deepEqual([page!.width, page!.height], [200, 300]);

    const input = [await source(handMadeResult())];
    assert.deepEqual(await searchablePdf(input), await searchablePdf(input));

    await assert.rejects(searchablePdf([]), /at least one image/);
    const webp = { result: handMadeResult(), image: { bytes: new Uint8Array(8), mime: 'image/webp' } } as unknown as PdfPageSource;
    await assert.rejects(searchablePdf([webp]), /JPEG or PNG.*image\/webp/);
  });
});
