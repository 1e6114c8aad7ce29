import assert from 'node:assert/strict';
import { glyphlessFont } from '../../src/export/glyphlessFont';
import { imageMatrix, pageFit, wordPlacement } from '../../src/export/pdfPlacement';
import { baselineAngle, textQuad } from '../../src/export/textQuad';
import { storedToUpright, type Orientation } from '../../src/images/transform';
import { turnedBox } from './exportFixtures';

describe('export: where a searchable PDF puts things', () => {
  it('keeps 1 pt per pixel up to A4, and scales larger images down to fit it, either way round', () => {
    assert.deepEqual(pageFit(300, 200), { width: 300, height: 200, scale: 1 });
    const tall = pageFit(3000, 4000);
    assert.ok(Math.abs(tall.width - 595.28) < 1e-9 && tall.height < 841.89);
    const wide = pageFit(4000, 1000);
    assert.ok(Math.abs(wide.width - 841.89) < 1e-9 && Math.abs(wide.height - 841.89 / 4) < 1e-9);
    const long = pageFit(1000, 40000);
    assert.ok(long.height <= 841.89 && long.scale < 0.03);
  });

  it('draws a stored image upright for every EXIF orientation (as images/transform.ts turns points)', () => {
    const stored = { width: 40, height: 30 };
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const upright = orientation >= 5 ? { width: 30, height: 40 } : stored;
      const [a, b, c, d, e, f] = imageMatrix(orientation, upright.width, upright.height);
      for (const p of [{ x: 0, y: 0 }, { x: 40, y: 0 }, { x: 0, y: 30 }, { x: 10, y: 20 }]) {
        // The image XObject's unit square: u across, v up from its last row.
        const u = p.x / stored.width;
        const v = 1 - p.y / stored.height;
        const page = { x: a * u + c * v + e, y: b * u + d * v + f };
        const expected = storedToUpright(p, orientation, stored);
        assert.ok(Math.hypot(page.x - expected.x, upright.height - page.y - expected.y) < 1e-9, `orientation ${orientation}, point ${p.x},${p.y}`);
      }
    }
  });

  it('reads quadrilaterals in either turn from the text\'s top left, and boxes any other outline', () => {
    const clockwise = turnedBox({ x: 10, y: 100 }, 50, 10, 20);
    const counter = turnedBox({ x: 10, y: 100 }, 50, 10, 20, true);
    assert.deepEqual(textQuad(counter), textQuad(clockwise));
    assert.deepEqual(textQuad(clockwise)!.bottomLeft, { x: 10, y: 100 });
    assert.ok(Math.abs(baselineAngle(textQuad(clockwise)!) - 20) < 1e-9);
    assert.ok(Math.abs(baselineAngle(textQuad(turnedBox({ x: 0, y: 0 }, 5, 5, 180))!) - 180) < 1e-9);
    assert.equal(textQuad([]), undefined);
    assert.deepEqual(textQuad([{ x: 5, y: 1 }, { x: 1, y: 9 }, { x: 3, y: 4 }]), { topLeft: { x: 1, y: 1 }, topRight: { x: 5, y: 1 }, bottomRight: { x: 5, y: 9 }, bottomLeft: { x: 1, y: 9 } });
  });

  it('sets a word on its baseline, as tall as its box and stretched to its width', () => {
    const fit = { width: 200, height: 100, scale: 1 };
    const placement = wordPlacement(textQuad(turnedBox({ x: 10, y: 80 }, 60, 20, 0))!, 4, fit);
    assert.deepEqual(placement.matrix, [1, 0, 0, 1, 10, 20]);
    assert.equal(placement.fontSize, 20);
    // 4 glyphs of half an em at 20 pt are 40 pt: 60 pt needs 150 %.
    assert.equal(placement.horizontalScale, 150);
    const flat = wordPlacement(textQuad([{ x: 0, y: 5 }, { x: 10, y: 5 }, { x: 10, y: 5 }, { x: 0, y: 5 }])!, 2, fit);
    assert.equal(flat.fontSize, 1, 'a flat outline still gets its (findable) text');
  });

  it('builds a well-formed glyphless TrueType font', () => {
    const font = glyphlessFont();
    const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
    let sum = 0;
    for (let i = 0; i < font.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    assert.equal(sum, 0xb1b0afba, 'the whole font sums to the sfnt magic number');
    const tags = Array.from({ length: view.getUint16(4) }, (_, i) => String.fromCharCode(...font.subarray(12 + 16 * i, 16 + 16 * i)));
    assert.deepEqual(tags, [...tags].sort());
    for (const required of ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']) assert.ok(tags.includes(required), required);
    assert.ok(font.length < 400);
  });
});
