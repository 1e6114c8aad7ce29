import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ImagePreparer } from '../../src/images/preparer';
import { apply, invert, then } from '../../src/providers/local/prepare/affine';
import type { GrayImage } from '../../src/providers/local/prepare/grayImage';
import { evenLighting, measureLighting } from '../../src/providers/local/prepare/lighting';
import { analyzePage, candidateTurns, chooseScale, renderPage, retryScale, textSize } from '../../src/providers/local/prepare/preparePage';
import { edgeWidth, sharpen } from '../../src/providers/local/prepare/blur';
import { textBand } from '../../src/providers/local/prepare/textBand';
import { cut, histogramOf, inkBounds, otsu } from '../../src/providers/local/prepare/grayImage';
import { grain, GRAINY, smooth, whiten } from '../../src/providers/local/prepare/noise';
import { formatOnly } from '../../src/shared/localize';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

/** The smallest difference between two line directions (they repeat every 180°). */
const lineAngleError = (a: number, b: number) => Math.abs((((a - b) % 180) + 270) % 180 - 90);

describe('page preparation for the Local OCR (pure: measure, level, map back)', function () {
  this.timeout(60_000);
  const pages: Record<string, GrayImage> = {};

  before(async () => {
    const preparer = new ImagePreparer(path.join(DIST, 'imageWorker.js'), formatOnly, 5_000);
    try {
      for (const file of ['samples/imageTextN.png', 'test/fixtures/ocr/russian.png', 'test/fixtures/ocr/code.png']) {
        pages[path.basename(file)] = await preparer.grayPixels(new Uint8Array(fs.readFileSync(path.join(ROOT, file))), file);
      }
    } finally {
      preparer.dispose();
    }
  });

  it('measures the skew of every page to within 0.5° at ±3°, ±7°, ±12°, ±20°, ±30°, ±44°, and turned a quarter more', () => {
    for (const [name, page] of Object.entries(pages)) {
      for (const skew of [3, 7, 12, 20, 30, 44]) {
        for (const angle of [skew, -skew, skew + 90, -skew + 180, skew + 270]) {
          const skewed = renderPage(page, angle, 1, { factor: 1 }).image;
          const turns = candidateTurns(analyzePage(skewed));
          // Turning the skewed page by the first candidate makes its lines level again.
          assert.ok(lineAngleError(angle + turns[0]!, 0) <= 0.5, `${name} turned ${angle}°: levelled by ${turns[0]}°`);
          assert.equal(turns.length, 2, `${name} turned ${angle}°: the lines' direction is clear`);
        }
      }
    }
  });

  it('leaves an upright clean page as it is: no light to even, no scale, nothing resampled', () => {
    for (const [name, page] of Object.entries(pages)) {
      const analysis = analyzePage(page);
      assert.equal(analysis.lighting?.needed, false, name);
      assert.equal(chooseScale(analysis, page, 25_000_000), 1, name);
      assert.ok(Math.abs(analysis.lines!.angle) < 0.2, `${name}: ${analysis.lines!.angle}`);
      const rendered = renderPage(page, candidateTurns(analysis)[0]!, 1, analysis);
      assert.equal(rendered.changed, false, name);
      assert.equal(rendered.image, page, `${name}: the very pixels`);
    }
  });

  it('enlarges small text (half size: 3×, at most the pixel limit) and leaves large text read well alone', () => {
    const page = pages['imageTextN.png']!;
    const half = renderPage(page, 0, 0.5, { factor: 1 }).image;
    assert.equal(chooseScale(analyzePage(half), half, 25_000_000), 3);
    assert.ok(chooseScale(analyzePage(half), half, half.width * half.height * 4) <= 2, 'never beyond the pixel limit');
    const double = renderPage(page, 0, 2, { factor: 1 }).image;
    assert.equal(chooseScale(analyzePage(double), double, 25_000_000), 1);
  });

  it('reads small text once more enlarged to 10 px (smaller than 6 px: to 12), and large text never again', () => {
    const page = pages['imageTextN.png']!;
    const analysis = analyzePage(page);
    const size = textSize(analysis, page);
    assert.ok(size > 4.5 && size < 8, `size ${size}`);
    const retry = retryScale(analysis, page, 25_000_000, 1)!;
    assert.ok(Math.abs(retry * size - 10) < 0.1, `retry ${retry} × ${size}`);
    const double = renderPage(page, 0, 2, { factor: 1 }).image;
    assert.equal(retryScale(analyzePage(double), double, 25_000_000, 1), undefined);
    const smaller = renderPage(page, 0, 0.75, { factor: 1 }).image;
    const smallerSize = textSize(analyzePage(smaller), smaller);
    assert.ok(smallerSize >= 4.5 && smallerSize < 6, `size ${smallerSize}`);
    assert.ok(Math.abs(retryScale(analyzePage(smaller), smaller, 25_000_000, 1)! * smallerSize - 12) < 0.1);
  });

  it('maps the prepared page back onto the original: every ink pixel of the levelled page lies on ink of the original', () => {
    const page = pages['imageTextN.png']!;
    for (const angle of [12, -7, 187, 90, 270]) {
      // The picture as the user has it: the page turned by `angle` (known map original → picture).
      const picture = renderPage(page, angle, 1, { factor: 1 });
      const analysis = analyzePage(picture.image);
      // The candidate that brings it back upright (the engine's confidence picks it in the extension).
      const upright = candidateTurns(analysis).find((turn) => lineAngleError(angle + turn, 0) <= 0.5 && Math.abs((((angle + turn) % 360) + 360) % 360 - 180) > 90)!;
      const prepared = renderPage(picture.image, upright, 1, { factor: 1 });
      // prepared → picture (toSent) → original (the picture's own toSent).
      const toOriginal = then(prepared.toSent, picture.toSent);
      let inked = 0;
      let onInk = 0;
      const { width, height, data } = prepared.image;
      for (let y = 0; y < height; y += 2) {
        for (let x = 0; x < width; x += 2) {
          if (data[y * width + x]! > 96) continue;
          inked++;
          const o = apply(toOriginal, { x: x + 0.5, y: y + 0.5 });
          const ox = Math.floor(o.x), oy = Math.floor(o.y);
          // Within 1 px of ink in the original (resampling twice softens edges).
          let near = false;
          for (let dy = -1; dy <= 1 && !near; dy++) for (let dx = -1; dx <= 1 && !near; dx++) near = (page.data[(oy + dy) * page.width + ox + dx] ?? 255) < 160;
          if (near) onInk++;
        }
      }
      assert.ok(inked > 300 && onInk / inked > 0.97, `${angle}°: ${onInk} of ${inked} ink pixels on ink`);
      // And the map is a turn of the right amount: the original's level lines stay level.
      const [a, , , d] = invert(toOriginal);
      assert.ok(Math.abs((Math.atan2(d, a) * 180) / Math.PI) < 0.5, `${angle}°: residual turn ${(Math.atan2(d, a) * 180) / Math.PI}°`);
    }
  });

  it('cuts a turned page to its text and a margin (the empty corners are not read), its map still exact', () => {
    const page = pages['imageTextN.png']!;
    const picture = renderPage(page, 30, 1, { factor: 1 });
    // The page skewed 30° fills its canvas less than half: what is read back is the text's rectangle.
    const prepared = renderPage(picture.image, -30, 1, { factor: 1 });
    const canvas = Math.round(Math.cos(Math.PI / 6) * picture.image.width + 0.5 * picture.image.height) * Math.round(0.5 * picture.image.width + Math.cos(Math.PI / 6) * picture.image.height);
    assert.ok(prepared.image.width * prepared.image.height < 0.6 * canvas, `${prepared.image.width}×${prepared.image.height} of ${canvas} pixels`);
    // No more than the page and the margin: about the upright page's size.
    assert.ok(prepared.image.width <= page.width + 40 && prepared.image.height <= page.height + 40, `${prepared.image.width}×${prepared.image.height}`);
  });

  it('finds the rectangle of the ink, grown by a margin within the picture', () => {
    const image = { width: 50, height: 40, data: new Uint8Array(2000).fill(255) };
    image.data[10 * 50 + 20] = 0;
    image.data[30 * 50 + 45] = 0;
    assert.deepEqual(inkBounds(image, 128, 3), { left: 17, top: 7, width: 32, height: 27 });
    assert.equal(inkBounds({ width: 4, height: 4, data: new Uint8Array(16).fill(250) }, 128, 3), undefined);
  });

  it('cuts a band of two lines about thirty characters wide from the middle of the page', () => {
    const page = pages['imageTextN.png']!;
    const analysis = analyzePage(page);
    const band = textBand(page, analysis.lines!.lineHeight * analysis.factor)!;
    assert.ok(band.height < page.height / 3 && band.width <= page.width && band.width >= 100, JSON.stringify(band));
    assert.equal(cut(page, band).data.length, band.width * band.height);
  });

  it('tells a grainy page from a clean one, and smoothing takes the grain below the line', () => {
    const page = pages['article.png'] ?? pages['imageTextN.png']!;
    const threshold = otsu(histogramOf(page));
    assert.ok(grain(page, threshold) < GRAINY / 2, `clean: ${grain(page, threshold)}`);
    // Gaussian-ish noise of σ ≈ 24 from a fixed sequence (the sum of four uniform draws).
    let seed = 15;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const noisy: GrayImage = { ...page, data: page.data.map((v) => Math.max(0, Math.min(255, Math.round(v + (next() + next() + next() + next() - 2) * 41)))) };
    assert.ok(grain(noisy, threshold) > GRAINY, `noisy: ${grain(noisy, threshold)}`);
    assert.ok(grain(smooth(noisy), threshold) < GRAINY, `smoothed: ${grain(smooth(noisy), threshold)}`);
  });

  it('smooths grainy small text for reading only when its ink is faint (a grey scan): black ink reads better through the grain', () => {
    const page = pages['imageTextN.png']!;
    let seed = 15;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const grainy = (image: GrayImage): GrayImage => ({ ...image, data: image.data.map((v) => Math.max(0, Math.min(255, Math.round(v + (next() + next() + next() + next() - 2) * 41)))) });
    // The corpus's grey scan: ink at 115, paper at 204.
    const grey: GrayImage = { ...page, data: page.data.map((v) => Math.round(115 + (v * 89) / 255)) };
    const faint = analyzePage(grainy(grey));
    assert.equal(faint.grainy, true);
    assert.equal(faint.smooth, true, 'faint ink under grain is smoothed');
    const rendered = renderPage(grainy(grey), 0, 1, faint);
    assert.equal(rendered.preparation.smoothed, true);
    const black = analyzePage(grainy(page));
    assert.equal(black.grainy, true);
    assert.equal(black.smooth, undefined, 'black 6 px text keeps its grain');
  });

  it('tells blurred small text from sharp (edge width), enlarges it to 12 px and sharpens it; a sharp page stays as it is', () => {
    const page = pages['imageTextN.png']!;
    assert.ok(edgeWidth(page) < 1.2, `sharp: ${edgeWidth(page)}`);
    // Smoothed twice: σ ≈ 1.4 px, about the corpus's blur.
    const blurred = smooth(smooth(page));
    assert.ok(edgeWidth(blurred) > 1.8, `blurred: ${edgeWidth(blurred)}`);
    // Sharpening steepens a soft step: darker on its dark side, brighter on its light side, flat ground unchanged.
    const step: GrayImage = { width: 10, height: 1, data: Uint8Array.from([100, 100, 100, 100, 120, 180, 200, 200, 200, 200]) };
    const sharp = Array.from(sharpen(step, 2).data);
    assert.ok(sharp[4]! < 120 && sharp[5]! > 180, JSON.stringify(sharp));
    assert.equal(sharp[0], 100);
    assert.equal(sharp[9], 200);
    const analysis = analyzePage(blurred);
    assert.equal(analysis.blurred, true);
    const scale = chooseScale(analysis, blurred, 25_000_000);
    assert.ok(scale >= 1.3 && scale <= 2, `scale ${scale}`);
    assert.equal(analyzePage(page).blurred, undefined);
  });

  it('whitens the grey a smoothed page keeps: paper from the level up, darker greys stretched in order', () => {
    const image: GrayImage = { width: 4, height: 1, data: Uint8Array.from([0, 100, 200, 230]) };
    assert.deepEqual(Array.from(whiten(image, 200).data), [0, 128, 255, 255]);
  });

  it('evens out a shadow across the page: the paper is white again and the ink stays dark', () => {
    const page = pages['imageTextN.png']!;
    // A phone photo's shadow: brightness falls from 100 % on the left to 45 % on the right.
    const shaded: GrayImage = { ...page, data: page.data.map((v, i) => Math.round(v * (1 - 0.55 * ((i % page.width) / page.width)))) };
    const lighting = measureLighting(shaded, 16);
    assert.equal(lighting.needed, true);
    const even = evenLighting(shaded, lighting);
    const paper = (image: GrayImage, x0: number, x1: number) => {
      const values: number[] = [];
      for (let y = 0; y < image.height; y++) for (let x = x0; x < x1; x++) values.push(image.data[y * image.width + x]!);
      return values.sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!;
    };
    assert.ok(paper(shaded, page.width - 60, page.width) < 150, 'the shadow is there');
    assert.ok(paper(even, page.width - 60, page.width) > 235 && paper(even, 0, 60) > 235, 'paper is white on both sides');
    const dark = Array.from(even.data).filter((v) => v < 80).length;
    assert.ok(dark > Array.from(page.data).filter((v) => v < 80).length * 0.8, 'the ink stays dark');
  });
});
