import { FIT_ERROR } from './protocol';

/**
 * The byte-fitting ladder, over any encoder: ours (wasm-vips in the worker) and, in the
 * benchmark, sharp and jimp — so that the comparison runs literally the same algorithm.
 *
 * JPEG: q85 at full size first (most images fit there). If not, a quarter-size preview tells
 * cheaply how the size falls with quality, so that only qualities predicted to fit are tried at
 * full size (each full-size encode is the costliest step in WebAssembly); below q65 text edges
 * blur faster than bytes shrink, so after that the ladder scales down at q75, predicting the size
 * from bytes ≈ full × scale^exponent, the exponent measured between the preview and full size
 * (about 2; more for grainy photos, whose grain averages away). Never below `minShortSide`.
 */

/** Scale of the preview the ladder asks for; encoders may cache the resized pixels for it. */
export const PREVIEW_SCALE = 0.25;
/** How many smaller sizes to try before giving up on the byte limit. */
const MAX_SCALE_STEPS = 6;

export interface Encoded {
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface FitRequest {
  /** Size of the pixels at scale 1. */
  width: number;
  height: number;
  format: 'jpeg' | 'png';
  maxBytes: number;
  minShortSide: number;
}

export interface Fitted extends Encoded {
  /** JPEG quality used, when JPEG. */
  quality?: number;
  /** Every non-preview encode tried, e.g. `3000x4000@q85=4490664`. */
  attempts: string[];
}

/** Encodes the image at `scale` (1 = full size) and JPEG `quality` (ignored for PNG). */
export type EncodeAt = (scale: number, quality: number) => Encoded | Promise<Encoded>;

export async function fitToLimit(request: FitRequest, encodeAt: EncodeAt): Promise<Fitted> {
  const attempts: string[] = [];
  const jpeg = request.format === 'jpeg';
  const encode = async (scale: number, quality: number): Promise<Encoded> => {
    const out = await encodeAt(scale, quality);
    attempts.push(`${out.width}x${out.height}${jpeg ? `@q${quality}` : ''}=${out.bytes.length}`);
    return out;
  };
  const fits = (out: Encoded) => out.bytes.length <= request.maxBytes;
  const done = (out: Encoded, quality: number): Fitted => ({ ...out, quality: jpeg ? quality : undefined, attempts });

  const scaleDown = async (estimate: number, quality: number, exponent: number): Promise<Fitted> => {
    let scale = 1;
    for (let step = 0; step < MAX_SCALE_STEPS; step++) {
      scale = Math.min(scale * 0.95, ((request.maxBytes * 0.92) / estimate) ** (1 / exponent)); // a little under the limit
      if (Math.min(request.width, request.height) * scale < request.minShortSide) break;
      const out = await encode(scale, quality);
      if (fits(out)) return done(out, quality);
      estimate = out.bytes.length / scale ** exponent;
    }
    throw Object.assign(new Error(attempts.join(', ')), { name: FIT_ERROR });
  };

  if (!jpeg) {
    const out = await encode(1, 100);
    return fits(out) ? done(out, 100) : scaleDown(out.bytes.length, 100, 2);
  }
  const full = await encode(1, 85);
  if (fits(full)) return done(full, 85);
  const preview = async (quality: number) => (await encodeAt(PREVIEW_SCALE, quality)).bytes.length;
  const factor = full.bytes.length / (await preview(85));
  const predicted = new Map<number, number>();
  for (const quality of [75, 65]) predicted.set(quality, (await preview(quality)) * factor);
  for (const quality of [75, 65]) {
    if (predicted.get(quality)! > request.maxBytes * 0.97) continue;
    const out = await encode(1, quality);
    if (fits(out)) return done(out, quality);
  }
  const exponent = Math.min(3, Math.max(1.2, Math.log(factor) / Math.log(1 / PREVIEW_SCALE)));
  return scaleDown(predicted.get(75)!, 75, exponent);
}
