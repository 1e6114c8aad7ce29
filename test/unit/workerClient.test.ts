import assert from 'node:assert/strict';
import path from 'node:path';
import { WorkerClient } from '../../src/workers/workerClient';
import { isCancellation } from '../../src/shared/errors';
import { tokenSource } from './cancellation';

const SCRIPT = path.join(__dirname, 'workers', 'testWorker.js');


describe('WorkerClient', function () {
  this.timeout(20_000);
  let client: WorkerClient<unknown, unknown>;
  beforeEach(() => {
    client = new WorkerClient(SCRIPT, { idleMs: 200, name: 'test worker' });
  });
  afterEach(() => client.dispose());

  it('starts lazily, answers, and reuses one worker', async () => {
    assert.equal(client.isRunning, false);
    const a = (await client.run({ op: 'echo', value: 'a' })) as string;
    const b = (await client.run({ op: 'echo', value: 'b' })) as string;
    assert.match(a, /^a from/);
    assert.equal(a.split(' from ')[1], b.split(' from ')[1]);
    assert.equal(client.isRunning, true);
  });

  it('queues concurrent jobs and answers each in order', async () => {
    const results = await Promise.all(['1', '2', '3'].map((value) => client.run({ op: 'echo', value })));
    assert.deepEqual((results as string[]).map((r) => r.split(' ')[0]), ['1', '2', '3']);
  });

  it('moves buffers to the worker and back', async () => {
    const input = new Uint8Array([1, 2, 3]).buffer;
    const out = (await client.run({ op: 'bytes', buffer: input }, [input])) as ArrayBuffer;
    assert.equal(input.byteLength, 0, 'transferred, not copied');
    assert.deepEqual([...new Uint8Array(out)], [2, 3, 4]);
  });

  it('passes a job\'s error back with its name and message', async () => {
    await assert.rejects(client.run({ op: 'fail' }), (e: Error) => e.name === 'UserError' && e.message === 'bad input');
  });

  it('an error marked retire ends that worker: jobs queued behind it run in a fresh one', async () => {
    const first = await client.run({ op: 'thread' });
    const results = await Promise.allSettled([client.run({ op: 'retire' }), client.run({ op: 'thread' })]);
    assert.equal(results[0].status, 'rejected');
    assert.ok(results[0].status === 'rejected' && (results[0].reason as Error).name === 'EngineError' && (results[0].reason as Error).message === 'state lost');
    assert.ok(results[1].status === 'fulfilled' && results[1].value !== first, 'a new thread');
    assert.equal(await client.run({ op: 'thread' }), results[1].status === 'fulfilled' ? results[1].value : undefined, 'then reused');
    await assert.rejects(client.run({ op: 'fail' }), (e: Error) => e.name === 'UserError');
    assert.equal(await client.run({ op: 'thread' }), results[1].status === 'fulfilled' ? results[1].value : undefined, 'a plain error keeps the worker');
  });

  it('cancelling a running job really stops it, and the next job gets a fresh worker', async () => {
    const token = tokenSource();
    const started = Date.now();
    const spinning = client.run({ op: 'spin', ms: 10_000 }, [], token);
    setTimeout(() => token.cancel(), 100);
    await assert.rejects(spinning, (e: unknown) => isCancellation(e));
    assert.ok(Date.now() - started < 5_000, 'did not wait for the spin to end');
    assert.match((await client.run({ op: 'echo', value: 'after' })) as string, /^after from/);
  });

  it('cancelling a queued job removes it without touching the running one', async () => {
    const token = tokenSource();
    const first = client.run({ op: 'spin', ms: 200 });
    const second = client.run({ op: 'echo', value: 'never' }, [], token);
    token.cancel();
    await assert.rejects(second, (e: unknown) => isCancellation(e));
    assert.equal(await first, 'spun');
  });

  it('a crash rejects the running job with a clear error and the next job works', async () => {
    await assert.rejects(client.run({ op: 'crash' }), /test worker stopped unexpectedly \(exit code 3\)/);
    assert.match((await client.run({ op: 'echo', value: 'again' })) as string, /^again from/);
  });

  it('ends the worker after the idle period', async () => {
    await client.run({ op: 'echo', value: 'x' });
    assert.equal(client.isRunning, true);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(client.isRunning, false);
  });

  it('refuses work after dispose and rejects what was queued', async () => {
    const running = client.run({ op: 'spin', ms: 300 });
    const queued = client.run({ op: 'echo', value: 'q' });
    client.dispose();
    await assert.rejects(running, (e: unknown) => isCancellation(e));
    await assert.rejects(queued, (e: unknown) => isCancellation(e));
    await assert.rejects(client.run({ op: 'echo', value: 'late' }), /shut down/);
  });
});
