import { MB, withOverrides, type ProviderLimits } from '../../images/limits';
import { smartyDescriptor } from './descriptor';

/**
 * How much one Smarty request may carry (PROVIDERS.md §3): at most 100 images and 30 MB. The
 * analysis requests (recognize, text, objects, adult) go through the shared runner, which packs
 * by a RequestKind's `maxImages` and `maxBytes`; set and delete, which are not analyses, are cut
 * with `splitRequests` by the same numbers.
 */

export const MAX_IMAGES_PER_REQUEST = 100;
/** The documented request limit (decimal MB: the smaller reading of "30 MB"). */
export const MAX_REQUEST_BYTES = 30 * MB;
/**
 * The image bytes one request may hold: the limit less what multipart adds (a boundary and two
 * header lines per part, about 150 bytes, times 100, and the `meta` JSON), with room to spare.
 */
export const MAX_IMAGE_BYTES_PER_REQUEST = MAX_REQUEST_BYTES - 64 * 1024;

/** The per-image limits with `imageInsight.smarty.maxImageMB` applied (it was 4 MB before 2023, 15 MB since). */
export function smartyImageLimits(maxImageMB: number): ProviderLimits {
  return withOverrides(smartyDescriptor.limits.persons!, { maxBytes: Math.floor(maxImageMB * MB) });
}

/**
 * Items in request-sized groups, in their order: a group closes before it would pass
 * `maxImages` items or `maxBytes` bytes. An item larger than `maxBytes` on its own still goes,
 * alone (the per-image limit, checked when it was fitted, is far below the request limit).
 */
export function splitRequests<T>(items: readonly T[], sizeOf: (item: T) => number, limits = { maxImages: MAX_IMAGES_PER_REQUEST, maxBytes: MAX_IMAGE_BYTES_PER_REQUEST }): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= limits.maxImages || bytes + size > limits.maxBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
