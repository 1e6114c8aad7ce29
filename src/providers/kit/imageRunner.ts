import { createHash } from 'node:crypto';
import { MIME } from '../../images/formats';
import type { ImageSource } from '../../images/imageSource';
import type { ProviderLimits } from '../../images/limits';
import type { GrayPixels, PreparedImage, PrepareOptions } from '../../images/preparer';
import { polygonToOriginal, uprightSize, type Size } from '../../images/transform';
import type { AnalysisResult, FeatureId, Findings } from '../../shared/analysisResult';
import type { CancellationLike } from '../../shared/cancellation';
import { CancelledError, isCancellation, messageOf } from '../../shared/errors';
import type { ImageLoader, Outcome, RequestKind, SentImage } from '../types';
import { MAX_RETRY_AFTER_MS, type Pace, type Slot, type Throttle } from './lane';
import { Scheduler } from './scheduler';

/** Fits an image to a request's limits (the image preparer); `options` say what happens to its metadata. */
export interface Fitter {
  prepare(source: ImageSource, limits: ProviderLimits, token?: CancellationLike, options?: PrepareOptions): Promise<PreparedImage>;
  /** The grey pixels of a prepared image's bytes as sent (the Local OCR's page preparation); absent in test doubles. */
  grayPixels?(bytes: Uint8Array, name: string, token?: CancellationLike): Promise<GrayPixels>;
}

/** One image on its way: what is kept of it (never its original bytes) until its requests are answered. */
interface Entry {
  index: number;
  image?: { uri: string; mime: string; upright: Size; sha256: string };
  found: Findings[];
  raw: Record<string, unknown>;
  prepareMs: number;
  requestMs: number;
  parseMs: number;
  failure?: Error;
  /** Requests of this image not answered yet; at 0 its outcome is known. */
  pending: number;
}

interface Queued {
  entry: Entry;
  sent: SentImage;
}

/** How a run is scheduled and reported. */
export interface RunOptions {
  /** The window's scheduler, shared by every analysis; absent: one of this run's own (tests, the bench). */
  scheduler?: Scheduler;
  /** Called once for each image as soon as its outcome is known (the progress of a batch). */
  onOutcome?: (index: number, outcome: Outcome) => void;
}

/** A kind of request without a pace of its own: one at a time, no quota. */
const ONE_AT_A_TIME: Pace = { requestsPerSecond: Infinity, concurrency: 1 };
/** A request that keeps being throttled is sent at most this many times before its images fail. */
export const MAX_THROTTLED_SENDS = 6;

/**
 * The per-image pipeline every built-in provider runs on: read → preflight and fit to each
 * request kind's limits → hash → pack into requests (the kind's own image count and byte limit)
 * → wait for the kind's lane (quota, concurrency, 429 back-off) → send → parse → map back to
 * original pixels → assemble. Images are read and fitted one at a time while earlier requests
 * are in flight; the reading pauses while enough full requests wait for their turn, so only a
 * bounded number of fitted copies wait, never originals. A failed image or request affects only
 * its own outcomes; a throttled request is sent again when the lane allows; cancellation stops
 * new requests at once, aborts those in flight and returns only when none is left.
 */
export async function runImages(
  providerId: string,
  kinds: RequestKind[],
  loaders: ImageLoader[],
  features: FeatureId[],
  fitter: Fitter,
  token: CancellationLike,
  options: RunOptions = {},
): Promise<Outcome[]> {
  const scheduler = options.scheduler ?? new Scheduler();
  const lanes = kinds.map((kind) => scheduler.lane(kind.pace?.lane ?? `${providerId}:${kind.name}`, kind.pace ?? ONE_AT_A_TIME));
  const entries: Entry[] = loaders.map((_, index) => ({ index, found: [], raw: {}, prepareMs: 0, requestMs: 0, parseMs: 0, pending: 0 }));
  const queues: Queued[][] = kinds.map(() => []);
  const fail = (entry: Entry, error: unknown) => {
    if (isCancellation(error)) throw error;
    entry.failure ??= error instanceof Error ? error : new Error(messageOf(error));
  };
  const report = (entry: Entry) => {
    try {
      options.onOutcome?.(entry.index, outcomeOf(providerId, features, kinds, entry));
    } catch {
      // Progress is a courtesy: a failing listener must not fail the images.
    }
  };
  const settle = (entry: Entry) => {
    if (--entry.pending === 0) report(entry);
  };

  // Full requests not yet started: the reading of more images waits while there are this many.
  let waiting = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const backlog = () => Math.max(2, ...lanes.map((lane) => lane.effective.concurrency));

  const send = async (k: number, members: Queued[]) => {
    const kind = kinds[k]!;
    const lane = lanes[k]!;
    let answer: unknown;
    try {
      for (let attempt = 1; ; attempt++) {
        waiting++;
        let slot: Slot;
        try {
          slot = await lane.acquire(token, attempt > 1);
        } finally {
          waiting--;
          notify();
        }
        const started = performance.now();
        try {
          answer = await kind.send(members.map((m) => m.sent), members.length === 1 ? members[0]!.sent.name : undefined, token);
          lane.succeeded();
          const share = (performance.now() - started) / members.length;
          for (const { entry } of members) entry.requestMs += share;
          break;
        } catch (error) {
          const throttle = throttleOf(error);
          if (!throttle || attempt >= MAX_THROTTLED_SENDS || token.isCancellationRequested) throw error;
          lane.throttled(throttle);
        } finally {
          slot.release();
        }
      }
    } catch (error) {
      for (const member of members) fail(member.entry, error);
      for (const member of members) settle(member.entry);
      return;
    }
    members.forEach(({ entry, sent }, index) => {
      const parseStarted = performance.now();
      try {
        const { findings, raw } = kind.parse(answer, index, sent);
        entry.found.push(findings);
        entry.raw[kind.name] = raw;
      } catch (error) {
        fail(entry, error);
      }
      entry.parseMs += performance.now() - parseStarted;
      settle(entry);
    });
  };

  const requests: Promise<void>[] = [];
  const flush = (k: number) => {
    const members = queues[k]!.splice(0);
    // An image that failed since it was queued (its fitting for another kind) is not sent.
    for (const m of members) if (m.entry.failure) settle(m.entry);
    const live = members.filter((m) => !m.entry.failure);
    if (live.length === 0) return;
    const request = send(k, live);
    request.catch(() => undefined); // awaited below; this only keeps a cancelled one from going unhandled meanwhile
    requests.push(request);
  };
  const bytesQueued = (k: number) => queues[k]!.reduce((n, q) => n + q.sent.prepared.bytes.byteLength, 0);

  let stop: { error: unknown } | undefined;
  try {
    for (const [i, load] of loaders.entries()) {
      const entry = entries[i]!;
      while (waiting >= backlog()) await new Promise<void>((resolve) => (wake = resolve));
      if (token.isCancellationRequested) throw new CancelledError();
      const sent: SentImage[] = [];
      try {
        const source = await load();
        const upright = uprightSize(source, source.orientation);
        const sha256 = createHash('sha256').update(await source.read()).digest('hex');
        entry.image = { uri: source.uri, mime: MIME[source.format], upright, sha256 };
        // Fitted for every kind first: an image one kind cannot take is sent by none.
        for (const kind of kinds) {
          const prepared = await fitter.prepare(source, kind.limits, token);
          entry.prepareMs += prepared.prepareMs;
          sent.push({ name: source.name, prepared, upright, toOriginal: (p) => polygonToOriginal(prepared.transform, p) });
        }
      } catch (error) {
        fail(entry, error);
        report(entry);
        continue;
      }
      entry.pending = kinds.length;
      for (const [k, kind] of kinds.entries()) {
        const queue = queues[k]!;
        const image = sent[k]!;
        // Full by bytes: what is queued goes first, so that no request is over the kind's limit.
        if (queue.length > 0 && kind.maxBytes !== undefined && bytesQueued(k) + image.prepared.bytes.byteLength > kind.maxBytes) flush(k);
        queue.push({ entry, sent: image });
        if (queue.length >= kind.maxImages) flush(k);
      }
    }
    for (const k of kinds.keys()) flush(k);
  } catch (error) {
    stop = { error };
  }
  // Whatever happened, nothing is left in flight when this returns.
  const settled = await Promise.allSettled(requests);
  if (stop) throw stop.error;
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;

  return entries.map((entry) => outcomeOf(providerId, features, kinds, entry));
}

/**
 * A 429 (the HTTP client has already waited out its own retries): the lane slows down and the
 * request goes again — unless the server asked to wait longer than anyone would (a daily quota).
 */
function throttleOf(error: unknown): Throttle | undefined {
  if (typeof error !== 'object' || error === null || (error as { status?: unknown }).status !== 429) return undefined;
  const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof retryAfterMs !== 'number') return {};
  return retryAfterMs <= MAX_RETRY_AFTER_MS ? { retryAfterMs } : undefined;
}

function outcomeOf(providerId: string, features: FeatureId[], kinds: RequestKind[], entry: Entry): Outcome {
  return entry.failure ?? assemble(providerId, features, kinds, entry);
}

/** One image's findings from every request kind: each kind of finding from the first answer that has it. */
function assemble(providerId: string, features: FeatureId[], kinds: RequestKind[], entry: Entry): AnalysisResult {
  const merged: Findings = { errors: entry.found.flatMap((f) => f.errors) };
  for (const f of entry.found) {
    merged.text ??= f.text;
    merged.faces ??= f.faces;
    merged.labels ??= f.labels;
    merged.copies ??= f.copies;
    merged.colors ??= f.colors;
  }
  const image = entry.image!;
  return {
    provider: providerId,
    features,
    image: { uri: image.uri, width: image.upright.width, height: image.upright.height, mime: image.mime, sha256: image.sha256 },
    ...(merged.text ? { text: merged.text } : {}),
    ...(merged.faces ? { faces: merged.faces } : {}),
    ...(merged.labels ? { labels: merged.labels } : {}),
    ...(merged.copies ? { copies: merged.copies } : {}),
    ...(merged.colors ? { colors: merged.colors } : {}),
    errors: merged.errors,
    // One kind of request: its answer as it came; several: each under its name.
    raw: kinds.length === 1 ? entry.raw[kinds[0]!.name] : entry.raw,
    timings: { prepareMs: entry.prepareMs, requestMs: entry.requestMs, parseMs: entry.parseMs },
  };
}
