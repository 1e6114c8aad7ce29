import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { CancelledError } from '../shared/errors';
import type { IDisposable } from '../shared/disposable';
import type { CancellationLike } from '../shared/cancellation';

/** Host → worker. */
export interface WorkerRequest<T> {
  id: number;
  payload: T;
}

/** Worker → host. */
/**
 * `retire`: the worker's state is not to be trusted after this error (e.g. its WebAssembly aborted):
 * the client ends it, and the next job starts a fresh one.
 */
export type WorkerResponse<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: { name: string; message: string }; retire?: true };

interface Job<T, R> {
  payload: T;
  transfer: ArrayBuffer[];
  token?: CancellationLike;
  resolve(result: R): void;
  reject(error: Error): void;
}

/**
 * Runs jobs in one worker thread, one at a time, so that decoding and encoding (or OCR) never
 * block the extension host. The worker starts on the first job, is reused, and ends after
 * `idleMs` without work and on dispose. Cancelling the running job terminates the worker — WASM
 * cannot be interrupted otherwise — and the next job starts a fresh one. A crash rejects the
 * running job with a clear error; the next job gets a new worker.
 */
export class WorkerClient<T, R> implements IDisposable {
  private worker: Worker | undefined;
  private readonly queue: Array<Job<T, R>> = [];
  private running: (Job<T, R> & { id: number }) | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly options: { idleMs: number; name: string; resourceLimits?: { maxOldGenerationSizeMb?: number } },
  ) {}

  /** Queues a job; `transfer` lists buffers moved (not copied) to the worker. */
  run(payload: T, transfer: ArrayBuffer[] = [], token?: CancellationLike): Promise<R> {
    if (this.disposed) return Promise.reject(new Error(`${this.options.name} has been shut down`));
    if (token?.isCancellationRequested) return Promise.reject(new CancelledError());
    return new Promise<R>((resolve, reject) => {
      const job: Job<T, R> = { payload, transfer, token, resolve, reject };
      const subscription = token?.onCancellationRequested(() => this.cancel(job));
      const settle = <A>(fn: (a: A) => void) => (a: A) => {
        subscription?.dispose();
        fn(a);
      };
      job.resolve = settle(resolve);
      job.reject = settle(reject);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Whether a worker thread exists right now (for tests and the idle shutdown). */
  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new CancelledError());
    this.stopWorker(new CancelledError());
  }

  private cancel(job: Job<T, R>): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(new CancelledError());
    } else if (this.running && this.running.resolve === job.resolve) {
      this.stopWorker(new CancelledError());
      this.pump();
    }
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) {
      this.armIdleTimer();
      return;
    }
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.running = { ...job, id };
    worker.postMessage({ id, payload: job.payload } satisfies WorkerRequest<T>, job.transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new (workerThreads().Worker)(this.script, { name: this.options.name, resourceLimits: this.options.resourceLimits });
    worker.on('message', (message: WorkerResponse<R>) => {
      const job = this.running;
      if (!job || message.id !== job.id) return;
      this.running = undefined;
      if (!message.ok && message.retire) {
        // Before the next job is posted: it goes to a fresh worker.
        this.worker = undefined;
        void worker.terminate();
      }
      if (message.ok) job.resolve(message.result);
      else job.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      this.pump();
    });
    worker.on('error', (error) => this.onWorkerGone(worker, `${this.options.name} failed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerGone(worker, `${this.options.name} stopped unexpectedly (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private onWorkerGone(worker: Worker, message: string): void {
    if (this.worker !== worker) return; // already replaced or stopped on purpose
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    job?.reject(new Error(message));
    void worker.terminate();
    this.pump();
  }

  private stopWorker(reason: Error): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    const job = this.running;
    this.worker = undefined;
    this.running = undefined;
    job?.reject(reason);
    if (worker) void worker.terminate();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (!this.worker) return;
    this.idleTimer = setTimeout(() => this.stopWorker(new CancelledError()), this.options.idleMs);
    this.idleTimer.unref();
  }
}

/**
 * node:worker_threads, loaded when the first worker starts rather than when the extension's main
 * bundle is evaluated (the extension host may not have loaded it yet: activation pays for it).
 */
function workerThreads(): typeof WorkerThreads {
  return createRequire(__filename)('node:worker_threads') as typeof WorkerThreads;
}
