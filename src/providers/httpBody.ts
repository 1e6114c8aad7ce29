import type { Localize } from '../shared/localize';
import { looksLikeHtml } from './providerError';

/**
 * Reading and decoding a response body for the HTTP client: a streamed size cap, an idle guard,
 * and JSON / JSON Lines decoding whose failures are described, never quoted. No `vscode` import.
 */

/** Why a body could not be used: a reason for the message, and whether asking again may help. */
export class BodyProblem extends Error {
  constructor(readonly reason: string, readonly retryable = false) {
    super(reason);
  }
}

export interface BodyReadOptions {
  maxBytes: number;
  /** Called for every chunk with its size: the client re-arms its idle timer and counts bytes here. */
  onData(bytes: number): void;
  t: Localize;
}

/**
 * Collects the body up to `maxBytes`, failing as soon as more arrives: a proxy or a broken server
 * can send anything, and nothing this client asks for legitimately comes near the cap.
 */
export async function readCapped(body: NodeJS.ReadableStream, options: BodyReadOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    options.onData(buffer.length);
    size += buffer.length;
    if (size > options.maxBytes) throw new BodyProblem(tooLarge(options.maxBytes, options.t));
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(maxBytes: number, t: Localize): string {
  return t('the answer is larger than {0} MB, more than any answer to this request', Math.round((maxBytes / 1024 / 1024) * 10) / 10);
}

export type Expect = 'json' | 'jsonLines' | 'text';

export interface Decoded {
  json?: unknown;
  lines?: unknown[];
}

/** Decodes a 2xx body as expected; an HTML page, malformed JSON or a broken line → BodyProblem. */
export function decode(text: string, expect: Expect, status: number, contentType: string | undefined, t: Localize): Decoded {
  if (expect === 'text') return {};
  if (looksLikeHtml(text, contentType)) throw new BodyProblem(htmlReason(status, t));
  if (text.trim() === '') throw new BodyProblem(t('the answer is empty (HTTP {0})', status));
  if (expect === 'json') {
    try {
      return { json: JSON.parse(text) as unknown };
    } catch {
      throw new BodyProblem(t('the answer is not valid JSON (HTTP {0})', status));
    }
  }
  const lines: unknown[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.trim();
    if (line === '') continue;
    try {
      lines.push(JSON.parse(line) as unknown);
    } catch {
      // Naming the line tells a cut-off answer (the last line) from a garbled one.
      throw new BodyProblem(t('line {0} of the answer is not valid JSON (HTTP {1})', i + 1, status));
    }
  }
  return { lines };
}

export function htmlReason(status: number, t: Localize): string {
  return t('the server sent an HTML page instead of an answer (HTTP {0}): a proxy, or a wrong endpoint setting?', status);
}

/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds or an HTTP-date (RFC 9110
 * §10.2.3). Undefined when absent or unreadable (the client then uses its own backoff).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
