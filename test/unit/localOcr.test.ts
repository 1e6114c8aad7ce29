import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import type { ImageTransform } from '../../src/images/transform';
import { parseTesseractPage, type TesseractPage } from '../../src/providers/local/localParser';
import { localProvider } from './localEngine';
import { allWords } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import { CancelledError, UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { textOf } from '../../src/text/resultText';
import { tokenSource } from './cancellation';
import { grayPng, makePng } from './imageBuilders';
import { apply } from '../../src/providers/local/prepare/affine';
import { renderPage } from '../../src/providers/local/prepare/preparePage';
import { characterErrorRate } from '../../src/text/cer';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

async function source(file: string, bytes = new Uint8Array(fs.readFileSync(file))): Promise<ImageSource> {
  const name = path.basename(file);
  const probe = await probeImage(bytes, name, formatOnly);
  return { uri: `file://${file}`, name, size: bytes.byteLength, ...probe, read: () => Promise.resolve(bytes) };
}

const never = tokenSource();

describe('tesseract page → normalized text (parser)', () => {
  const page: TesseractPage = {
    text: 'Hello world\nSecond line\n',
    blocks: [
      {
        paragraphs: [
          {
            bbox: { x0: 10, y0: 10, x1: 110, y1: 60 },
            lines: [
              { text: 'Hello world\n', confidence: 91, bbox: { x0: 10, y0: 10, x1: 110, y1: 30 }, words: [
                { text: 'Hello', confidence: 95, bbox: { x0: 10, y0: 10, x1: 50, y1: 30 } },
                { text: 'world', confidence: 87, bbox: { x0: 60, y0: 10, x1: 110, y1: 30 } },
              ] },
              { text: ' \n', confidence: 0, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 }, words: [{ text: ' ', confidence: 0, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 } }] },
            ],
          },
        ],
      },
    ],
  };

  it('makes a block per paragraph, drops empty lines and words, scales confidences to 0–1', () => {
    const identity: ImageTransform = { orientation: 1, stored: { width: 200, height: 100 }, sent: { width: 200, height: 100 }, sentAs: 'stored' };
    const text = parseTesseractPage(page, identity, { width: 200, height: 100 }, 'eng');
    assert.equal(text.fullText, 'Hello world\nSecond line');
    assert.equal(text.pages[0]!.blocks.length, 1);
    const lines = text.pages[0]!.blocks[0]!.lines;
    assert.deepEqual(lines.map((l) => l.text), ['Hello world']);
    assert.deepEqual(lines[0]!.words.map((w) => [w.text, w.confidence, w.language]), [['Hello', 0.95, 'eng'], ['world', 0.87, 'eng']]);
    assert.deepEqual(lines[0]!.words[0]!.polygon, [{ x: 10, y: 10 }, { x: 50, y: 10 }, { x: 50, y: 30 }, { x: 10, y: 30 }]);
  });

  it('maps boxes from a downscaled, turned-upright copy back to the original', () => {
    // Stored 400×200 with orientation 6 (upright 200×400), sent upright at half size (100×200).
    const t: ImageTransform = { orientation: 6, stored: { width: 400, height: 200 }, sent: { width: 100, height: 200 }, sentAs: 'upright' };
    const text = parseTesseractPage(page, t, { width: 200, height: 400 });
    assert.deepEqual(text.pages[0]!.blocks[0]!.lines[0]!.words[0]!.polygon, [{ x: 20, y: 20 }, { x: 100, y: 20 }, { x: 100, y: 60 }, { x: 20, y: 60 }]);
    assert.equal(text.pages[0]!.blocks[0]!.lines[0]!.words[0]!.language, undefined);
  });
});

describe('local OCR engine (tesseract.js in a worker thread)', function () {
  this.timeout(120_000);
  let preparer: ImagePreparer;
  let ocr: ReturnType<typeof localProvider>;
  const settings = { pageSegmentation: 3, codeMode: false, preprocess: true };
  const grayOf = async (file: string) => preparer.grayPixels(new Uint8Array(fs.readFileSync(file)), path.basename(file));

  before(function () {
    if (!fs.existsSync(path.join(DIST, 'ocr', 'ocrWorker.js'))) throw new Error('dist/ocr is missing: run `npm run build` first');
    preparer = new ImagePreparer(path.join(DIST, 'imageWorker.js'), formatOnly, 5_000);
    ocr = localProvider({ preparer, settings: () => settings, idleMs: 10_000 });
  });
  after(() => {
    ocr.dispose();
    preparer.dispose();
  });

  it('reads a scanned page into blocks, lines and words with boxes inside the image', async () => {
    const image = await source(path.join(ROOT, 'samples/imageTextN.png'));
    const result = await ocr.analyze(image, ['text'], { languages: ['*'] }, never);
    assert.equal(result.provider, 'local');
    assert.deepEqual([result.image.width, result.image.height], [image.width, image.height]);
    assert.match(result.image.sha256, /^[0-9a-f]{64}$/);
    assert.match(result.text!.fullText, /In teaching our courses, we have found it useful for the students/);
    const words = allWords(result.text!);
    assert.ok(words.length > 100, `${words.length} words`);
    assert.ok(result.text!.pages[0]!.blocks.length >= 2, 'paragraphs become blocks');
    for (const word of words) {
      assert.ok(word.confidence! >= 0 && word.confidence! <= 1);
      for (const p of word.polygon) assert.ok(p.x >= 0 && p.x <= image.width && p.y >= 0 && p.y <= image.height);
    }
  });

  it('code mode keeps the spaces a screenshot of code has; the layout keeps its indentation', async () => {
    const image = await source(path.join(ROOT, 'test/fixtures/ocr/code.png'));
    const normal = await ocr.analyze(image, ['text'], { languages: ['*'] }, never);
    settings.codeMode = true; // read per request: the engine is re-initialized without dictionaries
    try {
      const code = await ocr.analyze(image, ['text'], { languages: ['*'] }, never);
      assert.match(code.text!.fullText, /retryMs {3,}/);
      assert.doesNotMatch(normal.text!.fullText, /retryMs {2,}/);
      const laidOut = textOf(code.text!, new Map()).split('\n');
      const loop = laidOut.find((line) => /maxTries;\s+n\+\+/.test(line));
      const body = laidOut.find((line) => line.includes('tryOnce(url)'));
      assert.ok(loop && body && /^ {3,}\S/.test(loop) && body.search(/\S/) > loop.search(/\S/), laidOut.join('\n'));
    } finally {
      settings.codeMode = false;
    }
  });

  it('queues concurrent requests and answers each', async () => {
    const image = await source(path.join(ROOT, 'samples/imageTextN.png'));
    const [a, b] = await Promise.all([ocr.analyze(image, ['text'], { languages: ['*'] }, never), ocr.analyze(image, ['text'], { languages: ['*'] }, never)]);
    assert.equal(a.text!.fullText, b.text!.fullText);
  });

  it('stops a cancelled job for real, and the next request still works', async () => {
    const image = await source(path.join(ROOT, 'samples/imageTextN.png'));
    const cancellation = tokenSource();
    const pending = ocr.analyze(image, ['text'], { languages: ['*'] }, cancellation);
    setTimeout(() => cancellation.cancel(), 150);
    await assert.rejects(pending, CancelledError);
    const again = await ocr.analyze(image, ['text'], { languages: ['*'] }, never);
    assert.ok(allWords(again.text!).length > 100);
  });

  it('reads bytes that are a view into a larger buffer (as VS Code hands over pasted images)', async () => {
    const file = fs.readFileSync(path.join(ROOT, 'samples/imageTextN.png'));
    const shared = Buffer.alloc(file.length + 9, 0xee);
    file.copy(shared, 9);
    const view = shared.subarray(9);
    const result = await ocr.analyze(await source('/tmp/pasted.png', view), ['text'], { languages: ['*'] }, never);
    assert.match(result.text!.fullText, /In teaching our courses/);
  });

  it('finds no text in a blank image, and says so with what was tried instead of a silent empty result', async () => {
    const blank = await source('/tmp/blank.png', new Uint8Array(makePng(640, 480)));
    const result = await ocr.analyze(blank, ['text'], { languages: ['*'] }, never);
    assert.equal(allWords(result.text!).length, 0);
    assert.deepEqual(result.errors.map((e) => [e.feature, e.code]), [['text', 'noText']]);
    assert.match(result.errors[0]!.message, /No legible text was found in "blank\.png" \(tried: read upright\)/);
  });

  it('reads a page turned 90°, 180° or 270° and skewed up to 30°: the turn exactly, the skew within 0.5°, CER ≤ 2 %', async () => {
    const truth = fs.readFileSync(path.join(ROOT, 'test/fixtures/ocr/imageTextN.txt'), 'utf8');
    const page = await grayOf(path.join(ROOT, 'samples/imageTextN.png'));
    // The picture is the page turned clockwise by `angle`; reading it upright turns it back.
    for (const [angle, turned, deskewed] of [[90, 270, 0], [180, 180, 0], [270, 90, 0], [12, 0, 12], [-30, 0, -30], [187, 180, 7]] as const) {
      const picture = renderPage(page, angle, 1, { factor: 1 }).image;
      const result = await ocr.analyze(await source(`/tmp/turned-${angle}.png`, new Uint8Array(grayPng(picture.width, picture.height, picture.data))), ['text'], { languages: ['*'] }, never);
      const preparation = result.text!.preparation!;
      assert.equal(preparation.turned, turned, `${angle}°: turned`);
      assert.ok(Math.abs(preparation.deskewed - deskewed) <= 0.5, `${angle}°: deskewed ${preparation.deskewed}°`);
      const cer = characterErrorRate(truth, result.text!.fullText).cer;
      assert.ok(cer <= 0.02, `${angle}°: CER ${(cer * 100).toFixed(1)} %`);
    }
  });

  it('maps each word of a page skewed 12° back onto the same word of the upright page (within 2 px; median ≤ 1 px), as a turned box', async () => {
    const file = path.join(ROOT, 'samples/imageTextN.png');
    const upright = await ocr.analyze(await source(file), ['text'], { languages: ['*'] }, never);
    assert.equal(upright.text!.preparation, undefined, 'an upright clean page is read as it is');
    const page = await grayOf(file);
    const picture = renderPage(page, 12, 1, { factor: 1 });
    const skewed = await ocr.analyze(await source('/tmp/skewed-12.png', new Uint8Array(grayPng(picture.image.width, picture.image.height, picture.image.data))), ['text'], { languages: ['*'] }, never);
    const centre = (polygon: ReadonlyArray<{ x: number; y: number }>) => ({ x: polygon.reduce((s, p) => s + p.x, 0) / polygon.length, y: polygon.reduce((s, p) => s + p.y, 0) / polygon.length });
    const uprightWords = allWords(upright.text!);
    let compared = 0;
    const far: string[] = [];
    const distances: number[] = [];
    for (const word of allWords(skewed.text!).filter((w) => w.text.length >= 4)) {
      // The skewed picture's pixels → the page's (the test's own map); the nearest same word of the upright reading.
      const back = centre(word.polygon.map((p) => apply(picture.toSent, p)));
      const same = uprightWords.filter((w) => w.text === word.text).map((w) => centre(w.polygon));
      if (same.length === 0) continue;
      compared++;
      const distance = Math.min(...same.map((c) => Math.hypot(back.x - c.x, back.y - c.y)));
      if (distance > 2) far.push(`${word.text} ${distance.toFixed(1)} px`);
      distances.push(distance);
      // A turned quadrilateral: its top edge runs at the page's 12°, not level.
      const [a, b] = word.polygon;
      assert.ok(Math.abs((Math.atan2(b!.y - a!.y, b!.x - a!.x) * 180) / Math.PI - 12) < 1, `${word.text}: top edge at 12°`);
    }
    // The engine's boxes of the same word differ a little between two readings (a pixel of an
    // edge in or out); the map itself is checked exactly in pagePreparation.test.ts.
    distances.sort((a, b) => a - b);
    assert.ok(distances[Math.floor(distances.length / 2)]! <= 1, `median ${distances[Math.floor(distances.length / 2)]} px`);
    assert.ok(far.length <= compared * 0.15, `farther than 2 px: ${far.join(', ')}`);
    assert.ok(compared >= 40, `${compared} words compared`);
  });

  it('with imageInsight.local.preprocess off a skewed page is read as it is, like the command line', async () => {
    const page = await grayOf(path.join(ROOT, 'samples/imageTextN.png'));
    const picture = renderPage(page, 12, 1, { factor: 1 }).image;
    settings.preprocess = false;
    try {
      const result = await ocr.analyze(await source('/tmp/skewed-off.png', new Uint8Array(grayPng(picture.width, picture.height, picture.data))), ['text'], { languages: ['*'] }, never);
      assert.equal(result.text!.preparation, undefined);
      assert.ok(characterErrorRate(fs.readFileSync(path.join(ROOT, 'test/fixtures/ocr/imageTextN.txt'), 'utf8'), result.text!.fullText).cer > 0.3, 'as badly as the command line reads it');
    } finally {
      settings.preprocess = true;
    }
  });

  it('a crashing engine gives one clear error per request, naming the file, and never hangs; each request starts a fresh engine', async () => {
    const crashing = localProvider({ preparer, workerScript: path.join(__dirname, 'workers', 'crashingOcrWorker.js'), settings: () => settings, idleMs: 1_000 });
    try {
      const image = await source(path.join(ROOT, 'samples/imageTextN.png'));
      for (let i = 0; i < 2; i++) {
        await assert.rejects(crashing.analyze(image, ['text'], { languages: ['*'] }, never), (e: unknown) => e instanceof UserError && /imageTextN\.png/.test(e.message) && /stopped unexpectedly \(exit code 7\)/.test(e.message));
      }
    } finally {
      crashing.dispose();
    }
  });

  it('names the file and the cause when the engine cannot read the image', async () => {
    const broken = new ImagePreparer(path.join(DIST, 'imageWorker.js'), formatOnly, 5_000);
    const garbage = { ...broken, prepare: async (s: ImageSource) => ({ ...(await broken.prepare(s, { name: 'x', accepts: ['png'], encodeAs: 'png', maxBytes: 1e9, maxPixels: 1e9, minWidth: 1, minHeight: 1 })), bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) }) };
    const bad = localProvider({ preparer: garbage, settings: () => settings, idleMs: 1_000 });
    try {
      const image = await source(path.join(ROOT, 'samples/imageTextN.png'));
      await assert.rejects(bad.analyze(image, ['text'], { languages: ['*'] }, never), (e: unknown) => e instanceof UserError && /imageTextN\.png/.test(e.message));
    } finally {
      bad.dispose();
      broken.dispose();
    }
  });
});
