import { createRequire } from 'node:module';
import path from 'node:path';
import { CancelledError, UserError } from '../shared/errors';
import type { IDisposable } from '../shared/disposable';
import type { Localize } from '../shared/localize';
import type { CancellationLike } from '../shared/cancellation';
import type { ImageSource } from './imageSource';
import { WorkerClient } from '../workers/workerClient';
import { FORMAT_NAME, MIME } from './formats';
import { MIN_SHORT_SIDE, type ProviderLimits } from './limits';
import { DECODABLE, planPreparation, type PreparationPlan, type ReencodeReason } from './plan';
import type { ImageProbe } from './probe';
import type { MetadataKind } from './metadataKinds';
import type * as ProbeBundle from './probe';
import { identityTransform, uprightSize, type ImageTransform } from './transform';
import { DECODE_ERROR, FIT_ERROR, type PrepareRequest, type PrepareResponse } from './worker/protocol';

/** An image ready to send to one provider, and how to map the provider's coordinates back. */
export interface PreparedImage {
  bytes: Uint8Array;
  mime: string;
  /** Sent-image pixels → upright original pixels. */
  transform: ImageTransform;
  /** Why it was re-encoded; empty when the file went as it is. */
  reencoded: ReencodeReason[];
  /** Things the user should know (e.g. only the first frame of an animation was used). */
  notes: string[];
  /** Encodes tried, for the log. */
  attempts: string[];
  /** The metadata taken out of a file sent as it is (kinds and bytes, never values), for the log. */
  metadataRemoved?: { kinds: MetadataKind[]; bytes: number };
  prepareMs: number;
}

/**
 * What happens to the metadata of a file sent as it is: `strip` for anything leaving the computer
 * (the default, so that a new caller cannot forget it), `keep` for the offline provider and for
 * users who set imageInsight.keepMetadata. A re-encoded image never carries metadata (the worker
 * saves with `keep: 0`).
 */
type ReencodePlan = Extract<PreparationPlan, { kind: 'reencode' }>;

export interface PrepareOptions {
  metadata?: 'strip' | 'keep';
  /**
   * Only this rectangle of the upright image (original pixels, clipped to the image), re-encoded
   * and fitted to the limits: a face to enroll. Nothing of the file but those pixels goes out.
   */
  crop?: { left: number; top: number; width: number; height: number };
}

/**
 * Fits images to providers' limits (issue: image preparation). The decision comes from the header
 * (`planPreparation`); decoding and encoding run in the image worker, which starts on first use
 * and ends when idle.
 */
export class ImagePreparer implements IDisposable {
  private readonly worker: WorkerClient<PrepareRequest, PrepareResponse>;
  /** dist/probe.js, beside the worker script: the header parsers and the metadata strippers. */
  private readonly probeBundle: string;
  private strip: typeof ProbeBundle.stripMetadata | undefined;

  constructor(
    workerScript: string,
    private readonly t: Localize,
    idleMs = 60_000,
  ) {
    this.worker = new WorkerClient(workerScript, { idleMs, name: 'Image Insight image worker' });
    this.probeBundle = path.join(path.dirname(workerScript), 'probe.js');
  }

  /**
   * The strippers (~8 KB) ship in dist/probe.js, which every analysis has loaded already to read the
   * header, so activation does not parse them; `createRequire` keeps esbuild from following the
   * path into the main bundle, and Node's module cache makes this the same instance.
   */
  private stripper(): typeof ProbeBundle.stripMetadata {
    return (this.strip ??= (createRequire(this.probeBundle)(this.probeBundle) as typeof ProbeBundle).stripMetadata);
  }

  async prepare(source: ImageSource, limits: ProviderLimits, token?: CancellationLike, options: PrepareOptions = {}): Promise<PreparedImage> {
    const started = performance.now();
    const t = this.t;
    const probe: ImageProbe = source; // an ImageSource carries its probe
    const plan = planPreparation(probe, source.size, source.name, limits, t);
    if (plan.kind === 'refuse') throw new UserError(plan.message, source.name);
    const bytes = await source.read();
    if (options.crop) return this.reencode(source, bytes, cropPlan(probe, options.crop, limits), limits, started, token, options.crop);
    if (plan.kind === 'reencode') return this.reencode(source, bytes, plan, limits, started, token);
    const asIs = {
      mime: MIME[probe.format],
      transform: identityTransform({ width: probe.width, height: probe.height }, probe.orientation),
      reencoded: [],
      notes: [],
      attempts: [],
    };
    const stripped = options.metadata === 'keep' ? undefined : this.stripper()(bytes, probe.format);
    if (!stripped || stripped.kind === 'notHandled') return { ...asIs, bytes, prepareMs: performance.now() - started };
    if (stripped.kind === 'unparsable') return this.withoutMetadata(source, bytes, limits, started, token);
    return {
      ...asIs,
      bytes: stripped.bytes,
      notes: stripped.frames ? [t('"{0}" has {1} frames; only the first one was analyzed.', source.name, stripped.frames)] : [],
      ...(stripped.removed.length > 0 ? { metadataRemoved: { kinds: stripped.removed, bytes: stripped.removedBytes } } : {}),
      prepareMs: performance.now() - started,
    };
  }

  /**
   * A file whose structure the stripper cannot follow is never sent as it is: decoded and saved
   * again without metadata (losslessly as PNG unless it was a JPEG, which stays JPEG), at its own
   * size. What cannot be decoded either is refused, naming the file and the way out.
   */
  private withoutMetadata(source: ImageSource, bytes: Uint8Array, limits: ProviderLimits, started: number, token?: CancellationLike): Promise<PreparedImage> {
    const t = this.t;
    if (!DECODABLE.includes(source.format)) {
      throw new UserError(
        t('Image Insight cannot remove the metadata of "{0}" ({1}), so it was not sent. Save it as PNG or JPEG, or turn on imageInsight.keepMetadata to send files as they are.', source.name, FORMAT_NAME[source.format]),
        source.name,
      );
    }
    const preferred = source.format === 'jpeg' ? 'jpeg' : 'png';
    const format = limits.accepts.includes(preferred) ? preferred : limits.encodeAs;
    const plan: ReencodePlan = { kind: 'reencode', format, size: { width: source.width, height: source.height }, reasons: ['metadata'] };
    return this.reencode(source, bytes, plan, limits, started, token);
  }

  private async reencode(
    source: ImageSource,
    bytes: Uint8Array,
    plan: ReencodePlan,
    limits: ProviderLimits,
    started: number,
    token?: CancellationLike,
    crop?: PrepareOptions['crop'],
  ): Promise<PreparedImage> {
    const t = this.t;
    const probe: ImageProbe = source;
    // The worker gets its own exact copy: `bytes` may be the file the caller still holds, or a Node
    // Buffer sharing a pooled ArrayBuffer that must never be transferred (Buffer#slice is a view).
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    let response: PrepareResponse;
    try {
      response = await this.worker.run(
        { bytes: copy, width: plan.size.width, height: plan.size.height, format: plan.format, maxBytes: limits.maxBytes, minShortSide: crop ? Math.min(MIN_SHORT_SIDE, plan.size.width, plan.size.height) : MIN_SHORT_SIDE, ...(crop ? { crop: clipCrop(probe, crop) } : {}) },
        [copy],
        token,
      );
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const e = error instanceof Error ? error : new Error(String(error));
      if (e.name === DECODE_ERROR) {
        throw new UserError(t('"{0}" is a damaged or unsupported {1} file: {2}', source.name, FORMAT_NAME[probe.format], e.message), source.name);
      }
      if (e.name === FIT_ERROR) {
        throw new UserError(
          t(
            '"{0}" cannot fit {1}\'s limit of {2} MB without shrinking it below {3} pixels on its short side, where text stops being legible.',
            source.name,
            limits.name,
            (limits.maxBytes / 1e6).toFixed(1),
            MIN_SHORT_SIDE,
          ),
          source.name,
        );
      }
      throw new UserError(t('Could not prepare "{0}" for {1}: {2}', source.name, limits.name, e.message), source.name);
    }
    const notes = response.frames > 1 ? [t('"{0}" has {1} frames; only the first one was analyzed.', source.name, response.frames)] : [];
    return {
      bytes: new Uint8Array(response.bytes),
      mime: MIME[plan.format],
      transform: {
        orientation: probe.orientation,
        stored: { width: probe.width, height: probe.height },
        sent: { width: response.width, height: response.height },
        sentAs: 'upright',
      },
      reencoded: plan.reasons,
      notes,
      attempts: response.attempts,
      prepareMs: performance.now() - started,
    };
  }

  /**
   * The grey pixels of an image file's bytes exactly as stored (not turned upright: the prepared
   * image's own coordinates), for the Local OCR's page preparation. Decoded in the image worker.
   */
  async grayPixels(bytes: Uint8Array, name: string, token?: CancellationLike): Promise<GrayPixels> {
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    try {
      const response = await this.worker.run({ bytes: copy, width: 0, height: 0, format: 'gray', maxBytes: 0, minShortSide: 0 }, [copy], token);
      return { width: response.width, height: response.height, data: new Uint8Array(response.bytes) };
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      throw new UserError(this.t('Could not prepare "{0}" for {1}: {2}', name, 'Local OCR', error instanceof Error ? error.message : String(error)), name);
    }
  }

  dispose(): void {
    this.worker.dispose();
  }
}

/** 8-bit grey pixels, row by row (`width × height` bytes). */
export interface GrayPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A crop rectangle inside the upright image, in whole pixels, at least 1×1. */
function clipCrop(probe: ImageProbe, crop: NonNullable<PrepareOptions['crop']>): NonNullable<PrepareOptions['crop']> {
  const upright = uprightSize(probe, probe.orientation);
  const left = Math.max(0, Math.min(upright.width - 1, Math.floor(crop.left)));
  const top = Math.max(0, Math.min(upright.height - 1, Math.floor(crop.top)));
  const width = Math.max(1, Math.min(upright.width - left, Math.ceil(crop.width)));
  const height = Math.max(1, Math.min(upright.height - top, Math.ceil(crop.height)));
  return { left, top, width, height };
}

/** The crop, scaled down (never up) to fit the limits' sides and pixels, in the provider's preferred format. */
function cropPlan(probe: ImageProbe, crop: NonNullable<PrepareOptions['crop']>, limits: ProviderLimits): ReencodePlan {
  const { width, height } = clipCrop(probe, crop);
  const scale = Math.min(1, Math.sqrt(limits.maxPixels / (width * height)), limits.maxWidth ? limits.maxWidth / width : 1, limits.maxHeight ? limits.maxHeight / height : 1);
  return { kind: 'reencode', format: limits.encodeAs, size: { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) }, reasons: ['crop'] };
}
