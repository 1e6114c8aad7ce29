import type { CancellationLike } from '../shared/cancellation';
import type { IDisposable } from '../shared/disposable';
import type { WorkerClient } from './workerClient';

/**
 * Several worker threads running the same script, for work that parallelizes by job (the Local
 * OCR reads one image per thread). Threads are made on demand, up to the size the caller asks
 * for at that moment (a setting), and each ends on its own after its idle time. The caller bounds
 * how many jobs run at once (the scheduler's lane), so a job always finds a free thread.
 */
export class WorkerPool<T, R> implements IDisposable {
  /** Each thread and the jobs it has now. */
  private readonly jobs = new Map<WorkerClient<T, R>, number>();

  constructor(private readonly create: () => WorkerClient<T, R>) {}

  /** Runs one job on a free thread: a new one while fewer than `size` exist, else queued on the least busy. */
  async run(size: number, payload: T, transfer: ArrayBuffer[] = [], token?: CancellationLike): Promise<R> {
    let client: WorkerClient<T, R> | undefined;
    let least = Infinity;
    for (const [c, n] of this.jobs) if (n < least) [client, least] = [c, n];
    if (!client || (least > 0 && this.jobs.size < Math.max(1, size))) this.jobs.set((client = this.create()), 0);
    this.jobs.set(client, this.jobs.get(client)! + 1);
    try {
      return await client.run(payload, transfer, token);
    } finally {
      const n = this.jobs.get(client);
      if (n !== undefined) this.jobs.set(client, n - 1);
    }
  }

  /** Threads made so far (each may have ended while idle, to start again on its next job). */
  get size(): number {
    return this.jobs.size;
  }

  dispose(): void {
    for (const client of this.jobs.keys()) client.dispose();
    this.jobs.clear();
  }
}
