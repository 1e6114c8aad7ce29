import type { Point, Polygon } from '../shared/geometry';

/**
 * Coordinates between three images: the file as stored, the image the user sees (the stored
 * pixels turned upright by the EXIF orientation), and the image sent to a provider (upright or
 * as stored, possibly scaled down). Providers answer in sent-image pixels; the results panel and
 * every API consumer get upright original pixels (ARCHITECTURE.md: "All polygons are in original
 * image pixels as the user sees the image"). Coordinates are continuous: pixel edges, 0..width.
 */

/** EXIF orientation (TIFF tag 0x0112): how to turn the stored pixels to show them upright. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface Size {
  width: number;
  height: number;
}

export function isOrientation(value: unknown): value is Orientation {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8;
}

/** Orientations 5–8 swap width and height. */
export function swapsAxes(orientation: Orientation): boolean {
  return orientation >= 5;
}

/** The size of the upright image for a stored size and orientation. */
export function uprightSize(stored: Size, orientation: Orientation): Size {
  return swapsAxes(orientation) ? { width: stored.height, height: stored.width } : { ...stored };
}

/** A point of the stored image → the same point of the upright image. */
export function storedToUpright(p: Point, orientation: Orientation, stored: Size): Point {
  const { width: W, height: H } = stored;
  switch (orientation) {
    case 1:
      return { x: p.x, y: p.y };
    case 2: // mirrored horizontally
      return { x: W - p.x, y: p.y };
    case 3: // rotated 180°
      return { x: W - p.x, y: H - p.y };
    case 4: // mirrored vertically
      return { x: p.x, y: H - p.y };
    case 5: // transposed (mirrored, then rotated 270° clockwise)
      return { x: p.y, y: p.x };
    case 6: // to be rotated 90° clockwise
      return { x: H - p.y, y: p.x };
    case 7: // transversed (mirrored, then rotated 90° clockwise)
      return { x: H - p.y, y: W - p.x };
    case 8: // to be rotated 270° clockwise
      return { x: p.y, y: W - p.x };
  }
}

/** The inverse of storedToUpright. */
export function uprightToStored(p: Point, orientation: Orientation, stored: Size): Point {
  const { width: W, height: H } = stored;
  switch (orientation) {
    case 1:
      return { x: p.x, y: p.y };
    case 2:
      return { x: W - p.x, y: p.y };
    case 3:
      return { x: W - p.x, y: H - p.y };
    case 4:
      return { x: p.x, y: H - p.y };
    case 5:
      return { x: p.y, y: p.x };
    case 6:
      return { x: p.y, y: H - p.x };
    case 7:
      return { x: W - p.y, y: H - p.x };
    case 8:
      return { x: W - p.y, y: p.x };
  }
}

/**
 * How the sent image relates to the original: `upright` when the pixels were turned upright before
 * sending (what prepareForProvider does whenever it re-encodes), `stored` when the file's own
 * pixels went out as they are (a passthrough), in both cases possibly scaled to `sent`.
 */
export interface ImageTransform {
  orientation: Orientation;
  /** The file's pixel size as stored (before orientation). */
  stored: Size;
  /** The size of the image sent to the provider. */
  sent: Size;
  /** Whether the sent pixels are upright or as stored. */
  sentAs: 'upright' | 'stored';
}

/** The identity transform for an image sent as it is. */
export function identityTransform(stored: Size, orientation: Orientation = 1): ImageTransform {
  return { orientation, stored, sent: { ...stored }, sentAs: 'stored' };
}

/** A point in sent-image pixels → the same point in upright original pixels. */
export function toOriginal(t: ImageTransform, p: Point): Point {
  if (t.sentAs === 'upright') {
    const upright = uprightSize(t.stored, t.orientation);
    return { x: (p.x * upright.width) / t.sent.width, y: (p.y * upright.height) / t.sent.height };
  }
  const stored = { x: (p.x * t.stored.width) / t.sent.width, y: (p.y * t.stored.height) / t.sent.height };
  return storedToUpright(stored, t.orientation, t.stored);
}

/** A point in upright original pixels → sent-image pixels (for crops sent to a provider). */
export function toSent(t: ImageTransform, p: Point): Point {
  if (t.sentAs === 'upright') {
    const upright = uprightSize(t.stored, t.orientation);
    return { x: (p.x * t.sent.width) / upright.width, y: (p.y * t.sent.height) / upright.height };
  }
  const stored = uprightToStored(p, t.orientation, t.stored);
  return { x: (stored.x * t.sent.width) / t.stored.width, y: (stored.y * t.sent.height) / t.stored.height };
}

/** Every vertex mapped to upright original pixels, clamped to the image. */
export function polygonToOriginal(t: ImageTransform, polygon: Polygon): Polygon {
  const upright = uprightSize(t.stored, t.orientation);
  return polygon.map((p) => {
    const q = toOriginal(t, p);
    return { x: clamp(q.x, 0, upright.width), y: clamp(q.y, 0, upright.height) };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
