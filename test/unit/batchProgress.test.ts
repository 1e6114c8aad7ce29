import assert from 'node:assert/strict';
import { BatchProgress } from '../../src/analysis/batchProgress';
import { formatOnly } from '../../src/shared/localize';
import type { WorkerClient } from '../../src/workers/workerClient';
import { WorkerPool } from '../../src/workers/workerPool';

describe('a batch\'s progress', () => {
  it('counts each image as it is done, with the failed ones, and an estimate once there is a pace', () => {
    const progress = new BatchProgress(30, 0, formatOnly);
    assert.deepEqual(progress.next(false, 500), { increment: 100 / 30, message: '1 of 30 images' });
    assert.equal(progress.next(true, 2000).message, '2 of 30 images, 1 failed · about 28 s left');
    for (let i = 3; i <= 29; i++) progress.next(false, i * 1000);
    assert.equal(progress.message(29_000), '29 of 30 images, 1 failed · about 1 s left');
    assert.equal(progress.next(false, 30_000).message, '30 of 30 images, 1 failed', 'no estimate at the end');
  });

  it('says minutes for a long rest', () => {
    const progress = new BatchProgress(200, 0, formatOnly);
    progress.next(false, 1000);
    assert.equal(progress.next(false, 2000).message, '2 of 200 images · about 4 min left');
  });
});

describe('a worker pool', () => {
  /** Threads that answer when told to, recording which one ran which job. */
  function fakeThreads() {
    const made: Array<{ jobs: string[]; finish: Array<() => void> }> = [];
    const create = () => {
      const thread = { jobs: [] as string[], finish: [] as Array<() => void> };
      made.push(thread);
      const client = {
        run: (job: string) => new Promise<string>((resolve) => (thread.jobs.push(job), thread.finish.push(() => resolve(job)))),
        dispose: () => undefined,
      };
      return client as unknown as WorkerClient<string, string>;
    };
    return { made, create };
  }

  it('makes a thread per job up to its size, then reuses the free ones', async () => {
    const { made, create } = fakeThreads();
    const pool = new WorkerPool(create);
    const a = pool.run(2, 'a');
    const b = pool.run(2, 'b');
    assert.equal(pool.size, 2);
    made[0]!.finish[0]!();
    assert.equal(await a, 'a');
    const c = pool.run(2, 'c');
    assert.deepEqual(made.map((t) => t.jobs), [['a', 'c'], ['b']], 'the free thread took c');
    made[1]!.finish[0]!();
    made[0]!.finish[1]!();
    assert.deepEqual(await Promise.all([b, c]), ['b', 'c']);
    pool.dispose();
    assert.equal(pool.size, 0);
  });

  it('queues on the least busy thread when all are busy at its size', () => {
    const { made, create } = fakeThreads();
    const pool = new WorkerPool(create);
    void pool.run(1, 'a');
    void pool.run(1, 'b');
    assert.equal(made.length, 1);
    assert.deepEqual(made[0]!.jobs, ['a', 'b']);
  });
});
