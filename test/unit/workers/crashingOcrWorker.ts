/** An OCR worker that dies on every request (as the engine's thread would on an out-of-memory abort). */
import { serveRequests } from '../../../src/workers/workerHost';

serveRequests<unknown, unknown>(() => {
  process.exit(7);
});
