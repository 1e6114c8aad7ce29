import type { Point } from '../../../shared/geometry';

/**
 * A 2-D affine map `[a, b, c, d, e, f]`: x' = a·x + b·y + c, y' = d·x + e·y + f. The page
 * preparation turns, deskews and scales with one; word boxes go back through its inverse.
 */
export type Affine = readonly [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

export function apply(m: Affine, p: Point): Point {
  return { x: m[0] * p.x + m[1] * p.y + m[2], y: m[3] * p.x + m[4] * p.y + m[5] };
}

/** `first`, then `second`. */
export function then(first: Affine, second: Affine): Affine {
  const [a, b, c, d, e, f] = second;
  return [a * first[0] + b * first[3], a * first[1] + b * first[4], a * first[2] + b * first[5] + c, d * first[0] + e * first[3], d * first[1] + e * first[4], d * first[2] + e * first[5] + f];
}

export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

/**
 * Turns the picture clockwise by `degrees` (in image coordinates, y down) about the origin and
 * scales it by `scale`.
 */
export function rotation(degrees: number, scale = 1): Affine {
  const r = (degrees * Math.PI) / 180;
  // Exact quarter turns: no 1e-17 residue to blur a 90° turn's pixels.
  const cos = snap(Math.cos(r)) * scale;
  const sin = snap(Math.sin(r)) * scale;
  return [cos, -sin, 0, sin, cos, 0];
}

export function translation(x: number, y: number): Affine {
  return [1, 0, x, 0, 1, y];
}

function snap(v: number): number {
  const rounded = Math.round(v);
  return Math.abs(v - rounded) < 1e-12 ? rounded : v;
}
