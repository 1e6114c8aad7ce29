import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The part of wasm-vips (libvips compiled to WebAssembly) this worker uses. Typed here rather than
 * through the package's global declaration file, so the build stays independent of it.
 */
export interface VipsImage {
  readonly width: number;
  readonly height: number;
  readonly interpretation: string;
  readonly format: string;
  readonly bands: number;
  getTypeof(name: string): number;
  getInt(name: string): number;
  /** Pixel values at a point (the tests read colours with it). */
  getpoint(x: number, y: number): number[];
  hasAlpha(): boolean;
  /** Appends bands, or constant bands (the tests make an opaque alpha band with it). */
  bandjoin(bands: number[] | VipsImage[]): VipsImage;
  autorot(): VipsImage;
  iccTransform(profile: string): VipsImage;
  colourspace(space: string): VipsImage;
  flatten(options: { background: number[] }): VipsImage;
  cast(format: string): VipsImage;
  copyMemory(): VipsImage;
  resize(scale: number, options: { kernel: string; vscale?: number }): VipsImage;
  extractArea(left: number, top: number, width: number, height: number): VipsImage;
  extractBand(band: number, options?: { n: number }): VipsImage;
  min(): number;
  jpegsaveBuffer(options: { Q: number; keep: number; optimize_coding?: boolean }): Uint8Array;
  pngsaveBuffer(options: { compression: number; keep: number }): Uint8Array;
  /** The pixels, uncompressed, band-interleaved (a view into WebAssembly memory until copied). */
  writeToMemory(): Uint8Array;
  delete(): void;
}

export interface Vips {
  Image: {
    newFromBuffer(data: Uint8Array, strOptions?: string, options?: { fail_on?: string; access?: 'random' | 'sequential' }): VipsImage;
    thumbnailBuffer(data: Uint8Array, width: number, options: { height: number; size: string; fail_on?: string }): VipsImage;
    arrayjoin(images: VipsImage[], options: { across: number }): VipsImage;
  };
  Cache: { max(n: number): void };
  concurrency(n?: number): number;
}

let loading: Promise<Vips> | undefined;

/**
 * Loads wasm-vips from dist/vendor/wasm-vips (copied there by the build). It must stay a file of
 * its own, loaded by path: Emscripten's threads re-load the very script that started them, so a
 * bundled copy would make each thread load the whole extension.
 */
export function loadVips(dir = path.join(__dirname, 'vendor', 'wasm-vips')): Promise<Vips> {
  loading ??= (async () => {
    // createRequire keeps esbuild from trying to bundle it.
    const factory = createRequire(__filename)(path.join(dir, 'vips-node.js')) as (options: object) => Promise<Vips>;
    const vips = await factory({
      dynamicLibraries: [], // HEIF, JPEG XL and SVG side modules are not shipped
      locateFile: (file: string) => path.join(dir, file),
      print: () => undefined,
      printErr: () => undefined,
    });
    vips.Cache.max(0); // every image is seen once; a cache only holds memory
    vips.concurrency(2); // measured as fast as more on two cores, with less memory
    return vips;
  })();
  return loading;
}

/** wasm-vips throws WebAssembly.Exception objects whose `message` is `[type, text]`. */
export function vipsMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = Array.isArray(message) ? String(message[1] ?? message[0]) : typeof message === 'string' ? message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
