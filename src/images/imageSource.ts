import type { ImageFormat } from './formats';
import type { Orientation } from './transform';

/** An image the user chose: read, and probed from its header (not decoded). */
export interface ImageSource {
  /** `Uri.toString()` of the file. */
  uri: string;
  /** The file's base name, for messages. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** The format from the file's magic bytes. */
  format: ImageFormat;
  /** Pixel size as stored, before the EXIF orientation (0 for PDF). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: Orientation;
  /** A four-component (CMYK) JPEG. */
  cmyk?: boolean;
  /** The file's bytes. */
  read(): Promise<Uint8Array>;
}
