/** A worker for the WorkerClient tests: echoes, fails, crashes, or spins (like WASM that cannot be interrupted). */
import { threadId } from 'node:worker_threads';
import { serveRequests } from '../../../src/workers/workerHost';

type Payload = { op: 'echo'; value: string } | { op: 'fail' } | { op: 'crash' } | { op: 'spin'; ms: number } | { op: 'bytes'; buffer: ArrayBuffer } | { op: 'retire' } | { op: 'thread' };

serveRequests<Payload, unknown>((payload) => {
  switch (payload.op) {
    case 'echo':
      return Promise.resolve({ result: `${payload.value} from ${process.pid}` });
    case 'fail':
      return Promise.reject(Object.assign(new Error('bad input'), { name: 'UserError' }));
    case 'retire':
      return Promise.reject(Object.assign(new Error('state lost'), { name: 'EngineError', retire: true }));
    case 'thread':
      return Promise.resolve({ result: threadId });
    case 'crash':
      process.exit(3);
      break;
    case 'spin': {
      const end = Date.now() + payload.ms;
      while (Date.now() < end) {
        // busy: only terminate() can stop this
      }
      return Promise.resolve({ result: 'spun' });
    }
    case 'bytes': {
      const out = new Uint8Array(payload.buffer).map((b) => b + 1).buffer;
      return Promise.resolve({ result: out, transfer: [out] });
    }
  }
  return Promise.reject(new Error('unknown op'));
});
