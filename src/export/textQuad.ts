import { boundingBox, type Point, type Polygon } from '../shared/geometry';

/**
 * A word's or a line's outline as the four corners of its text box, named in the text's own
 * orientation: `bottomLeft` → `bottomRight` is the baseline direction, whatever way the text
 * runs on the image. Upright image pixels (y down), like every polygon of a result.
 */
export interface TextQuad {
  topLeft: Point;
  topRight: Point;
  bottomRight: Point;
  bottomLeft: Point;
}

/**
 * The text box of a polygon. Providers give quadrilaterals starting at the text's top left, but
 * not all in the same turn: Google goes clockwise (as seen on the image), Yandex
 * counter-clockwise, so a quadrilateral whose signed area says counter-clockwise is read the other
 * way round. Any other outline (a line without one of its own, an odd polygon) becomes its
 * axis-aligned box; no outline at all, `undefined`.
 */
export function textQuad(polygon: Polygon): TextQuad | undefined {
  if (polygon.length === 0) return undefined;
  if (polygon.length === 4) {
    const [a, b, c, d] = polygon as [Point, Point, Point, Point];
    return signedArea(polygon) >= 0 ? { topLeft: a, topRight: b, bottomRight: c, bottomLeft: d } : { topLeft: a, topRight: d, bottomRight: c, bottomLeft: b };
  }
  const box = boundingBox(polygon);
  return {
    topLeft: { x: box.x, y: box.y },
    topRight: { x: box.x + box.width, y: box.y },
    bottomRight: { x: box.x + box.width, y: box.y + box.height },
    bottomLeft: { x: box.x, y: box.y + box.height },
  };
}

/**
 * How far the text's baseline is turned from horizontal, in degrees counter-clockwise as seen on
 * the image (hOCR's `textangle` convention: 90 is text running bottom to top), in (-180, 180].
 */
export function baselineAngle(quad: TextQuad): number {
  const dx = quad.bottomRight.x - quad.bottomLeft.x;
  // The image's y runs down; counter-clockwise on screen is towards smaller y.
  const dy = quad.bottomLeft.y - quad.bottomRight.y;
  if (dx === 0 && dy === 0) return 0;
  const degrees = (Math.atan2(dy, dx) * 180) / Math.PI;
  return degrees <= -180 ? degrees + 360 : degrees;
}

/** Twice the shoelace area with y down: positive when the points go clockwise as seen on the image. */
function signedArea(polygon: Polygon): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    sum += p.x * q.y - q.x * p.y;
  }
  return sum;
}
