// What the provider-overhead benches (yandex.mjs, google.mjs) share: a loader that reads and
// probes a file on each run as a command does, a token that is never cancelled, and the loop that
// times our path against its floor in the same run.
import fs from 'node:fs';
import path from 'node:path';

export const NEVER_CANCELLED = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** An image loader as the analysis hands one to a provider; each run reads the file again. */
export const fileLoader = (probeImage, formatOnly, file) => async () => {
  const bytes = new Uint8Array(fs.readFileSync(file));
  return { uri: `file://${file}`, name: path.basename(file), size: bytes.length, ...(await probeImage(bytes, path.basename(file), formatOnly)), read: async () => bytes };
};

/**
 * Runs `ours` then `floor` 25 times, alternating, and returns their medians over the last 20 (the
 * first 5 warm up the JIT and the image worker).
 */
export async function timeAgainstFloor(ours, floor) {
  const times = { ours: [], floor: [] };
  for (let i = 0; i < 25; i++) {
    for (const [name, run] of [['ours', ours], ['floor', floor]]) {
      const started = performance.now();
      await run();
      if (i >= 5) times[name].push(performance.now() - started);
    }
  }
  return { ours: median(times.ours), floor: median(times.floor) };
}
