import { gunzipSync } from 'node:zlib';

/**
 * The most a language file may unpack to: ≈ 200 MB. The largest tessdata_best_int model unpacks
 * to far less, while a "gzip bomb" — a few hundred kilobytes that inflate to gigabytes — would
 * otherwise exhaust memory in the OCR worker or spin the download check for minutes. Applied both
 * when a download is checked (traineddata.ts) and when the worker unpacks a file for tesseract.
 */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

/** The reason a file is refused for unpacking past the cap (English: the worker has no l10n). */
export function inflatedTooLarge(maxBytes: number): string {
  return `it unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB, more than any language needs: not language data`;
}

/** gunzip with a bound on the output: past `maxBytes` it stops and throws a plain error. */
export function boundedGunzip(data: Uint8Array, maxBytes = MAX_INFLATED_BYTES): Buffer {
  try {
    return gunzipSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(inflatedTooLarge(maxBytes), { cause: error });
    throw error;
  }
}
