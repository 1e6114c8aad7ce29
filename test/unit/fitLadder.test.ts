import assert from 'node:assert/strict';
import { fitToLimit, sampleRows, SAMPLE_SHARE, STRIPE_ROWS, type Encoder } from '../../src/images/worker/fitLadder';

interface Model {
  /** Bytes per pixel at full size, by JPEG quality. */
  perPixel: Record<number, number>;
  /** bytes ∝ scale^exponent: 2 for uniform detail, more for grain that averages away, less for text edges. */
  exponent?: number;
  /** What a sample reports against the truth (0.92: the sampled rows are 8% plainer than the image). */
  sampleBias?: number;
}

/** A model encoder: bytes = pixels × perPixel(quality) × scale^(exponent − 2), like a JPEG of uniform detail. */
function model(width: number, height: number, { perPixel, exponent = 2, sampleBias = 1 }: Model) {
  const calls: string[] = [];
  const size = (scale: number) => ({ width: Math.round(width * scale), height: Math.round(height * scale) });
  const bytes = (pixels: number, scale: number, quality: number) => Math.round(pixels * (perPixel[quality] ?? 0.1) * scale ** (exponent - 2));
  const encoder: Encoder = {
    encode(scale, quality) {
      calls.push(`${scale === 1 ? 'full' : 'scaled'}@q${quality}`);
      const { width: w, height: h } = size(scale);
      return { bytes: new Uint8Array(bytes(w * h, scale, quality)), width: w, height: h };
    },
    encodeRows(scale, quality, rows) {
      calls.push(`sample@q${quality}`);
      const { width: w, height: h } = size(scale);
      for (const r of rows) assert.ok(r.top >= 0 && r.top + r.height <= h, `rows ${r.top}+${r.height} inside ${h}`);
      return bytes(w * rows.reduce((n, r) => n + r.height, 0), scale, quality) * sampleBias;
    },
  };
  const wholes = () => calls.filter((c) => !c.startsWith('sample'));
  return { encoder, calls, wholes };
}
const request = { width: 4000, height: 3000, format: 'jpeg' as const, maxBytes: 1_000_000, minShortSide: 480 };

describe('fitToLimit (the byte-fitting ladder)', () => {
  it('samples, then encodes the whole image once at q85 when it fits', async () => {
    const { encoder, calls } = model(4000, 3000, { perPixel: { 85: 0.05 } });
    const fitted = await fitToLimit(request, encoder);
    assert.equal(fitted.quality, 85);
    assert.deepEqual(calls, ['sample@q85', 'full@q85']);
    assert.deepEqual(fitted.attempts, ['4000x3000@q85=600000'], 'samples are not attempts');
  });

  it('steps the quality down on estimates alone, encoding the whole image only at the quality that fits', async () => {
    const { encoder, calls } = model(4000, 3000, { perPixel: { 85: 0.1, 75: 0.09, 65: 0.08 } }); // 1.2 MB, 1.08 MB, 0.96 MB
    const fitted = await fitToLimit(request, encoder);
    assert.equal(fitted.quality, 65);
    assert.deepEqual(calls, ['sample@q85', 'sample@q75', 'sample@q65', 'full@q65']);
  });

  it('scales down at q75 with one whole encode, landing just under the limit', async () => {
    for (const exponent of [1.2, 2, 2.8]) {
      const { encoder, calls, wholes } = model(4000, 3000, { perPixel: { 85: 0.4, 75: 0.3, 65: 0.25 }, exponent });
      const fitted = await fitToLimit(request, encoder);
      assert.equal(fitted.quality, 75);
      assert.ok(fitted.bytes.length <= 1_000_000 && fitted.bytes.length > 900_000, `exponent ${exponent}: ${fitted.bytes.length}`);
      assert.deepEqual(wholes(), ['scaled@q75'], `exponent ${exponent}: ${calls.join(' ')}`);
      assert.ok(!calls.includes('sample@q65'), 'q65 at full size is not estimated when q75 is far over');
    }
  });

  it('falls back on the real size when the sample was wrong: one more whole encode, still under the limit', async () => {
    // The sample sees 8% fewer bytes than the image has: q75's estimate (0.99 MB) says it fits; it
    // does not (1.08 MB), and that miss corrects q65's estimate, which then is right.
    const quality = model(4000, 3000, { perPixel: { 85: 0.1, 75: 0.09, 65: 0.08 }, sampleBias: 0.92 });
    const atQuality = await fitToLimit(request, quality.encoder);
    assert.equal(atQuality.quality, 65);
    assert.deepEqual(quality.wholes(), ['full@q75', 'full@q65']);

    const scaled = model(4000, 3000, { perPixel: { 85: 0.4, 75: 0.3, 65: 0.25 }, exponent: 2.5, sampleBias: 0.9 });
    const fitted = await fitToLimit(request, scaled.encoder);
    assert.ok(fitted.bytes.length <= 1_000_000 && fitted.bytes.length > 850_000, String(fitted.bytes.length));
    assert.deepEqual(scaled.wholes(), ['scaled@q75', 'scaled@q75']);
  });

  it('never goes below the legible minimum: fits there when only there it fits, refuses when even there it cannot', async () => {
    // 0.2 B/pixel at q75: aiming at 94% of 1.1 MB wants 2625×1969; the 2000-pixel minimum (1.07 MB) fits.
    const { encoder, wholes } = model(4000, 3000, { perPixel: { 85: 0.3, 75: 0.2, 65: 0.15 } });
    const fitted = await fitToLimit({ ...request, maxBytes: 1_100_000, minShortSide: 2000 }, encoder);
    assert.deepEqual([fitted.width, fitted.height], [2667, 2000]);
    assert.ok(fitted.bytes.length <= 1_100_000);
    assert.deepEqual(wholes(), ['scaled@q75']);

    // With a 2100-pixel minimum (1.18 MB there) it cannot: said from the estimates, without encoding.
    const refused = model(4000, 3000, { perPixel: { 85: 0.3, 75: 0.2, 65: 0.15 } });
    await assert.rejects(fitToLimit({ ...request, minShortSide: 2100 }, refused.encoder), (e: Error) => e.name === 'ImageFitError' && /@q75≈/.test(e.message));
    assert.deepEqual(refused.wholes(), [], 'the estimate at the minimum already says it cannot fit');

    const tiny = model(4000, 3000, { perPixel: { 85: 5, 75: 4, 65: 3 } });
    await assert.rejects(fitToLimit(request, tiny.encoder), (e: Error) => e.name === 'ImageFitError');
  });

  it('encodes a small image whole instead of sampling it', async () => {
    const { encoder, calls } = model(800, 600, { perPixel: { 85: 0.25, 75: 0.22, 65: 0.18 } }); // 120 kB, 106 kB, 86 kB
    const fitted = await fitToLimit({ ...request, width: 800, height: 600, maxBytes: 90_000 }, encoder);
    assert.equal(fitted.quality, 65);
    assert.deepEqual(calls, ['full@q85', 'full@q75', 'full@q65']);
    assert.deepEqual(fitted.attempts.map((a) => a.split('=')[0]), ['800x600@q85', '800x600@q75', '800x600@q65']);
  });

  it('PNG: no quality ladder, only sizes', async () => {
    const { encoder, calls, wholes } = model(4000, 3000, { perPixel: { 100: 0.2 } });
    const fitted = await fitToLimit({ ...request, format: 'png' }, encoder);
    assert.equal(fitted.quality, undefined);
    assert.ok(fitted.bytes.length <= 1_000_000);
    assert.ok(calls.every((c) => c.endsWith('@q100')));
    assert.deepEqual(wholes(), ['scaled@q100']);
  });

  it('samples an eighth of the rows, one 16-row stripe per band, the same rows every time', () => {
    assert.equal(sampleRows(900), undefined, 'fewer than 8 stripes: encoded whole');
    for (const height of [1024, 2261, 3000, 4000, 12_000]) {
      const rows = sampleRows(height)!;
      assert.deepEqual(sampleRows(height), rows);
      const total = rows.reduce((n, r) => n + r.height, 0);
      assert.ok(Math.abs(total / height - SAMPLE_SHARE) < 0.01, `${height}: ${total} rows`);
      rows.forEach((r, i) => {
        assert.equal(r.height, STRIPE_ROWS);
        assert.ok(r.top >= Math.floor((i * height) / rows.length) && r.top + r.height <= Math.floor(((i + 1) * height) / rows.length), `${height}: stripe ${i} in its band`);
      });
      assert.ok(new Set(rows.map((r, i) => r.top - Math.floor((i * height) / rows.length))).size > rows.length / 2, 'offsets vary from band to band');
    }
  });
});
