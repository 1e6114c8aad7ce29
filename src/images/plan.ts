import type { Localize } from '../shared/localize';
import { FORMAT_NAME, type ImageFormat } from './formats';
import type { ProviderLimits } from './limits';
import type { ImageProbe } from './probe';
import { uprightSize, type Size } from './transform';

/** Formats our codecs decode (and so can re-encode for a provider that does not take them). */
export const DECODABLE: readonly ImageFormat[] = ['jpeg', 'png', 'gif', 'webp', 'tiff']; // BMP: wasm-vips has no loader; Google takes BMP as it is

/** Why an image is re-encoded; shown in the log and the result's timings note. */
/** `metadata`: a file sent as it is would carry metadata the stripper could not take out. */
export type ReencodeReason = 'format' | 'orientation' | 'pixels' | 'dimensions' | 'bytes' | 'metadata' | 'crop';

export type PreparationPlan =
  /** The file goes out as it is. */
  | { kind: 'send' }
  /** Decode, turn upright, scale to `size`, encode as `format`; then fit `maxBytes` by quality and scale. */
  | { kind: 'reencode'; format: 'jpeg' | 'png'; size: Size; reasons: ReencodeReason[] }
  /** The provider cannot take this image; `message` says why, naming the file. */
  | { kind: 'refuse'; message: string };

/**
 * Decides, from the header alone, what a provider needs done to an image: nothing, a re-encode
 * (and to which size), or a refusal. Pure: the decoding and encoding happen elsewhere.
 */
export function planPreparation(probe: ImageProbe, fileBytes: number, name: string, limits: ProviderLimits, t: Localize): PreparationPlan {
  const accepted = limits.accepts.includes(probe.format);
  if (!accepted && !DECODABLE.includes(probe.format)) {
    return { kind: 'refuse', message: t('{0} does not accept {1} images, and Image Insight cannot convert "{2}". Save it as PNG or JPEG first.', limits.name, FORMAT_NAME[probe.format], name) };
  }
  if (probe.format === 'pdf') {
    return fileBytes <= limits.maxBytes
      ? { kind: 'send' }
      : { kind: 'refuse', message: t('"{0}" is {1} MB; {2} takes PDF files up to {3} MB.', name, mb(fileBytes), limits.name, mb(limits.maxBytes)) };
  }
  const upright = uprightSize(probe, probe.orientation);
  if (upright.width < limits.minWidth || upright.height < limits.minHeight) {
    return {
      kind: 'refuse',
      message: t('"{0}" is {1}×{2} pixels; {3} needs at least {4}×{5}.', name, upright.width, upright.height, limits.name, limits.minWidth, limits.minHeight),
    };
  }
  const reasons: ReencodeReason[] = [];
  if (!accepted || probe.cmyk) reasons.push('format');
  if (probe.orientation !== 1) reasons.push('orientation');
  const scale = Math.min(
    1,
    Math.sqrt(limits.maxPixels / (upright.width * upright.height)),
    limits.maxWidth ? limits.maxWidth / upright.width : 1,
    limits.maxHeight ? limits.maxHeight / upright.height : 1,
  );
  if (upright.width * upright.height > limits.maxPixels) reasons.push('pixels');
  if ((limits.maxWidth && upright.width > limits.maxWidth) || (limits.maxHeight && upright.height > limits.maxHeight)) reasons.push('dimensions');
  if (fileBytes > limits.maxBytes) reasons.push('bytes');
  if (reasons.length === 0) return { kind: 'send' };
  const size = {
    width: Math.max(1, Math.floor(upright.width * scale)),
    height: Math.max(1, Math.floor(upright.height * scale)),
  };
  // Turned upright only: keep the file's own format; anything else gets the provider's preference.
  const format = reasons.every((r) => r === 'orientation') ? keepFormat(probe.format, limits.encodeAs) : limits.encodeAs;
  return { kind: 'reencode', format, size, reasons };
}

/** A PNG turned upright stays PNG (lossless text edges); anything else goes as the provider's preference. */
function keepFormat(format: ImageFormat, preferred: 'jpeg' | 'png'): 'jpeg' | 'png' {
  return format === 'png' ? 'png' : format === 'jpeg' ? 'jpeg' : preferred;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
