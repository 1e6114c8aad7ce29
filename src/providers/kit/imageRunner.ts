import { createHash } from 'node:crypto';
import { MIME } from '../../images/formats';
import type { ImageSource } from '../../images/imageSource';
import type { ProviderLimits } from '../../images/limits';
import type { GrayPixels, PreparedImage, PrepareOptions } from '../../images/preparer';
import { polygonToOriginal, uprightSize, type Size } from '../../images/transform';
import type { AnalysisResult, FeatureId, Findings } from '../../shared/analysisResult';
import type { CancellationLike } from '../../shared/cancellation';
import { isCancellation, messageOf } from '../../shared/errors';
import type { ImageLoader, Outcome, RequestKind, SentImage } from '../types';

/** Fits an image to a request's limits (the image preparer); `options` say what happens to its metadata. */
export interface Fitter {
  prepare(source: ImageSource, limits: ProviderLimits, token?: CancellationLike, options?: PrepareOptions): Promise<PreparedImage>;
  /** The grey pixels of a prepared image's bytes as sent (the Local OCR's page preparation); absent in test doubles. */
  grayPixels?(bytes: Uint8Array, name: string, token?: CancellationLike): Promise<GrayPixels>;
}

/** One image on its way: what is kept of it (never its original bytes) until its requests are answered. */
interface Entry {
  image?: { uri: string; mime: string; upright: Size; sha256: string };
  found: Findings[];
  raw: Record<string, unknown>;
  prepareMs: number;
  requestMs: number;
  parseMs: number;
  failure?: Error;
}

interface Queued {
  entry: Entry;
  sent: SentImage;
}

/**
 * The per-image pipeline every built-in provider runs on: read → preflight and fit to each
 * request kind's limits → hash → pack into requests (the kind's own image count and byte limit)
 * → send → parse → map back to original pixels → assemble. Images are read and fitted one at a
 * time and a request goes as soon as it is full, so only fitted copies wait, never originals. A
 * failed image or request affects only its own outcomes; cancellation stops everything.
 */
export async function runImages(
  providerId: string,
  kinds: RequestKind[],
  loaders: ImageLoader[],
  features: FeatureId[],
  fitter: Fitter,
  token: CancellationLike,
): Promise<Outcome[]> {
  const entries: Entry[] = loaders.map(() => ({ found: [], raw: {}, prepareMs: 0, requestMs: 0, parseMs: 0 }));
  const queues: Queued[][] = kinds.map(() => []);
  const fail = (entry: Entry, error: unknown) => {
    if (isCancellation(error)) throw error;
    entry.failure ??= error instanceof Error ? error : new Error(messageOf(error));
  };

  const flush = async (k: number) => {
    const kind = kinds[k]!;
    const members = queues[k]!.splice(0).filter((q) => !q.entry.failure);
    if (members.length === 0) return;
    const started = performance.now();
    let answer: unknown;
    try {
      answer = await kind.send(members.map((m) => m.sent), members.length === 1 ? members[0]!.sent.name : undefined, token);
    } catch (error) {
      for (const member of members) fail(member.entry, error);
      return;
    }
    const share = (performance.now() - started) / members.length;
    members.forEach(({ entry, sent }, index) => {
      entry.requestMs += share;
      const parseStarted = performance.now();
      try {
        const { findings, raw } = kind.parse(answer, index, sent);
        entry.found.push(findings);
        entry.raw[kind.name] = raw;
      } catch (error) {
        fail(entry, error);
      }
      entry.parseMs += performance.now() - parseStarted;
    });
  };

  const bytesQueued = (k: number) => queues[k]!.reduce((n, q) => n + q.sent.prepared.bytes.byteLength, 0);

  for (const [i, load] of loaders.entries()) {
    const entry = entries[i]!;
    try {
      const source = await load();
      const upright = uprightSize(source, source.orientation);
      const sha256 = createHash('sha256').update(await source.read()).digest('hex');
      entry.image = { uri: source.uri, mime: MIME[source.format], upright, sha256 };
      for (const [k, kind] of kinds.entries()) {
        const prepared = await fitter.prepare(source, kind.limits, token);
        entry.prepareMs += prepared.prepareMs;
        const sent: SentImage = { name: source.name, prepared, upright, toOriginal: (p) => polygonToOriginal(prepared.transform, p) };
        const queue = queues[k]!;
        // Full by bytes: what is queued goes first, so that no request is over the kind's limit.
        if (queue.length > 0 && kind.maxBytes !== undefined && bytesQueued(k) + prepared.bytes.byteLength > kind.maxBytes) await flush(k);
        queue.push({ entry, sent });
        if (queue.length >= kind.maxImages) await flush(k);
      }
    } catch (error) {
      fail(entry, error);
    }
  }
  for (const k of kinds.keys()) await flush(k);

  return entries.map((entry) => entry.failure ?? assemble(providerId, features, kinds, entry));
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
