import assert from 'node:assert/strict';
import type { Polygon } from '../../src/shared/geometry';
import { contains, HitGrid } from '../../src/shared/hitGrid';
import { allWords } from '../../src/shared/analysisResult';
import { syntheticTextResult } from './resultFixtures';

const box = (x: number, y: number, w: number, h: number): Polygon => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];

describe('hit grid (which box is under the pointer)', () => {
  it('finds the box under a point, the smallest when boxes nest, and nothing between boxes', () => {
    const grid = new HitGrid([box(0, 0, 100, 50), box(10, 10, 20, 10), box(200, 200, 10, 10), undefined], 400, 300);
    assert.equal(grid.at({ x: 15, y: 15 }), 1, 'the word, not its line');
    assert.equal(grid.at({ x: 80, y: 40 }), 0);
    assert.equal(grid.at({ x: 205, y: 210 }), 2, 'on the edge counts');
    assert.equal(grid.at({ x: 150, y: 150 }), undefined);
    assert.equal(grid.at({ x: -5, y: 1e9 }), undefined);
  });

  it('is exact for rotated boxes', () => {
    const diamond: Polygon = [{ x: 50, y: 0 }, { x: 100, y: 50 }, { x: 50, y: 100 }, { x: 0, y: 50 }];
    assert.ok(contains(diamond, { x: 50, y: 50 }));
    assert.ok(!contains(diamond, { x: 5, y: 5 }), 'inside the bounding box, outside the diamond');
    const grid = new HitGrid([diamond], 100, 100);
    assert.equal(grid.at({ x: 90, y: 10 }), undefined);
    assert.equal(grid.at({ x: 60, y: 60 }), 0);
  });

  it('agrees with a linear scan on a 5,000-word page', () => {
    const words = allWords(syntheticTextResult(5000, 11).text!);
    const grid = new HitGrid(words.map((w) => w.polygon), 3000, 4000);
    for (let i = 0; i < 500; i++) {
      const point = { x: (i * 7919) % 3000, y: (i * 104729) % 4000 };
      const expected = words.findIndex((w) => contains(w.polygon, point));
      assert.equal(grid.at(point) ?? -1, expected, JSON.stringify(point));
    }
    const centre = (i: number) => ({ x: words[i]!.polygon[0]!.x + 2, y: words[i]!.polygon[0]!.y + 5 });
    for (const i of [0, 1234, 4999]) assert.equal(grid.at(centre(i)), i);
  });
});
