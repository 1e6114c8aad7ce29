import assert from 'node:assert/strict';
import { fitToLimit, PREVIEW_SCALE, type EncodeAt } from '../../src/images/worker/fitLadder';

/** A model encoder: bytes = pixels × bytesPerPixel(quality), like a JPEG of uniform detail. */
function model(width: number, height: number, perPixel: Record<number, number>): { encodeAt: EncodeAt; calls: string[] } {
  const calls: string[] = [];
  const encodeAt: EncodeAt = (scale, quality) => {
    calls.push(scale === PREVIEW_SCALE ? `preview@q${quality}` : `${scale === 1 ? 'full' : 'scaled'}@q${quality}`);
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    return { bytes: new Uint8Array(Math.round(w * h * (perPixel[quality] ?? 0.1))), width: w, height: h };
  };
  return { encodeAt, calls };
}
const request = { width: 4000, height: 3000, format: 'jpeg' as const, maxBytes: 1_000_000, minShortSide: 480 };

describe('fitToLimit (the byte-fitting ladder)', () => {
  it('stops at q85 when it fits, with no preview', async () => {
    const { encodeAt, calls } = model(4000, 3000, { 85: 0.05 });
    const fitted = await fitToLimit(request, encodeAt);
    assert.equal(fitted.quality, 85);
    assert.deepEqual(calls, ['full@q85']);
  });

  it('tries at full size only the qualities the preview predicts to fit', async () => {
    const { encodeAt, calls } = model(4000, 3000, { 85: 0.1, 75: 0.09, 65: 0.08 }); // 1.2 MB, 1.08 MB, 0.96 MB
    const fitted = await fitToLimit(request, encodeAt);
    assert.equal(fitted.quality, 65);
    assert.deepEqual(calls, ['full@q85', 'preview@q85', 'preview@q75', 'preview@q65', 'full@q65']);
    assert.deepEqual(fitted.attempts, ['4000x3000@q85=1200000', '4000x3000@q65=960000'], 'previews are not attempts');
  });

  it('scales down at q75 when no quality can fit, landing just under the limit in one step', async () => {
    const { encodeAt, calls } = model(4000, 3000, { 85: 0.4, 75: 0.3, 65: 0.25 });
    const fitted = await fitToLimit(request, encodeAt);
    assert.equal(fitted.quality, 75);
    assert.ok(fitted.bytes.length <= 1_000_000 && fitted.bytes.length > 850_000, String(fitted.bytes.length));
    assert.deepEqual(calls.filter((c) => !c.startsWith('preview')), ['full@q85', 'scaled@q75']);
  });

  it('refuses rather than shrink below the legible minimum', async () => {
    const { encodeAt } = model(4000, 3000, { 85: 5, 75: 4, 65: 3 });
    await assert.rejects(fitToLimit(request, encodeAt), (e: Error) => e.name === 'ImageFitError' && e.message.includes('@q85'));
  });

  it('PNG: no quality ladder, only sizes', async () => {
    const { encodeAt, calls } = model(4000, 3000, { 100: 0.2 });
    const fitted = await fitToLimit({ ...request, format: 'png' }, encodeAt);
    assert.equal(fitted.quality, undefined);
    assert.ok(fitted.bytes.length <= 1_000_000);
    assert.deepEqual(calls, ['full@q100', 'scaled@q100']);
  });
});
