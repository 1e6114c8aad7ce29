import { fitToLimit, PREVIEW_SCALE, type Encoded } from './fitLadder';
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
    const pixels = image;
    let preview: VipsImage | undefined;
    const encodeAt = (scale: number, quality: number): Encoded => {
      const scaled =
        scale === 1 ? pixels : scale === PREVIEW_SCALE ? (preview ??= keep(pixels.resize(scale, { kernel: 'linear' }))) : keep(pixels.resize(scale, { kernel: 'lanczos3' }));
      const bytes =
        request.format === 'jpeg'
          ? scaled.jpegsaveBuffer({ Q: quality, keep: 0, optimize_coding: true })
          : scaled.pngsaveBuffer({ compression: 6, keep: 0 });
      // A copy out of the WebAssembly heap, of exactly its own length (it is transferred).
      return { bytes: bytes.slice(), width: scaled.width, height: scaled.height };
    };
    const fitted = await fitToLimit(
      { width: pixels.width, height: pixels.height, format: request.format, maxBytes: request.maxBytes, minShortSide: request.minShortSide },
      encodeAt,
    );
    return { bytes: fitted.bytes.buffer as ArrayBuffer, width: fitted.width, height: fitted.height, quality: fitted.quality, frames, attempts: fitted.attempts };
  } finally {
    for (const image of owned) image.delete();
  }
}

