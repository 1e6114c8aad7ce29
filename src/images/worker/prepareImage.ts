import { DECODE_ERROR, FIT_ERROR, type PrepareRequest, type PrepareResponse } from './protocol';
import { vipsMessage, type Vips, type VipsImage } from './vips';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/** JPEG qualities tried before scaling down; below 65 text edges blur faster than bytes shrink. */
const QUALITIES = [85, 75, 65];
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

  const qualities = request.format === 'jpeg' ? QUALITIES : [100];
  let bytes = encode(pixels, qualities[0]!);
  if (bytes.length <= request.maxBytes) return done(pixels, bytes, qualities[0]!);
  // Lower qualities only when they can plausibly fit (q65 is about half of q85): otherwise go
  // straight to a smaller size, which saves encodes of the full image.
  if (bytes.length <= request.maxBytes * 2) {
    for (const quality of qualities.slice(1)) {
      bytes = encode(pixels, quality);
      if (bytes.length <= request.maxBytes) return done(pixels, bytes, quality);
    }
  }
  const quality = qualities[1] ?? qualities[0]!;
  let scale = 1;
  for (let step = 0; step < MAX_SCALE_STEPS; step++) {
    // Bytes grow about with the pixel count: aim a little under the limit.
    scale *= Math.min(0.95, Math.sqrt((request.maxBytes * 0.92) / bytes.length));
    const shortSide = Math.min(pixels.width, pixels.height) * scale;
    if (shortSide < request.minShortSide) break;
    const smaller = keep(pixels.resize(scale, { kernel: 'lanczos3' }));
    bytes = encode(smaller, quality);
    if (bytes.length <= request.maxBytes) return done(smaller, bytes, quality);
  }
  throw named(FIT_ERROR, attempts.join(', '));
}
