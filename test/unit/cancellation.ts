import type { CancellationLike } from '../../src/shared/cancellation';

/** A cancellation token the test controls: `cancel()` fires every listener once. */
export function tokenSource(): CancellationLike & { cancel(): void } {
  const listeners = new Set<() => unknown>();
  const token: CancellationLike & { cancel(): void } = {
    isCancellationRequested: false,
    onCancellationRequested: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    cancel() {
      (this as { isCancellationRequested: boolean }).isCancellationRequested = true;
      for (const l of [...listeners]) l();
    },
  };
  return token;
}
