import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestInit, Response } from 'node-fetch';
import { CancelledError, UserError, messageOf } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import { GzipDownloadCheck, type DataProblem } from './traineddata';
import { isLoopback } from '../../services/configSchema';
import { LANGUAGE_DATA_VERSION, type LanguagePin } from './languageHashes';

/**
 * One language file fetched over HTTP into its final place, or nothing at all: the body streams
 * to a temp file beside the target, is checked, and only then renamed. No `vscode` import.
 */

/** node-fetch v2's signature: the extension passes node-fetch so that VS Code's proxy settings apply. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface DownloadRequest {
  /** "Russian (rus)", for messages. */
  label: string;
  url: string;
  /** The final path; a `.part` file beside it holds the body until it is checked. */
  target: string;
  fetch: FetchLike;
  t: Localize;
  /** Aborts the request and the body (the caller's cancellation). */
  signal: AbortSignal;
  maxBytes: number;
  /** The most the file may unpack to (a gzip bomb is refused, not inflated). */
  maxInflatedBytes: number;
  /**
   * The pinned SHA-256 and size of this file (languageHashes.ts), whatever the URL: a mirror must
   * serve the very same bytes. Undefined for a language without one (the caller decided to allow it).
   */
  expected?: LanguagePin;
  /**
   * Given up after this long without a byte. Besides a stalled server, this is what ends a body cut
   * off mid-way: node-fetch v2 reports that only for chunked bodies, and leaves one with a
   * Content-Length waiting forever.
   */
  idleMs: number;
  onProgress(receivedBytes: number, totalBytes: number | undefined): void;
}

/**
 * Plain http only to this machine (tests, a local mirror): language data from elsewhere must come
 * over https, because tesseract parses it and a tampered file is a crafted input to a C++ parser.
 */
export function urlProblem(value: string): 'invalid' | 'scheme' | 'credentials' | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.username || url.password) return 'credentials';
  if (url.protocol === 'https:') return undefined;
  return url.protocol === 'http:' && isLoopback(url.hostname) ? undefined : 'scheme';
}

/** Downloads `url` to `target`, checked (shape, unpacked size, pinned hash); resolves with the file's size. */
export async function downloadLanguage(request: DownloadRequest): Promise<number> {
  const { label, url, t } = request;
  if (urlProblem(url)) {
    throw new UserError(t('Cannot download the {0} language data from {1}: only https addresses are allowed (plain http only to this computer). Check the setting imageInsight.local.languageDataUrl.', label, url));
  }
  // Our own controller, so that a refused body (HTML, too large) also closes the connection.
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  request.signal.addEventListener('abort', onAbort);
  const temp = `${request.target}.${randomBytes(6).toString('hex')}.part`;
  let received = 0;
  let total: number | undefined;
  const check = new GzipDownloadCheck(request.maxInflatedBytes);
  const sha256 = createHash('sha256');
  let stalled = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, request.idleMs);
  };
  const silence = () => t('no data arrived for {0} seconds', Math.round(request.idleMs / 100) / 10);
  try {
    if (request.signal.aborted) throw new CancelledError();
    touch();
    let response: Response;
    try {
      // `compress: false`: the bytes as stored (a .gz file), never unpacked on the way by a
      // Content-Encoding; redirects are fine from a CDN that holds no credentials.
      response = await request.fetch(url, { redirect: 'follow', compress: false, signal: controller.signal, headers: { 'user-agent': 'vscode-image-insight' } });
    } catch (error) {
      if (request.signal.aborted) throw new CancelledError();
      throw new UserError(t('Could not download the {0} language data from {1}: {2}. English works offline; other languages are downloaded once, then kept. Check the connection, or set a company mirror in imageInsight.local.languageDataUrl.', label, url, stalled ? silence() : messageOf(error)));
    }
    if (response.url && response.url !== url && urlProblem(response.url)) {
      throw new UserError(t('Cannot download the {0} language data from {1}: the server redirected to {2}, which is not https.', label, url, response.url));
    }
    if (response.status === 404 || response.status === 410) {
      throw new UserError(t('There is no {0} language data at {1} (HTTP {2}). Check the setting imageInsight.local.languageDataUrl.', label, url, response.status));
    }
    if (!response.ok) {
      throw new UserError(t('Could not download the {0} language data from {1}: the server answered HTTP {2} {3}. Try again later, or set a company mirror in imageInsight.local.languageDataUrl.', label, url, response.status, response.statusText));
    }
    const length = Number(response.headers.get('content-length') ?? NaN);
    total = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
    const tooLarge = () => new UserError(t('The {0} language data at {1} is larger than {2} MB, more than any language needs: that is not language data.', label, url, Math.round(request.maxBytes / 1024 / 1024)));
    if (total !== undefined && total > request.maxBytes) throw tooLarge();

    request.onProgress(0, total);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        touch();
        received += chunk.length;
        if (received > request.maxBytes) return done(tooLarge());
        const problem = check.write(chunk);
        if (problem) return done(notData(problem));
        sha256.update(chunk);
        request.onProgress(received, total);
        done(null, chunk);
      },
    });
    const notData = (problem: DataProblem) =>
      new UserError(t('The {0} language data from {1} is not language data: the server sent {2}.', label, url, describeProblem(problem, response.headers.get('content-type'), request.maxInflatedBytes, t)));
    try {
      await pipeline(response.body, meter, createWriteStream(temp, { flags: 'wx' }));
    } catch (error) {
      if (request.signal.aborted) throw new CancelledError();
      if (error instanceof UserError) throw error;
      throw new UserError(t('The download of the {0} language data from {1} broke off after {2} bytes: {3}. Nothing was kept; try again.', label, url, received, stalled ? silence() : messageOf(error)));
    }
    if (total !== undefined && received !== total) {
      throw new UserError(t('The download of the {0} language data from {1} broke off after {2} bytes: {3}. Nothing was kept; try again.', label, url, received, `expected ${total} bytes`));
    }
    const problem = await check.finish();
    if (problem) throw notData(problem);
    const digest = sha256.digest('hex');
    const expected = request.expected;
    if (expected && (digest !== expected.sha256 || received !== expected.bytes)) {
      // The shape checks passed, so this is language data — just not the published file: another
      // release (an unversioned URL), a mirror that rebuilt or recompressed it, or tampering.
      throw new UserError(t('The {0} language data from {1} does not match the checksum pinned in Image Insight (SHA-256 expected {2}…, got {3}…), so it was refused and nothing was kept. A mirror set in imageInsight.local.languageDataUrl must serve the files of @tesseract.js-data version {4} unchanged: check the mirror, or reset the setting to its default.', label, url, expected.sha256.slice(0, 12), digest.slice(0, 12), LANGUAGE_DATA_VERSION));
    }
    await fs.rename(temp, request.target);
    return received;
  } catch (error) {
    controller.abort();
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(idleTimer);
    check.dispose();
    request.signal.removeEventListener('abort', onAbort);
  }
}

/** What the server sent instead of language data, for "the server sent …". */
function describeProblem(problem: DataProblem, contentType: string | null, maxInflatedBytes: number, t: Localize): string {
  switch (problem) {
    case 'empty': return t('an empty file');
    case 'html': return t('an HTML page');
    case 'notGzip': return t('a file that is not gzip-compressed (content type: {0})', contentType ?? '?');
    case 'damaged': return t('a damaged or incomplete gzip file');
    case 'notTraineddata': return t('a gzip file that is not tesseract language data');
    case 'inflatesTooLarge': return t('a gzip file that unpacks to more than {0} MB, more than any language needs', Math.round(maxInflatedBytes / 1024 / 1024));
  }
}
