/** Messages between the extension host and the image worker (dist/imageWorker.js). */

export interface PrepareRequest {
  /** The file's bytes (transferred). */
  bytes: ArrayBuffer;
  /** Upright size to produce (shrink-on-load when smaller than the image). */
  width: number;
  height: number;
  /** `gray`: 8-bit grey pixels as they are, not encoded (the Local OCR's page preparation reads them). */
  format: 'jpeg' | 'png' | 'gray';
  /** The provider's byte limit for one image. */
  maxBytes: number;
  /** Never scale the short side below this to meet maxBytes; fail instead. */
  minShortSide: number;
  /** Only this part of the upright image (a face to enroll), before scaling to `width`×`height`. */
  crop?: { left: number; top: number; width: number; height: number };
}

export interface PrepareResponse {
  /** The encoded image, or for `gray` its `width × height` grey bytes (transferred). */
  bytes: ArrayBuffer;
  width: number;
  height: number;
  /** JPEG quality used, when JPEG. */
  quality?: number;
  /** Frames in the file (an animated GIF or a multi-page TIFF has more than one; the first is used). */
  frames: number;
  /** Every encode tried, e.g. `3000x4000@q85=4490664`, for the log. */
  attempts: string[];
}

/** Error names the host turns into localized messages naming the file. */
export const DECODE_ERROR = 'ImageDecodeError';
export const FIT_ERROR = 'ImageFitError';
