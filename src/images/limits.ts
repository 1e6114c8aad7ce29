import type { ImageFormat } from './formats';

/**
 * What each provider accepts (../shared/api/PROVIDERS.md). One table per provider; values that
 * providers have changed over time are overridable by settings (see `withOverrides`).
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

const MB = 1000 * 1000;
const MiB = 1024 * 1024;

export type LimitsId = 'yandexVision' | 'yandexOcr' | 'google' | 'smarty' | 'local';

export const PROVIDER_LIMITS: Record<LimitsId, ProviderLimits> = {
  /** Yandex Vision batchAnalyze: JPEG/PNG (PDF), ≤ 1 MB, ≤ 20 MP [C]. */
  yandexVision: { name: 'Yandex Vision', accepts: ['jpeg', 'png'], encodeAs: 'jpeg', maxBytes: 1 * MB, maxPixels: 20_000_000, minWidth: 1, minHeight: 1 },
  /** Yandex OCR recognizeText: JPEG/PNG/PDF, ≤ 10 MB [I], ≤ 20 MP [C]. */
  yandexOcr: { name: 'Yandex Vision OCR', accepts: ['jpeg', 'png', 'pdf'], encodeAs: 'jpeg', maxBytes: 10 * MB, maxPixels: 20_000_000, minWidth: 1, minHeight: 1 },
  /**
   * Google images:annotate: ≤ 20 MB per image, ≤ 10 MB per JSON body, and base64 adds a third:
   * one image fits a body when it is ≤ 7.3 MB. ≤ 75 MP.
   */
  google: {
    name: 'Google Cloud Vision',
    accepts: ['jpeg', 'png', 'gif', 'webp', 'bmp', 'tiff', 'pdf'],
    encodeAs: 'jpeg',
    maxBytes: Math.floor(((10 * MB - 4096) * 3) / 4),
    maxPixels: 75_000_000,
    minWidth: 1,
    minHeight: 1,
  },
  /** VK Cloud Smarty: JPEG/PNG/TIFF, ≤ 15 MB each since 2023 (4 MB before), 5×5 .. 3840×2160. */
  smarty: { name: 'VK Cloud Smarty', accepts: ['jpeg', 'png', 'tiff'], encodeAs: 'jpeg', maxBytes: 15 * MiB, maxPixels: 3840 * 2160, maxWidth: 3840, maxHeight: 2160, minWidth: 5, minHeight: 5 },
  /** The local OCR engine: PNG keeps text edges exact; beyond ~25 MP it only gets slower. */
  local: { name: 'Local OCR', accepts: ['png', 'jpeg'], encodeAs: 'png', maxBytes: 200 * MiB, maxPixels: 25_000_000, minWidth: 3, minHeight: 3 },
};

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
