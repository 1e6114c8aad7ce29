import type { ImageFormat } from './formats';

/**
 * What a provider's API accepts (../shared/api/PROVIDERS.md). Each provider's descriptor holds
 * its tables; values that providers have changed over time are overridable by settings (see
 * `withOverrides`).
 */
export interface ProviderLimits {
  /** Shown in messages. */
  name: string;
  /** Formats sent as they are; anything else decodable is re-encoded to `encodeAs`. */
  accepts: readonly ImageFormat[];
  /** What to re-encode to: JPEG for photos (smaller), PNG when exact pixels matter. */
  encodeAs: 'jpeg' | 'png';
  /** Largest file the provider takes, in bytes (after base64 decoding). */
  maxBytes: number;
  /** Largest number of pixels (width × height). */
  maxPixels: number;
  /** Largest side lengths, when the provider has them. */
  maxWidth?: number;
  maxHeight?: number;
  /** Smallest side lengths the provider takes. */
  minWidth: number;
  minHeight: number;
}

/** Decimal and binary megabytes: providers document their limits in one or the other. */
export const MB = 1000 * 1000;
export const MiB = 1024 * 1024;

/** A provider's table with the user's overrides (e.g. `imageInsight.smarty.maxImageMB`). */
export function withOverrides(limits: ProviderLimits, overrides: { maxBytes?: number }): ProviderLimits {
  return overrides.maxBytes && overrides.maxBytes > 0 ? { ...limits, maxBytes: overrides.maxBytes } : limits;
}

/**
 * The smallest short side (in pixels) a downscale may produce: below it, text stops being
 * legible to any engine. When fitting a limit would need less, preparation refuses and says so.
 */
export const MIN_SHORT_SIDE = 480;

/**
 * Dimensions beyond which a file is refused before decoding (a decompression bomb: a small PNG
 * can declare 60000×60000 pixels, 14 GB of RGBA). 200 MP covers every phone and most scanners.
 */
export const MAX_DECODE_PIXELS = 200_000_000;
