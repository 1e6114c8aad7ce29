import { FIT_ERROR } from './protocol';

/**
 * The byte-fitting ladder, over any encoder: ours (wasm-vips in the worker) and, in the
 * benchmark, sharp and jimp — so that the comparison runs literally the same algorithm.
 *
 * Predict, then verify. A whole-image encode is the costliest step (in WebAssembly most of all),
 * so sizes are first estimated from a sample: an eighth of the rows, in 16-row stripes spread
 * over the image, encoded as one small image and scaled up by the share of rows. Stripes keep the
 * full resolution, so unlike a downscaled preview the estimate sees the real grain and the real
 * text edges, at any scale: on the bench photo and screenshot and four upscaled samples it was
 * within −7…+6% at full size and −3…+13% scaled (an overestimate only costs a little size). Then
 * one whole encode verifies the setting the estimates chose; only a miss costs another, aimed
 * with the real size.
 *
 * The order stays: JPEG q85 at full size (most images fit there), then q75 and q65 at full size;
 * below q65 text edges blur faster than bytes shrink, so after that the ladder scales down at q75
 * to just under the limit. Never below `minShortSide`.
 */

/** Share of the rows in a sample. */
export const SAMPLE_SHARE = 1 / 8;
/** Rows per stripe: a whole number of JPEG MCUs (16 rows with 4:2:0 chroma). */
export const STRIPE_ROWS = 16;
/** Fewer stripes than this sample too little; such an image is small and cheap to encode whole. */
const MIN_STRIPES = 8;
/** What scaling aims at: under the limit by more than a sample's usual error. */
const AIM = 0.94;
/** Scaled estimates this close to the aim are good enough to verify. */
const CLOSE = 0.03;
/** Sample-guided refinements of the scale before the verifying encode. */
const MAX_SAMPLE_STEPS = 3;
/** Whole encodes tried while scaling before giving up on the byte limit. */
const MAX_SCALE_STEPS = 4;
/**
 * One quality step down (85 → 75 → 65) saves at most this share of the bytes (15–39% on every
 * image measured): when even that cannot fit, lower qualities at full size are not worth trying.
 */
const MAX_STEP_SAVING = 0.45;

export interface Encoded {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Rows `top` to `top + height` of the image at some scale. */
export interface Rows {
  top: number;
  height: number;
}

export interface Encoder {
  /** Encodes the image at `scale` (1 = full size) and JPEG `quality` (ignored for PNG). */
  encode(scale: number, quality: number): Encoded | Promise<Encoded>;
  /**
   * Encodes only `rows` of the image at `scale` (resized with the same kernel as `encode`),
   * stacked top to bottom into one image, with the same settings; returns its length in bytes.
   */
  encodeRows(scale: number, quality: number, rows: readonly Rows[]): number | Promise<number>;
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
  /** Every whole-image encode tried, e.g. `3000x4000@q85=4490664` (samples are not). */
  attempts: string[];
}

/** Size of the image at `scale`, as every encoder rounds it. */
export const scaledSize = (request: { width: number; height: number }, scale: number) => ({
  width: Math.max(1, Math.round(request.width * scale)),
  height: Math.max(1, Math.round(request.height * scale)),
});

/**
 * The rows sampled from an image `height` rows tall: one stripe in each of n equal bands, at a
 * jittered offset (fixed seed: the same rows every time) so that evenly spaced text lines are not
 * hit at the same phase in every band. Undefined when the image is too small to sample.
 */
export function sampleRows(height: number): Rows[] | undefined {
  const count = Math.round((height * SAMPLE_SHARE) / STRIPE_ROWS);
  if (count < MIN_STRIPES) return undefined;
  let seed = 0x2545f491;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const rows: Rows[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * height) / count);
    const to = Math.floor(((i + 1) * height) / count);
    rows.push({ top: Math.min(height - STRIPE_ROWS, from + Math.floor(random() * Math.max(1, to - from - STRIPE_ROWS + 1))), height: STRIPE_ROWS });
  }
  return rows;
}

export async function fitToLimit(request: FitRequest, encoder: Encoder): Promise<Fitted> {
  const { maxBytes } = request;
  const jpeg = request.format === 'jpeg';
  const attempts: string[] = [];
  const estimates: string[] = [];
  const whole = async (scale: number, quality: number): Promise<Encoded> => {
    const out = await encoder.encode(scale, quality);
    attempts.push(`${out.width}x${out.height}${jpeg ? `@q${quality}` : ''}=${out.bytes.length}`);
    return out;
  };
  const fits = (out: Encoded) => out.bytes.length <= maxBytes;
  const done = (out: Encoded, quality: number): Fitted => ({ ...out, quality: jpeg ? quality : undefined, attempts });
  const fail = () => Object.assign(new Error([...attempts, ...estimates].join(', ')), { name: FIT_ERROR });

  /** Estimated bytes at (scale, quality); exact (a whole encode, kept) when the image is too small to sample. */
  const small = new Map<string, Encoded>();
  const estimate = async (scale: number, quality: number): Promise<number> => {
    const size = scaledSize(request, scale);
    const rows = sampleRows(size.height);
    if (!rows) {
      const key = `${scale}@${quality}`;
      if (!small.has(key)) small.set(key, await whole(scale, quality));
      return small.get(key)!.bytes.length;
    }
    const bytes = ((await encoder.encodeRows(scale, quality, rows)) * size.height) / (rows.length * STRIPE_ROWS);
    estimates.push(`${size.width}x${size.height}${jpeg ? `@q${quality}` : ''}≈${Math.round(bytes)}`);
    return bytes;
  };
  /** The whole encode at (scale, quality), reusing the estimate's own when it was one. */
  const verify = async (scale: number, quality: number) => small.get(`${scale}@${quality}`) ?? (await whole(scale, quality));

  // Full size, stepping the quality down. A sample's error comes mostly from which rows it holds,
  // so a miss at one quality corrects the estimates at the next (the same rows, at full size).
  const qualities = jpeg ? [85, 75, 65] : [100];
  const scaleQuality = jpeg ? 75 : 100;
  let correction = 1;
  let atScaleQuality: number | undefined; // bytes at full size and the scaling quality: where scaling starts
  for (const quality of qualities) {
    const estimated = (await estimate(1, quality)) * correction;
    if (quality === scaleQuality) atScaleQuality = estimated;
    if (estimated <= maxBytes) {
      const out = await verify(1, quality);
      if (fits(out)) return done(out, quality);
      correction *= out.bytes.length / estimated;
      if (quality === scaleQuality) atScaleQuality = out.bytes.length;
    }
    if (estimated * (1 - MAX_STEP_SAVING) > maxBytes) break;
  }
  atScaleQuality ??= (await estimate(1, scaleQuality)) * correction;

  // Scaling down at the scaling quality: bytes ≈ known × (scale / known scale)^exponent, the
  // exponent measured between estimates (about 2 where detail is fine-grained, nearer 1 where it
  // is a few sharp edges, as text).
  const minScale = request.minShortSide / Math.min(request.width, request.height);
  if (minScale >= 1) throw fail();
  const aim = maxBytes * AIM;
  let known = { scale: 1, bytes: atScaleQuality };
  let over = 1; // the smallest scale known (or estimated) not to fit
  let exponent = 2;
  const learn = (scale: number, bytes: number) => {
    if (Math.abs(Math.log(known.scale / scale)) > 0.01) exponent = Math.min(3, Math.max(1, Math.log(known.bytes / bytes) / Math.log(known.scale / scale)));
    known = { scale, bytes };
    if (bytes > maxBytes) over = Math.min(over, scale);
  };
  const toward = () => Math.max(minScale, Math.min(over * 0.99, known.scale * (aim / known.bytes) ** (1 / exponent)));
  let scale = toward();
  for (let step = 0; step < MAX_SAMPLE_STEPS; step++) {
    const estimated = await estimate(scale, scaleQuality);
    learn(scale, estimated);
    if (Math.abs(estimated / aim - 1) <= CLOSE) break;
    if (scale === minScale && estimated > aim) {
      if (estimated > maxBytes * (1 + 2 * CLOSE)) throw fail(); // not even at the legible minimum, beyond a sample's error
      break; // the minimum may fit: the whole encode tells
    }
    scale = toward();
  }
  for (let step = 0; step < MAX_SCALE_STEPS; step++) {
    const out = await verify(scale, scaleQuality);
    if (fits(out)) return done(out, scaleQuality);
    learn(scale, out.bytes.length);
    if (scale === minScale) break;
    scale = toward();
  }
  throw fail();
}
