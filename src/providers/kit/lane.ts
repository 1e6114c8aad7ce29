import type { CancellationLike } from '../../shared/cancellation';
import { CancelledError } from '../../shared/errors';
import type { RequestPace } from '../types';
import type { Clock, Timer } from './clock';

/** How fast one kind of request may go: the provider's quota and how many may be in flight. */
export type Pace = Omit<RequestPace, 'lane'>;

/** A request's turn: given back when its answer (or failure) is in. Giving it back twice is harmless. */
export interface Slot {
  release(): void;
}

/** What a throttled request tells the lane: the server's `Retry-After`, when it sent one. */
export interface Throttle {
  retryAfterMs?: number;
}

interface Waiter {
  grant(slot: Slot): void;
  reject(error: Error): void;
}

/**
 * Starts are spaced 5 % wider than the quota allows: a server counts arrivals, and a request that
 * took a few milliseconds longer to build or to travel must not make the next one the quota's
 * eleventh in its second (which costs a 429 and a pause).
 */
const HEADROOM = 1.05;
/**
 * The longest `Retry-After` anything waits for — the HTTP client between its attempts, a lane
 * before its next start; a server asking for more (a daily quota) is reported instead.
 */
export const MAX_RETRY_AFTER_MS = 30_000;
/** The slowest a throttled lane goes: a quarter of its pace (the pauses handle a server that keeps refusing). */
const MIN_SLOWDOWN = 1 / 4;
/** After a success a throttled lane speeds up by this factor, back to its pace. */
const RECOVERY = 1.25;
/** And each 10 s without a 429 double its pace, so a lane does not stay slow for lack of requests. */
const QUIET_MS = 10_000;
/** Without a `Retry-After`, throttling pauses the lane 1 s, doubling with each 429 in a row, up to 30 s. */
const PAUSE_BASE_MS = 1000;
const PAUSE_CAP_MS = 30_000;

/**
 * One provider request kind's queue (Yandex Vision's batchAnalyze, Google's images:annotate, one
 * Local engine thread pool): every analysis in the window asks it for a turn before sending, first
 * come first served, so a second command waits behind a running batch instead of doubling the
 * load. A turn is given when fewer than `concurrency` requests are in flight and the last one
 * started at least 1/`requestsPerSecond` ago (and 5 % more, see HEADROOM); the starts are spread evenly rather than bursting,
 * which is what per-second quotas count. A 429 halves the pace (fewer in flight, wider spacing),
 * pauses new starts for the server's `Retry-After` or a doubling backoff, and successes bring the
 * pace back step by step — the schedule slows down instead of failing images.
 */
export class Lane {
  private inFlight = 0;
  private lastStart = -Infinity;
  private pausedUntil = -Infinity;
  private slowdown = 1;
  private lastThrottle = -Infinity;
  private strikes = 0;
  private readonly waiters: Waiter[] = [];
  private timer: Timer | undefined;

  constructor(
    readonly key: string,
    private pace: Pace,
    private readonly clock: Clock,
  ) {}

  /** The settings are read for each analysis: a changed quota applies to the next turn. */
  setPace(pace: Pace): void {
    this.pace = pace;
    this.pump();
  }

  /** Requests waiting for a turn. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Requests in flight. */
  get active(): number {
    return this.inFlight;
  }

  /** The pace after throttling (the configured one when there was none). */
  get effective(): Pace {
    const slowdown = this.currentSlowdown();
    return {
      requestsPerSecond: this.pace.requestsPerSecond * slowdown,
      concurrency: Math.max(1, Math.floor(this.pace.concurrency * slowdown)),
    };
  }

  /**
   * Waits for a turn, in order of asking (`again`: a throttled request going again, first in line,
   * since it was asked for before the others); cancelled, it leaves the queue and rejects at once.
   */
  acquire(token?: CancellationLike, again = false): Promise<Slot> {
    if (token?.isCancellationRequested) return Promise.reject(new CancelledError());
    return new Promise<Slot>((resolve, reject) => {
      const subscription = token?.onCancellationRequested(() => {
        const i = this.waiters.indexOf(waiter);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        subscription?.dispose();
        reject(new CancelledError());
        this.pump();
      });
      const waiter: Waiter = {
        grant: (slot) => (subscription?.dispose(), resolve(slot)),
        reject: (error) => (subscription?.dispose(), reject(error)),
      };
      if (again) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
      this.pump();
    });
  }

  /** The server said 429: slow down and pause (see the class comment). */
  throttled(throttle: Throttle): void {
    this.strikes++;
    this.slowdown = Math.max(MIN_SLOWDOWN, this.currentSlowdown() / 2);
    this.lastThrottle = this.clock.now();
    const pause = throttle.retryAfterMs ?? Math.min(PAUSE_CAP_MS, PAUSE_BASE_MS * 2 ** (this.strikes - 1));
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + pause);
    this.pump();
  }

  /** A request was answered: a throttled lane speeds up a step. */
  succeeded(): void {
    this.strikes = 0;
    this.slowdown = Math.min(1, this.currentSlowdown() * RECOVERY);
  }

  /** The slowdown now: the last 429's, doubled for every quiet 10 s since. */
  private currentSlowdown(): number {
    if (this.slowdown >= 1) return 1;
    const quiet = Math.floor((this.clock.now() - this.lastThrottle) / QUIET_MS);
    return Math.min(1, this.slowdown * 2 ** quiet);
  }

  /** Gives turns while the pace allows, and sets one timer for the next start it does not allow yet. */
  private pump(): void {
    this.timer?.dispose();
    this.timer = undefined;
    const { requestsPerSecond, concurrency } = this.effective;
    const spacing = requestsPerSecond > 0 && Number.isFinite(requestsPerSecond) ? (1000 / requestsPerSecond) * HEADROOM : 0;
    while (this.waiters.length > 0 && this.inFlight < concurrency) {
      const now = this.clock.now();
      const next = Math.max(this.lastStart + spacing, this.pausedUntil);
      if (next > now) {
        this.timer = this.clock.setTimer(next - now, () => {
          this.timer = undefined;
          this.pump();
        });
        return;
      }
      this.lastStart = now;
      this.inFlight++;
      let released = false;
      this.waiters.shift()!.grant({
        release: () => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.pump();
        },
      });
    }
  }
}
