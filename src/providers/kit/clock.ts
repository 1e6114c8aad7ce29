/** A timer that can be stopped before it fires. */
export interface Timer {
  dispose(): void;
}

/** Time as the scheduler sees it: real in the extension, a fake one the unit tests move by hand. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `run` once after `ms` milliseconds. */
  setTimer(ms: number, run: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, run) {
    const handle = setTimeout(run, Math.max(0, ms));
    return { dispose: () => clearTimeout(handle) };
  },
};
