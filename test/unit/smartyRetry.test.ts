import assert from 'node:assert/strict';
import type { ObjectStatus, SmartyObject } from '../../src/providers/smarty/smartyEnvelope';
import { sendRetryingTemporary } from '../../src/providers/smarty/smartyRetry';
import { tokenSource } from './cancellation';

/** A sender whose answers follow a script: per attempt, the status of each name sent. */
function scripted(script: Array<Record<string, ObjectStatus | 'missing'>>) {
  const sent: string[][] = [];
  const send = (names: string[]): Promise<SmartyObject[]> => {
    sent.push(names);
    const statuses = script[sent.length - 1] ?? {};
    return Promise.resolve(names.flatMap((name): SmartyObject[] => {
      const status = statuses[name] ?? 0;
      return status === 'missing' ? [] : [{ name, status, raw: {} }];
    }));
  };
  return { send, sent };
}

describe('Smarty: retrying objects answered status 2', () => {
  const waits: number[] = [];
  const options = { sleep: (ms: number) => (waits.push(ms), Promise.resolve()), random: () => 0.999 };
  beforeEach(() => (waits.length = 0));

  it('resends only the status-2 objects, never those answered 0 or 1', async () => {
    const s = scripted([{ a: 0, b: 2, c: 1, d: 2 }, { b: 0, d: 2 }, { d: 0 }]);
    const outcomes = await sendRetryingTemporary(['a', 'b', 'c', 'd'], (n) => n, s.send, options);
    assert.deepEqual(s.sent, [['a', 'b', 'c', 'd'], ['b', 'd'], ['d']]);
    assert.deepEqual(outcomes.map((o) => [o.item, o.object.status, o.attempts]), [['a', 0, 1], ['b', 0, 2], ['c', 1, 1], ['d', 0, 3]]);
  });

  it('an object missing from the answer is sent again, like a status 2', async () => {
    const s = scripted([{ a: 'missing' }]);
    const outcomes = await sendRetryingTemporary(['a'], (n) => n, s.send, options);
    assert.deepEqual(s.sent, [['a'], ['a']]);
    assert.equal(outcomes[0]!.object.status, 0);
  });

  it('bounded: after maxAttempts the last status 2 is the outcome; the waits back off exponentially, capped', async () => {
    const always2 = Array.from({ length: 10 }, () => ({ x: 2 as const }));
    const s = scripted(always2);
    const outcomes = await sendRetryingTemporary(['x'], (n) => n, s.send, { ...options, maxAttempts: 6, baseMs: 100, capMs: 1000 });
    assert.equal(s.sent.length, 6);
    assert.deepEqual([outcomes[0]!.object.status, outcomes[0]!.attempts], [2, 6]);
    assert.deepEqual(waits, [100, 200, 400, 799, 999]); // full jitter at 0.999 of min(cap, base·2ⁿ)
  });

  it('a failure of the request itself is not retried here; cancellation stops between attempts', async () => {
    const boom = new Error('HTTP 500');
    await assert.rejects(sendRetryingTemporary(['a'], (n) => n, () => Promise.reject(boom), options), (e) => e === boom);
    const cancel = tokenSource();
    const s = scripted([{ a: 2 }, { a: 2 }]);
    const sleepThenCancel = (ms: number) => (waits.push(ms), cancel.cancel(), Promise.resolve());
    await assert.rejects(sendRetryingTemporary(['a'], (n) => n, s.send, { ...options, sleep: sleepThenCancel, token: cancel }), (e: Error) => e.name === 'Canceled');
    assert.equal(s.sent.length, 1);
  });

  it('outcomes keep the items\' order, duplicates included', async () => {
    const items = [{ id: 1, name: 'f0' }, { id: 2, name: 'f1' }];
    const s = scripted([{ f0: 2, f1: 0 }]);
    const outcomes = await sendRetryingTemporary(items, (i) => i.name, (batch) => s.send(batch.map((i) => i.name)), options);
    assert.deepEqual(outcomes.map((o) => o.item.id), [1, 2]);
  });
});
