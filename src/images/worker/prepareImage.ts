import { fitToLimit, type Encoder } from './fitLadder';
import { DECODE_ERROR, type PrepareRequest, type PrepareResponse } from './protocol';
import { vipsMessage, type Vips, type VipsImage } from './vips';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * Decode → upright (EXIF) → the requested size (shrink-on-load) → sRGB, 8 bits, alpha flattened on
 * white for JPEG → the byte-fitting ladder (fitLadder.ts). Every vips image is freed: WebAssembly
 * memory is not garbage-collected.
 */
export async function prepareImage(vips: Vips, request: PrepareRequest): Promise<PrepareResponse> {
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
    // Grey pixels are read once, top to bottom: a sequential load streams the decode through the
    // conversion (an 800×600 JPEG: 9 ms instead of 15 ms, which the Local OCR pays on every photo).
    if (request.format === 'gray') return grayPixels(keep(vips.Image.newFromBuffer(input, '', { fail_on: 'truncated', access: 'sequential' })), keep, frames);
    let image: VipsImage;
    try {
      const orientation = header.getTypeof('orientation') ? header.getInt('orientation') : 1;
      const uprightWidth = orientation >= 5 ? header.height : header.width;
      const { crop } = request;
      if (crop) {
        // A part of the picture as the user sees it: cut from the upright image at full size,
        // then scaled (shrink-on-load would move the part's pixels).
        image = keep(keep(header.autorot()).extractArea(crop.left, crop.top, crop.width, crop.height));
        if (request.width < image.width) image = keep(image.resize(request.width / image.width, { kernel: 'lanczos3' }));
      } else {
        image =
          request.width < uprightWidth
            ? keep(vips.Image.thumbnailBuffer(input, request.width, { height: request.height, size: 'down', fail_on: 'truncated' }))
            : keep(header.autorot());
      }
      if (image.getTypeof('icc-profile-data')) image = keep(image.iccTransform('srgb'));
      else if (image.interpretation !== 'srgb' && image.interpretation !== 'b-w') image = keep(image.colourspace('srgb'));
      if (image.hasAlpha() && request.format === 'jpeg') {
        // Screenshots often carry an alpha band that is opaque everywhere: dropping it gives the
        // same pixels as flattening, at a third of the cost (one pass to find the minimum alpha).
        const opaque = image.format === 'uchar' && keep(image.extractBand(image.bands - 1)).min() === 255;
        image = keep(opaque ? image.extractBand(0, { n: image.bands - 1 }) : image.flatten({ background: [255, 255, 255] }));
      }
      if (image.format !== 'uchar') image = keep(image.cast('uchar'));
      image = keep(image.copyMemory()); // decode once; every attempt below reuses the pixels
    } catch (error) {
      throw named(DECODE_ERROR, vipsMessage(error));
    }
    const pixels = image;
    const resized = new Map<number, VipsImage>(); // lazy: a sample computes only its own rows
    const at = (scale: number) => {
      if (scale === 1) return pixels;
      if (!resized.has(scale)) resized.set(scale, keep(pixels.resize(scale, { kernel: 'lanczos3' })));
      return resized.get(scale)!;
    };
    const save = (image: VipsImage, quality: number) =>
      request.format === 'jpeg' ? image.jpegsaveBuffer({ Q: quality, keep: 0, optimize_coding: true }) : image.pngsaveBuffer({ compression: 6, keep: 0 });
    const encoder: Encoder = {
      encode(scale, quality) {
        const scaled = at(scale);
        // A copy out of the WebAssembly heap, of exactly its own length (it is transferred).
        return { bytes: save(scaled, quality).slice(), width: scaled.width, height: scaled.height };
      },
      encodeRows(scale, quality, rows) {
        const scaled = at(scale);
        const parts: VipsImage[] = [];
        try {
          for (const r of rows) parts.push(scaled.extractArea(0, Math.min(r.top, scaled.height - r.height), scaled.width, r.height));
          parts.push(vips.Image.arrayjoin(parts.slice(), { across: 1 }));
          return save(parts[parts.length - 1]!, quality).length;
        } finally {
          for (const part of parts) part.delete();
        }
      },
    };
    const fitted = await fitToLimit(
      { width: pixels.width, height: pixels.height, format: request.format, maxBytes: request.maxBytes, minShortSide: request.minShortSide },
      encoder,
    );
    return { bytes: fitted.bytes.buffer as ArrayBuffer, width: fitted.width, height: fitted.height, quality: fitted.quality, frames, attempts: fitted.attempts };
  } finally {
    for (const image of owned) image.delete();
  }
}


/**
 * The picture's pixels as 8-bit grey, exactly as stored (not turned by its EXIF orientation: these
 * are the pixels the engine reads, whose coordinates the boxes come back in), transparency on white.
 */
function grayPixels(header: VipsImage, keep: (image: VipsImage) => VipsImage, frames: number): PrepareResponse {
  let image = header;
  try {
    // 16-bit pictures go to 8 bits by their colour conversion, not by clipping in a cast.
    if (image.interpretation === 'rgb16' || image.interpretation === 'grey16') image = keep(image.colourspace('srgb'));
    if (image.hasAlpha()) image = keep(image.flatten({ background: [255, 255, 255] }));
    if (image.interpretation !== 'b-w' || image.bands !== 1) image = keep(image.colourspace('b-w'));
    if (image.bands > 1) image = keep(image.extractBand(0));
    if (image.format !== 'uchar') image = keep(image.cast('uchar'));
    const bytes = image.writeToMemory().slice();
    return { bytes: bytes.buffer, width: image.width, height: image.height, frames, attempts: [] };
  } catch (error) {
    throw named(DECODE_ERROR, vipsMessage(error));
  }
}
