import { DECODE_ERROR, FIT_ERROR, type PrepareRequest, type PrepareResponse } from './protocol';
import { vipsMessage, type Vips, type VipsImage } from './vips';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Below q65 text edges blur faster than bytes shrink, so the quality ladder stops there. */
const PREVIEW_SCALE = 0.25;
/** How many smaller sizes to try before giving up on the byte limit. */
const MAX_SCALE_STEPS = 6;

/**
 * Decode → upright (EXIF) → the requested size (shrink-on-load) → sRGB, 8 bits, alpha flattened on
 * white for JPEG → encode; then step the JPEG quality down and the scale down until the byte limit
 * holds, never below `minShortSide`. Every vips image is freed: WebAssembly memory is not
 * garbage-collected.
 */
export function prepareImage(vips: Vips, request: PrepareRequest): PrepareResponse {
  const owned: VipsImage[] = [];
  const keep = (image: VipsImage) => (owned.push(image), image);
  const input = new Uint8Array(request.bytes);
  try {
    let header: VipsImage;
    try {
      header = keep(vips.Image.newFromBuffer(input, '', { fail_on: 'truncated' }));
    } catch (error) {
      throw named(DECODE_ERROR, vipsMessage(error));
    }
    const frames = header.getTypeof('n-pages') ? header.getInt('n-pages') : 1;
    let image: VipsImage;
    try {
      const orientation = header.getTypeof('orientation') ? header.getInt('orientation') : 1;
      const uprightWidth = orientation >= 5 ? header.height : header.width;
      image =
        request.width < uprightWidth
          ? keep(vips.Image.thumbnailBuffer(input, request.width, { height: request.height, size: 'down', fail_on: 'truncated' }))
          : keep(header.autorot());
      if (image.getTypeof('icc-profile-data')) image = keep(image.iccTransform('srgb'));
      else if (image.interpretation !== 'srgb' && image.interpretation !== 'b-w') image = keep(image.colourspace('srgb'));
      if (image.hasAlpha() && request.format === 'jpeg') image = keep(image.flatten({ background: [255, 255, 255] }));
      if (image.format !== 'uchar') image = keep(image.cast('uchar'));
      image = keep(image.copyMemory()); // decode once; every attempt below reuses the pixels
    } catch (error) {
      throw named(DECODE_ERROR, vipsMessage(error));
    }
    return fit(image, request, frames, keep);
  } finally {
    for (const image of owned) image.delete();
  }
}

function fit(pixels: VipsImage, request: PrepareRequest, frames: number, keep: (image: VipsImage) => VipsImage): PrepareResponse {
  const attempts: string[] = [];
  const encode = (image: VipsImage, quality: number) => {
    const bytes =
      request.format === 'jpeg'
        ? image.jpegsaveBuffer({ Q: quality, keep: 0, optimize_coding: true })
        : image.pngsaveBuffer({ compression: 6, keep: 0 });
    attempts.push(`${image.width}x${image.height}${request.format === 'jpeg' ? `@q${quality}` : ''}=${bytes.length}`);
    return bytes;
  };
  const done = (image: VipsImage, bytes: Uint8Array, quality: number): PrepareResponse => ({
    bytes: bytes.slice().buffer,
    width: image.width,
    height: image.height,
    quality: request.format === 'jpeg' ? quality : undefined,
    frames,
    attempts,
  });

  if (request.format === 'png') {
    const bytes = encode(pixels, 100);
    if (bytes.length <= request.maxBytes) return done(pixels, bytes, 100);
    return scaleDown(bytes.length, 100, 2);
  }
  // JPEG: q85 at full size first (most images fit there). If not, a quarter-size preview tells
  // cheaply how the size falls with quality, so that only qualities predicted to fit are tried at
  // full size: each full-size encode is the costliest step in WebAssembly.
  const bytes = encode(pixels, 85);
  if (bytes.length <= request.maxBytes) return done(pixels, bytes, 85);
  const { predicted, exponent } = predictSizes(pixels, bytes.length, keep);
  for (const quality of [75, 65]) {
    if (predicted(quality) > request.maxBytes * 0.97) continue;
    const out = encode(pixels, quality);
    if (out.length <= request.maxBytes) return done(pixels, out, quality);
  }
  return scaleDown(predicted(75), 75, exponent);

  /**
   * Smaller sizes until the limit holds. `estimate` is the full-size byte count at `quality`, and
   * bytes ≈ estimate × scale^exponent (about 2; more for noisy photos, whose grain averages away).
   */
  function scaleDown(estimate: number, quality: number, exponent: number): PrepareResponse {
    let scale = 1;
    for (let step = 0; step < MAX_SCALE_STEPS; step++) {
      // Aim a little under the limit.
      scale = Math.min(scale * 0.95, ((request.maxBytes * 0.92) / estimate) ** (1 / exponent));
      if (Math.min(pixels.width, pixels.height) * scale < request.minShortSide) break;
      const smaller = keep(pixels.resize(scale, { kernel: 'lanczos3' }));
      const out = encode(smaller, quality);
      if (out.length <= request.maxBytes) return done(smaller, out, quality);
      estimate = out.length / scale ** exponent;
    }
    throw named(FIT_ERROR, attempts.join(', '));
  }
}

/**
 * Full-size JPEG byte counts by quality, predicted from a quarter-size preview encoded at each
 * quality and scaled by the one full-size count we have (at q85); and how bytes fall with scale
 * (the exponent of bytes ∝ scale^exponent), from the same two q85 counts.
 */
function predictSizes(pixels: VipsImage, fullAt85: number, keep: (image: VipsImage) => VipsImage) {
  const preview = keep(pixels.resize(PREVIEW_SCALE, { kernel: 'linear' }));
  const size = (quality: number) => preview.jpegsaveBuffer({ Q: quality, keep: 0, optimize_coding: true }).length;
  const factor = fullAt85 / size(85);
  const exponent = Math.min(3, Math.max(1.2, Math.log(factor) / Math.log(1 / PREVIEW_SCALE)));
  const cache = new Map<number, number>();
  const predicted = (quality: number): number => {
    if (!cache.has(quality)) cache.set(quality, size(quality) * factor);
    return cache.get(quality)!;
  };
  return { predicted, exponent };
}
