import { DECODE_ERROR, FIT_ERROR, type PrepareRequest, type PrepareResponse } from './protocol';
import { vipsMessage, type Vips, type VipsImage } from './vips';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * JPEG size ratios between qualities, measured on photos, screenshots and scans: typical values
 * estimate sizes, the smallest seen decide whether a lower quality is worth an encode at all.
 * Below q65 text edges blur faster than bytes shrink, so the ladder stops there.
 */
const Q75_OF_Q85 = 0.7;
const BEST_Q75_OF_Q85 = 0.62;
const BEST_Q65_OF_Q75 = 0.68;
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
    return scaleDown(bytes.length, 100);
  }
  // JPEG: q85, then lower qualities only where they can plausibly fit (each full-size encode is
  // the costliest step in WebAssembly), then smaller sizes at q75.
  let bytes = encode(pixels, 85);
  if (bytes.length <= request.maxBytes) return done(pixels, bytes, 85);
  let q75 = bytes.length * Q75_OF_Q85;
  if (bytes.length * BEST_Q75_OF_Q85 <= request.maxBytes) {
    bytes = encode(pixels, 75);
    if (bytes.length <= request.maxBytes) return done(pixels, bytes, 75);
    q75 = bytes.length;
  }
  if (q75 * BEST_Q65_OF_Q75 <= request.maxBytes) {
    bytes = encode(pixels, 65);
    if (bytes.length <= request.maxBytes) return done(pixels, bytes, 65);
  }
  return scaleDown(q75, 75);

  /** Smaller sizes until the limit holds; `estimate` is the full-size byte count at `quality`. */
  function scaleDown(estimate: number, quality: number): PrepareResponse {
    let scale = 1;
    for (let step = 0; step < MAX_SCALE_STEPS; step++) {
      // Bytes grow about with the pixel count: aim a little under the limit.
      scale = Math.min(scale * 0.95, Math.sqrt((request.maxBytes * 0.92) / estimate));
      if (Math.min(pixels.width, pixels.height) * scale < request.minShortSide) break;
      const smaller = keep(pixels.resize(scale, { kernel: 'lanczos3' }));
      const out = encode(smaller, quality);
      if (out.length <= request.maxBytes) return done(smaller, out, quality);
      estimate = out.length / (scale * scale);
    }
    throw named(FIT_ERROR, attempts.join(', '));
  }
}
