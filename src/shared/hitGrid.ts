import type { Point, Polygon } from './geometry';

/**
 * Which box is under a point, among thousands, without a DOM element per box: a uniform grid
 * over the picture, each cell listing the boxes whose bounding rectangle touches it. A lookup
 * tests only that cell's boxes (point in polygon, so rotated words are exact) and returns the
 * smallest box that holds the point (a word inside its line inside its block). Pure.
 */
export class HitGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cell: number;
  private readonly columns: number;

  constructor(
    private readonly polygons: ReadonlyArray<Polygon | undefined>,
    width: number,
    height: number,
  ) {
    // About one box per cell on average, and never cells smaller than a few pixels.
    const count = Math.max(1, polygons.length);
    this.cell = Math.max(4, Math.sqrt((Math.max(1, width) * Math.max(1, height)) / count));
    this.columns = Math.ceil(Math.max(1, width) / this.cell) + 1;
    polygons.forEach((polygon, index) => {
      if (!polygon || polygon.length < 3) return;
      const b = bounds(polygon);
      for (let cy = this.index(b.minY); cy <= this.index(b.maxY); cy++) {
        for (let cx = this.index(b.minX); cx <= this.index(b.maxX); cx++) {
          const key = cy * this.columns + cx;
          const list = this.cells.get(key);
          if (list) list.push(index);
          else this.cells.set(key, [index]);
        }
      }
    });
  }

  private index(value: number): number {
    return Math.max(0, Math.min(this.columns - 1, Math.floor(value / this.cell)));
  }

  /** The index of the smallest box containing the point, or undefined. */
  at(point: Point): number | undefined {
    const candidates = this.cells.get(this.index(point.y) * this.columns + this.index(point.x));
    let best: number | undefined;
    let bestArea = Infinity;
    for (const index of candidates ?? []) {
      const polygon = this.polygons[index]!;
      if (!contains(polygon, point)) continue;
      const b = bounds(polygon);
      const area = (b.maxX - b.minX) * (b.maxY - b.minY);
      if (area < bestArea) {
        best = index;
        bestArea = area;
      }
    }
    return best;
  }
}

function bounds(polygon: Polygon): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of polygon) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

/** Even–odd ray casting; points on the edge count as inside (boxes are clicked at their border too). */
export function contains(polygon: Polygon, point: Point): boolean {
  const b = bounds(polygon);
  if (point.x < b.minX || point.x > b.maxX || point.y < b.minY || point.y > b.maxY) return false;
  if (polygon.length === 4 && isAxisAligned(polygon)) return true;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!, c = polygon[j]!;
    if (a.y > point.y !== c.y > point.y && point.x < ((c.x - a.x) * (point.y - a.y)) / (c.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function isAxisAligned(polygon: Polygon): boolean {
  const [a, b, c, d] = polygon as [Point, Point, Point, Point];
  return (a.y === b.y && b.x === c.x && c.y === d.y && d.x === a.x) || (a.x === b.x && b.y === c.y && c.x === d.x && d.y === a.y);
}
