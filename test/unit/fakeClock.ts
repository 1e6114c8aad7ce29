import type { Clock, Timer } from '../../src/providers/kit/clock';

/** Lets every pending promise chain run (the runner awaits a few times between two clock events). */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A clock the test moves: `advance` fires the timers due on the way, in time order, draining promises between them. */
export class FakeClock implements Clock {
  private time = 0;
  private readonly timers: Array<{ at: number; run: () => void; live: boolean }> = [];

  now(): number {
    return this.time;
  }

  setTimer(ms: number, run: () => void): Timer {
    const timer = { at: this.time + Math.max(0, ms), run, live: true };
    this.timers.push(timer);
    return { dispose: () => void (timer.live = false) };
  }

  /** Resolves after `ms` of fake time (a provider's latency in a test double). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await drain();
      const due = this.timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      due.live = false;
      due.run();
    }
    this.time = end;
    await drain();
  }

  /** Jumps from timer to timer until `done` settles, and returns the fake time that took (throws when nothing is left to wait for). */
  async runUntil(done: Promise<unknown>): Promise<number> {
    let finished = false;
    void done.then(() => (finished = true), () => (finished = true));
    const start = this.time;
    for (;;) {
      await drain();
      if (finished) return this.time - start;
      const due = this.timers.filter((t) => t.live).sort((a, b) => a.at - b.at)[0];
      if (!due) throw new Error('stuck: the work waits for nothing the clock can give');
      this.time = Math.max(this.time, due.at);
      due.live = false;
      due.run();
    }
  }
}

/**
 * The shortest wall time for `requests` equal requests of `latencyMs` each, at most `concurrency`
 * in flight and starts at least 1/`requestsPerSecond` apart: each starts as soon as both allow.
 * (Also the bench's reference, through out/test/unit/fakeClock.js.)
 */
export function idealScheduleMs(requests: number, latencyMs: number, requestsPerSecond: number, concurrency: number): number {
  const spacing = Number.isFinite(requestsPerSecond) ? 1000 / requestsPerSecond : 0;
  const ends: number[] = [];
  let lastStart = -Infinity;
  for (let i = 0; i < requests; i++) {
    const start = Math.max(0, lastStart + spacing, i >= concurrency ? ends[i - concurrency]! : 0);
    lastStart = start;
    ends.push(start + latencyMs);
  }
  return ends.length > 0 ? Math.max(...ends) : 0;
}
