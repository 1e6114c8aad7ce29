import assert from 'node:assert/strict';
import type { ImageSource } from '../../src/images/imageSource';
import type { ProviderLimits } from '../../src/images/limits';
import type { PreparedImage } from '../../src/images/preparer';
import { MAX_THROTTLED_SENDS, runImages, type Fitter } from '../../src/providers/kit/imageRunner';
import { Lane, type Slot } from '../../src/providers/kit/lane';
import { Scheduler } from '../../src/providers/kit/scheduler';
import type { ImageLoader, Outcome, RequestKind, RequestPace, SentImage } from '../../src/providers/types';
import { CancelledError, UserError } from '../../src/shared/errors';
import { tokenSource } from './cancellation';
import { drain, FakeClock, idealScheduleMs } from './fakeClock';

const LIMITS: ProviderLimits = { name: 'Test', accepts: ['jpeg', 'png'], encodeAs: 'jpeg', maxBytes: 1e7, maxPixels: 1e8, minWidth: 1, minHeight: 1 };

function image(name: string, bytes = 1000): ImageLoader {
  const data = new Uint8Array(bytes).fill(7);
  const source: ImageSource = { uri: `file:///${name}`, name, size: bytes, format: 'jpeg', width: 10, height: 10, orientation: 1, read: () => Promise.resolve(data) };
  return () => Promise.resolve(source);
}

const images = (n: number, prefix = 'img') => Array.from({ length: n }, (_, i) => image(`${prefix}${i}`));

/** Keeps the bytes as they are; refuses names with "bad". */
const fitter: Fitter = {
  async prepare(source) {
    if (source.name.includes('bad')) throw new UserError(`"${source.name}" is not an image`, source.name);
    const bytes = await source.read();
    const size = { width: source.width, height: source.height };
    return { bytes, mime: 'image/jpeg', transform: { orientation: 1, stored: size, sent: size, sentAs: 'upright' }, reencoded: [], notes: [], attempts: [], prepareMs: 0 } satisfies PreparedImage;
  },
};

interface Sent {
  names: string[];
  start: number;
  end?: number;
  aborted?: boolean;
}

/**
 * A provider's request kind whose answers take `latencyMs` of fake time; `answer` may throw
 * instead (a 429, a 503). It records every request with its start and end.
 */
function slowKind(clock: FakeClock, options: { maxImages: number; maxBytes?: number; latencyMs?: number; pace?: RequestPace; answer?: (names: string[]) => Error | undefined }) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const kind: RequestKind<string[]> = {
    name: 'annotate',
    limits: LIMITS,
    maxImages: options.maxImages,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.pace ? { pace: options.pace } : {}),
    send: (batch: SentImage[], _file, token) => {
      const record: Sent = { names: batch.map((i) => i.name), start: clock.now() };
      sent.push(record);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<string[]>((resolve, reject) => {
        const done = () => {
          inFlight--;
          record.end = clock.now();
        };
        const timer = clock.setTimer(options.latencyMs ?? 300, () => {
          subscription.dispose();
          done();
          const error = options.answer?.(record.names);
          if (error) reject(error);
          else resolve(record.names);
        });
        // An aborted request ends at once, as node-fetch's does.
        const subscription = token.onCancellationRequested(() => {
          timer.dispose();
          done();
          record.aborted = true;
          reject(new CancelledError());
        });
      });
    },
    parse: (answer, index) => ({ findings: { labels: [{ name: answer[index]!, score: 1, group: 'label' }], errors: [] }, raw: answer[index] }),
  };
  return { kind: kind as RequestKind, sent, maxInFlight: () => maxInFlight, inFlight: () => inFlight };
}

/** A 429 as the HTTP client throws it after its own retries. */
function throttled(retryAfterMs?: number): Error {
  return Object.assign(new Error('HTTP 429: rate limit exceeded'), { status: 429, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

const labelOf = (o: Outcome | undefined) => (o instanceof Error || !o ? `error: ${o?.message}` : o.labels?.[0]?.name);

describe('the scheduler', () => {
  describe('a lane', () => {
    it('gives turns first come, first served, and no more than its concurrency at once', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: Infinity, concurrency: 2 }, clock);
      const order: number[] = [];
      const slots: Slot[] = [];
      for (let i = 0; i < 5; i++) void lane.acquire().then((slot) => (order.push(i), slots.push(slot)));
      await drain();
      assert.deepEqual(order, [0, 1]);
      assert.equal(lane.queued, 3);
      slots[0]!.release();
      slots[0]!.release(); // twice: harmless
      await drain();
      assert.deepEqual(order, [0, 1, 2]);
      assert.equal(lane.active, 2);
    });

    it('spaces the starts evenly by its quota instead of bursting', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: 10, concurrency: 100 }, clock);
      const starts: number[] = [];
      for (let i = 0; i < 4; i++) void lane.acquire().then(() => starts.push(clock.now()));
      await clock.advance(1000);
      assert.deepEqual(starts, [0, 105, 210, 315], '100 ms and 5 % headroom');
    });

    it('a cancelled wait leaves the queue at once, and the next in line moves up', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: Infinity, concurrency: 1 }, clock);
      const first = await lane.acquire();
      const token = tokenSource();
      const cancelled = lane.acquire(token);
      const third = lane.acquire();
      token.cancel();
      await assert.rejects(cancelled, CancelledError);
      assert.equal(lane.queued, 1);
      first.release();
      await third;
      await assert.rejects(lane.acquire(token), CancelledError, 'an already cancelled token gets no turn');
    });

    it('a 429 pauses new starts for the Retry-After, halves the pace, and successes bring it back', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: 10, concurrency: 4 }, clock);
      lane.throttled({ retryAfterMs: 2000 });
      assert.deepEqual(lane.effective, { requestsPerSecond: 5, concurrency: 2 });
      const starts: number[] = [];
      for (let i = 0; i < 2; i++) void lane.acquire().then(() => starts.push(clock.now()));
      await clock.advance(3000);
      assert.deepEqual(starts, [2000, 2210], 'after the pause, at the halved pace');
      for (let i = 0; i < 4; i++) lane.succeeded();
      assert.deepEqual(lane.effective, { requestsPerSecond: 10, concurrency: 4 });
    });

    it('a throttled lane goes no slower than a quarter of its pace, and quiet time brings it back', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: 8, concurrency: 4 }, clock);
      for (let i = 0; i < 5; i++) lane.throttled({ retryAfterMs: 0 });
      assert.deepEqual(lane.effective, { requestsPerSecond: 2, concurrency: 1 });
      await clock.advance(10_000);
      assert.deepEqual(lane.effective, { requestsPerSecond: 4, concurrency: 2 });
      await clock.advance(10_000);
      assert.deepEqual(lane.effective, { requestsPerSecond: 8, concurrency: 4 });
    });

    it('without a Retry-After the pause doubles with each 429 in a row', async () => {
      const clock = new FakeClock();
      const lane = new Lane('t', { requestsPerSecond: Infinity, concurrency: 1 }, clock);
      lane.throttled({});
      lane.throttled({});
      let started = -1;
      void lane.acquire().then(() => (started = clock.now()));
      await clock.advance(1999);
      assert.equal(started, -1);
      await clock.advance(1);
      assert.equal(started, 2000);
    });
  });

  describe('the runner on it', () => {
    it('packs Google-like requests and keeps the quota and concurrency: 200 images take the ideal schedule', async () => {
      const clock = new FakeClock();
      const pace = { lane: 'google:annotate', requestsPerSecond: 30, concurrency: 4 };
      const google = slowKind(clock, { maxImages: 16, maxBytes: 7_000_000, latencyMs: 300, pace });
      const run = runImages('google', [google.kind], images(200), ['labels'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      const took = await clock.runUntil(run);
      const outcomes = await run;
      assert.equal(google.sent.length, 13);
      assert.ok(google.sent.every((r, i) => r.names.length === (i < 12 ? 16 : 8)));
      assert.equal(google.maxInFlight(), 4);
      assert.equal(took, idealScheduleMs(13, 300, 30, 4));
      assert.deepEqual(outcomes.map(labelOf), Array.from({ length: 200 }, (_, i) => `img${i}`));
      const starts = google.sent.map((r) => r.start);
      assert.ok(starts.every((s, i) => i === 0 || s - starts[i - 1]! >= 1050 / 30 - 1e-9), 'starts at least 1/30 s (+5 %) apart');
    });

    it('keeps a per-second quota across requests (Yandex OCR: 1 request/s)', async () => {
      const clock = new FakeClock();
      const ocr = slowKind(clock, { maxImages: 1, latencyMs: 300, pace: { lane: 'yandex:ocr', requestsPerSecond: 1, concurrency: 4 } });
      const run = runImages('yandex', [ocr.kind], images(5), ['text'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      const took = await clock.runUntil(run);
      assert.deepEqual(ocr.sent.map((r) => r.start), [0, 1050, 2100, 3150, 4200]);
      assert.equal(took, 4500);
    });

    it('packs by bytes: no request over the limit', async () => {
      const clock = new FakeClock();
      const google = slowKind(clock, { maxImages: 16, maxBytes: 2500 });
      const loaders = [image('a', 1000), image('b', 1000), image('c', 1000), image('d', 3000), image('e', 100)];
      const run = runImages('google', [google.kind], loaders, ['labels'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      await clock.runUntil(run);
      assert.deepEqual(google.sent.map((r) => r.names), [['a', 'b'], ['c'], ['d'], ['e']]);
    });

    it('a second command queues behind a running batch in the same lane instead of overloading it', async () => {
      const clock = new FakeClock();
      const scheduler = new Scheduler(clock);
      const pace = { lane: 'google:annotate', requestsPerSecond: Infinity, concurrency: 2 };
      const batch = slowKind(clock, { maxImages: 16, latencyMs: 300, pace });
      const single = slowKind(clock, { maxImages: 16, latencyMs: 300, pace });
      const first = runImages('google', [batch.kind], images(64, 'batch'), ['labels'], fitter, tokenSource(), { scheduler });
      await clock.advance(10);
      const second = runImages('google', [single.kind], [image('single')], ['labels'], fitter, tokenSource(), { scheduler });
      await clock.runUntil(Promise.all([first, second]));
      // Two batch requests were in flight and two waited when the single image came: it went after them.
      assert.deepEqual(batch.sent.map((r) => r.start), [0, 0, 300, 300]);
      assert.equal(single.sent[0]!.start, 600);
      assert.equal(Math.max(batch.maxInFlight(), single.maxInFlight()), 2);
    });

    it('reads ahead only while few full requests wait: fitted copies do not pile up behind a slow quota', async () => {
      const clock = new FakeClock();
      const ocr = slowKind(clock, { maxImages: 1, latencyMs: 100, pace: { lane: 'yandex:ocr', requestsPerSecond: 1, concurrency: 1 } });
      const loaded: string[] = [];
      const loaders = Array.from({ length: 20 }, (_, i) => {
        const load = image(`p${i}`);
        return () => (loaded.push(`p${i}`), load());
      });
      const run = runImages('yandex', [ocr.kind], loaders, ['text'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      await clock.advance(10);
      assert.ok(loaded.length <= 4, `read ${loaded.length} of 20 while one request was in flight`);
      await clock.runUntil(run);
      assert.equal(loaded.length, 20);
    });

    it('one bad file or one failed request fails only its own images, and each outcome is reported once as it comes', async () => {
      const clock = new FakeClock();
      const google = slowKind(clock, { maxImages: 2, answer: (names) => (names.includes('c') ? new Error('HTTP 503 from the provider') : undefined), pace: { lane: 'g', requestsPerSecond: Infinity, concurrency: 3 } });
      const reported: Array<[number, string]> = [];
      const loaders = [image('a'), image('bad.txt'), image('b'), image('c'), image('d'), image('e')];
      const run = runImages('google', [google.kind], loaders, ['labels'], fitter, tokenSource(), {
        scheduler: new Scheduler(clock),
        onOutcome: (i, o) => reported.push([i, String(labelOf(o))]),
      });
      await clock.runUntil(run);
      const outcomes = await run;
      assert.deepEqual(outcomes.map(labelOf), ['a', 'error: "bad.txt" is not an image', 'b', 'error: HTTP 503 from the provider', 'error: HTTP 503 from the provider', 'e']);
      assert.deepEqual(google.sent.map((r) => r.names), [['a', 'b'], ['c', 'd'], ['e']]);
      assert.deepEqual(reported.map(([i]) => i).sort(), [0, 1, 2, 3, 4, 5]);
      assert.equal(reported[0]![0], 1, 'the bad file is reported before any answer');
    });

    it('a 429 slows the schedule down and the request goes again: no image fails', async () => {
      const clock = new FakeClock();
      let once = false;
      const answer = (names: string[]) => (names[0] === 'img1' && !once ? ((once = true), throttled(1500)) : undefined);
      const google = slowKind(clock, { maxImages: 1, latencyMs: 100, answer, pace: { lane: 'g', requestsPerSecond: 10, concurrency: 2 } });
      const run = runImages('google', [google.kind], images(4), ['labels'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      await clock.runUntil(run);
      const outcomes = await run;
      assert.deepEqual(outcomes.map(labelOf), ['img0', 'img1', 'img2', 'img3']);
      // img1 (sent at 105) was throttled at 205: it goes again first in line, after the 1.5 s the
      // server asked for, and the next ones follow slower than the 10/s pace (5/s, then speeding up).
      const sent = google.sent.map((r) => [r.names[0], r.start] as const);
      assert.deepEqual(sent.slice(0, 3), [['img0', 0], ['img1', 105], ['img1', 1705]]);
      assert.deepEqual(sent.slice(3).map(([name]) => name), ['img2', 'img3']);
      assert.ok(sent[3]![1] - 1705 > 105 && sent[4]![1] - sent[3]![1] > 105, `then ${sent.slice(3).join('; ')}`);
    });

    it('a request throttled again and again fails its images after a bounded number of sends', async () => {
      const clock = new FakeClock();
      const google = slowKind(clock, { maxImages: 2, latencyMs: 10, answer: () => throttled(), pace: { lane: 'g', requestsPerSecond: Infinity, concurrency: 1 } });
      const run = runImages('google', [google.kind], images(2), ['labels'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      await clock.runUntil(run);
      const outcomes = await run;
      assert.equal(google.sent.length, MAX_THROTTLED_SENDS);
      assert.ok(outcomes.every((o) => o instanceof Error && /429/.test(o.message)));
    });

    it('a 429 asking to wait longer than 30 s (a daily quota) fails its images at once, with the server\'s word', async () => {
      const clock = new FakeClock();
      const google = slowKind(clock, { maxImages: 2, latencyMs: 10, answer: () => throttled(3_600_000), pace: { lane: 'g', requestsPerSecond: Infinity, concurrency: 1 } });
      const run = runImages('google', [google.kind], images(2), ['labels'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      await clock.runUntil(run);
      assert.equal(google.sent.length, 1);
      assert.ok((await run).every((o) => o instanceof Error && /429/.test(o.message)));
    });

    it('cancel stops new requests at once, aborts those in flight, and returns with none left', async () => {
      const clock = new FakeClock();
      const google = slowKind(clock, { maxImages: 16, latencyMs: 300, pace: { lane: 'g', requestsPerSecond: Infinity, concurrency: 2 } });
      const token = tokenSource();
      const run = runImages('google', [google.kind], images(160), ['labels'], fitter, token, { scheduler: new Scheduler(clock) });
      await clock.advance(450);
      assert.equal(google.sent.length, 4, 'two answered, two in flight');
      token.cancel();
      await assert.rejects(run, CancelledError);
      assert.equal(google.inFlight(), 0);
      assert.equal(google.sent.filter((r) => r.aborted).length, 2);
      await clock.advance(5000);
      assert.equal(google.sent.length, 4, 'nothing was sent after the cancel');
    });

    it('sends several kinds of request in their own lanes, in parallel', async () => {
      const clock = new FakeClock();
      const ocr = slowKind(clock, { maxImages: 1, latencyMs: 300, pace: { lane: 'yandex:ocr', requestsPerSecond: 1, concurrency: 4 } });
      const vision = slowKind(clock, { maxImages: 8, latencyMs: 300, pace: { lane: 'yandex:vision', requestsPerSecond: 10, concurrency: 4 } });
      const run = runImages('yandex', [ocr.kind, vision.kind], images(3), ['text', 'faces'], fitter, tokenSource(), { scheduler: new Scheduler(clock) });
      const took = await clock.runUntil(run);
      assert.deepEqual(ocr.sent.map((r) => r.start), [0, 1050, 2100]);
      assert.deepEqual(vision.sent.map((r) => [r.start, r.names.length]), [[0, 3]]);
      assert.equal(took, 2400);
    });
  });

  it('the ideal schedule: the quota or the concurrency, whichever binds', () => {
    assert.equal(idealScheduleMs(13, 300, 30, 4), 1200);
    assert.equal(idealScheduleMs(25, 300, 10, 4), 2700);
    assert.equal(idealScheduleMs(1, 300, 1, 1), 300);
    assert.equal(idealScheduleMs(0, 300, 1, 1), 0);
  });
});
