import assert from 'node:assert/strict';
import {
  polygonToOriginal,
  storedToUpright,
  toOriginal,
  toSent,
  uprightSize,
  uprightToStored,
  type ImageTransform,
  type Orientation,
} from '../../src/images/transform';

const ORIENTATIONS: Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];
const stored = { width: 4000, height: 3000 };
const near = (a: { x: number; y: number }, b: { x: number; y: number }, tolerance: number, what: string) =>
  assert.ok(Math.abs(a.x - b.x) <= tolerance && Math.abs(a.y - b.y) <= tolerance, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);

describe('EXIF orientation', () => {
  it('maps the stored corners where a viewer shows them', () => {
    // Where the stored top-left pixel corner ends up on screen, per the EXIF specification.
    const topLeft: Record<Orientation, string> = { 1: 'TL', 2: 'TR', 3: 'BR', 4: 'BL', 5: 'TL', 6: 'TR', 7: 'BR', 8: 'BL' };
    for (const o of ORIENTATIONS) {
      const up = uprightSize(stored, o);
      const p = storedToUpright({ x: 0, y: 0 }, o, stored);
      const corner = `${p.y === 0 ? 'T' : 'B'}${p.x === 0 ? 'L' : 'R'}`;
      assert.equal(corner, topLeft[o], `orientation ${o}`);
      assert.ok(p.x === 0 || p.x === up.width);
      assert.ok(p.y === 0 || p.y === up.height);
    }
  });

  it('swaps the sides for 5–8', () => {
    assert.deepEqual(uprightSize(stored, 6), { width: 3000, height: 4000 });
    assert.deepEqual(uprightSize(stored, 3), stored);
  });

  it('uprightToStored inverts storedToUpright for all eight orientations', () => {
    for (const o of ORIENTATIONS) {
      for (const p of [{ x: 0, y: 0 }, { x: 123.5, y: 2999 }, { x: 4000, y: 17 }, { x: 2000, y: 1500 }]) {
        near(uprightToStored(storedToUpright(p, o, stored), o, stored), p, 1e-9, `orientation ${o}`);
      }
    }
  });
});

describe('ImageTransform (sent image → original upright pixels)', () => {
  const scales = [1, 0.5, 0.37, 0.123, 0.08];

  it('round-trips all eight orientations and several scales to within 1 px, sent upright or as stored', () => {
    for (const o of ORIENTATIONS) {
      const up = uprightSize(stored, o);
      for (const s of scales) {
        for (const sentAs of ['upright', 'stored'] as const) {
          const base = sentAs === 'upright' ? up : stored;
          const t: ImageTransform = { orientation: o, stored, sentAs, sent: { width: Math.round(base.width * s), height: Math.round(base.height * s) } };
          for (const p of [{ x: 10, y: 20 }, { x: up.width - 1, y: up.height - 1 }, { x: up.width / 3, y: up.height / 7 }]) {
            near(toOriginal(t, toSent(t, p)), p, 1, `o=${o} s=${s} ${sentAs}`);
          }
        }
      }
    }
  });

  it('maps a word box found in a rotated, downscaled copy back onto the upright original', () => {
    // A 4000×3000 stored photo with orientation 6 is upright 3000×4000; sent upright at 1/4.
    const t: ImageTransform = { orientation: 6, stored, sentAs: 'upright', sent: { width: 750, height: 1000 } };
    assert.deepEqual(toOriginal(t, { x: 75, y: 100 }), { x: 300, y: 400 });
    // The same photo sent as stored (not rotated) at 1/2: a point at stored (100, 50) is upright (3000 − 50, 100).
    const raw: ImageTransform = { orientation: 6, stored, sentAs: 'stored', sent: { width: 2000, height: 1500 } };
    assert.deepEqual(toOriginal(raw, { x: 50, y: 25 }), { x: 2950, y: 100 });
  });

  it('clamps polygons to the image', () => {
    const t: ImageTransform = { orientation: 1, stored: { width: 100, height: 50 }, sentAs: 'upright', sent: { width: 100, height: 50 } };
    assert.deepEqual(polygonToOriginal(t, [{ x: -3, y: 10 }, { x: 120, y: 60 }]), [{ x: 0, y: 10 }, { x: 100, y: 50 }]);
  });
});
