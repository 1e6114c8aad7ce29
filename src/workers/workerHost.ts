import { parentPort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './workerClient';

/**
 * The worker side of WorkerClient: answers each request with `handle`'s result, or its error's
 * name and message (an Error object cannot cross the thread boundary whole). An error with
 * `retire: true` also asks the client to replace this worker (see WorkerResponse).
 */
export function serveRequests<T, R>(handle: (payload: T) => Promise<{ result: R; transfer?: ArrayBuffer[] }>): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests must run inside a worker thread');
  port.on('message', (request: WorkerRequest<T>) => {
    handle(request.payload).then(
      ({ result, transfer }) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse<R>, transfer ?? []),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const retire = (error as { retire?: unknown } | undefined)?.retire === true ? { retire: true as const } : {};
        port.postMessage({ id: request.id, ok: false, error: { name: e.name, message: e.message }, ...retire } satisfies WorkerResponse<R>);
      },
    );
  });
}
