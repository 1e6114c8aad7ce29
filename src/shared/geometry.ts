/**
 * Plane geometry in image pixels, shared by the host, the providers and the webview. No imports:
 * everything above builds on it.
 */

export interface Point {
  x: number;
  y: number;
}

/** A closed polygon in original upright image pixels (after EXIF orientation). */
export type Polygon = Point[];

/** An axis-aligned rectangle in original upright image pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The axis-aligned bounding box of a polygon (empty polygon → all zeros). */
export function boundingBox(polygon: Polygon): Region {
  if (polygon.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { x, y } of polygon) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The axis-aligned rectangle around polygons, clockwise from the top left (empty when they are). */
export function hull(polygons: Polygon[]): Polygon {
  const points = polygons.flat();
  if (points.length === 0) return [];
  const b = boundingBox(points);
  return [
    { x: b.x, y: b.y },
    { x: b.x + b.width, y: b.y },
    { x: b.x + b.width, y: b.y + b.height },
    { x: b.x, y: b.y + b.height },
  ];
}

/**
 * The words (or any outlined items) whose outline's centre lies inside a rectangle, in their
 * order; an item without an outline is not inside anything.
 */
export function wordsInside<T extends { polygon?: Polygon }>(items: readonly T[], region: Region): T[] {
  return items.filter((item) => {
    if (!item.polygon || item.polygon.length === 0) return false;
    const b = boundingBox(item.polygon);
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    return cx >= region.x && cx <= region.x + region.width && cy >= region.y && cy <= region.y + region.height;
  });
}
