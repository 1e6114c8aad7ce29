import type { Polygon } from '../../shared/geometry';

/**
 * Reading Google's proto3 JSON without trusting it: a field of the wrong type is absent, and a
 * number that is zero is omitted on the wire (a vertex `{"y":5}` is at x = 0), so an absent
 * coordinate reads as 0. Nothing here throws.
 */

export type Json = Record<string, unknown>;
export type PolygonMap = (polygon: Polygon) => Polygon;
export interface Size {
  width: number;
  height: number;
}

export const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** A number the wire omits when it is 0. */
export const zeroed = (v: unknown): number => num(v) ?? 0;

/** The object without its `undefined` fields (the result guard and the fixtures want them absent). */
export const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** A `BoundingPoly`'s pixel `vertices` in original pixels; an empty polygon when there are none. */
export function pixelPolygon(boundingPoly: unknown, map: PolygonMap): Polygon {
  const vertices = arr(obj(boundingPoly).vertices);
  return vertices.length === 0 ? [] : map(vertices.map((v) => ({ x: zeroed(obj(v).x), y: zeroed(obj(v).y) })));
}

/**
 * A `BoundingPoly`'s `normalizedVertices` (0–1 of the image Google was sent) → sent pixels →
 * original pixels; the pixel `vertices` when it has no normalized ones.
 */
export function normalizedPolygon(boundingPoly: unknown, sent: Size, map: PolygonMap): Polygon {
  const normalized = arr(obj(boundingPoly).normalizedVertices);
  if (normalized.length === 0) return pixelPolygon(boundingPoly, map);
  return map(normalized.map((v) => ({ x: zeroed(obj(v).x) * sent.width, y: zeroed(obj(v).y) * sent.height })));
}
