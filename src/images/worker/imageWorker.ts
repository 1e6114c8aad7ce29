/**
 * The image worker's entry (bundled to dist/imageWorker.js): decoding, orienting, resizing and
 * encoding run here, off the extension host's thread, through wasm-vips.
 */
import { serveRequests } from '../../workers/workerHost';
import { prepareImage } from './prepareImage';
import type { PrepareRequest, PrepareResponse } from './protocol';
import { loadVips } from './vips';

serveRequests<PrepareRequest, PrepareResponse>(async (request) => {
  const vips = await loadVips();
  const result = await prepareImage(vips, request);
  return { result, transfer: [result.bytes] };
});
