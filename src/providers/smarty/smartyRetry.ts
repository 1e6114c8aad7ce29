import type { CancellationLike } from '../../shared/cancellation';
import { CancelledError } from '../../shared/errors';
import type { SmartyObject } from './smartyEnvelope';

/**
 * Smarty's per-object status 2 ("temporary error"): the request as a whole went through, but
 * some of its images were not done and may be sent again. Only those are resent — never an image
 * answered 0 (a `set` done twice would enroll it twice) or 1 (refused for good) — with full-jitter
 * exponential backoff and a bounded number of attempts. Failures of the whole request (HTTP,
 * network) are the HTTP client's to retry, not this. Pure over the injected sender and sleep.
 */

export interface RetryOptions {
  /** Sends including the first; default 4. */
  maxAttempts?: number;
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1), for the jitter. */
  random?: () => number;
  token?: CancellationLike;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

/** What became of one item: the server's last word on it (status 0, 1, or a 2 that outlasted the attempts). */
export interface ItemOutcome<T> {
  item: T;
  object: SmartyObject;
  /** How many times it was sent. */
  attempts: number;
}

/**
 * Sends `items`, then again only those answered with status 2 (or not answered at all), until
 * none is left or the attempts run out. `nameOf` gives the name each item has in the answer; the
 * outcomes come back in the items' order.
 */
export async function sendRetryingTemporary<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  send: (items: T[]) => Promise<SmartyObject[]>,
  options: RetryOptions = {},
): Promise<Array<ItemOutcome<T>>> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const baseMs = options.baseMs ?? 500;
  const capMs = options.capMs ?? 8_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const outcomes: Array<ItemOutcome<T> | undefined> = items.map(() => undefined);
  let pending = items.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (options.token?.isCancellationRequested) throw new CancelledError();
    const answer = await send(pending.map((i) => items[i]!));
    const byName = new Map(answer.map((o) => [o.name, o]));
    const again: number[] = [];
    for (const index of pending) {
      const name = nameOf(items[index]!);
      // An image the answer does not mention was not done either: sent again, like a status 2.
      const object = byName.get(name) ?? { name, status: 2 as const, raw: {} };
      outcomes[index] = { item: items[index]!, object, attempts: attempt };
      if (object.status === 2) again.push(index);
    }
    pending = again;
    if (pending.length === 0 || attempt >= maxAttempts) break;
    await sleep(Math.round(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1))));
  }
  return outcomes.map((o) => o!);
}
