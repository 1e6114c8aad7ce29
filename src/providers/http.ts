import { randomInt } from 'node:crypto';
import type { RequestInit, Response } from 'node-fetch';
import { redactUrl } from '../services/redact';
import type { Localize } from '../shared/localize';
import { BodyProblem, decode, htmlReason, parseRetryAfter, readCapped, tooLarge, type Expect } from './httpBody';
import { categoryOfStatus, isRetryableStatus, looksLikeHtml, providerMessage, ProviderError, requestIdIn, requestIdInBody, statusReason, type ProviderErrorCategory, type ProviderErrorInit } from './providerError';
import type { CancellationLike } from '../shared/cancellation';
import { networkFailure, type AbortWhy } from './httpFailure';
import { MAX_RETRY_AFTER_MS } from './kit/lane';

/**
 * The one HTTP client every cloud provider uses (node-fetch v2 with its default agent, so VS Code's
 * patched http/https — and with it the user's `http.proxy` — applies). Timeouts, an idle guard,
 * cancellation, retries of safe requests, a response-size cap, and errors that are always a
 * redacted, localized `ProviderError`. No `vscode` import: the extension injects what it needs.
 *
 * Cancellation throws a `ProviderError` with category 'cancelled' whose `name` is 'Canceled', so
 * `isCancellation(error)` is true and the command wrapper stays silent.
 */

/** node-fetch v2's signature. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** A form-data instance (Smarty's multipart bodies): sent as one buffer, so a retry can resend it. */
export interface FormLike {
  getBuffer(): Buffer;
  getHeaders(): Record<string, string>;
}

export interface HttpRequest {
  /** The provider's display name, for messages. */
  provider: string;
  /** The file's base name, when the request is about one file. */
  file?: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** May carry a token in its query (Smarty): it never reaches a message or the log unredacted. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | FormLike;
  /** Safe to send twice (annotate calls are; Smarty `set` is not): only these are retried. */
  idempotent: boolean;
  /** Per attempt, headers and body included (imageInsight.request.timeoutSeconds). */
  timeoutMs: number;
  /** No byte of the body for this long → the attempt is given up. Default: min(timeoutMs, 15 s). */
  idleMs?: number;
  /** Default 32 MB. */
  maxResponseBytes?: number;
  token?: CancellationLike;
  /** Default 'json'. */
  expect?: Expect;
  /**
   * The status the body reports when it differs from the HTTP one: VK wraps errors in a
   * `{status, body}` envelope under HTTP 200 (`vkEnvelopeStatus`). A value ≥ 400 is an error.
   */
  bodyStatus?: (json: unknown) => number | undefined;
  /**
   * A provider's reading of an error body it knows (Google's ErrorInfo reasons): what it returns
   * replaces the category, reason or retry the status alone would give. Not called for HTML.
   */
  explainError?: (status: number, json: unknown) => ErrorExplanation | undefined;
  /**
   * Also applied to this request's messages and log lines, before the client's own redactor:
   * secrets only the provider knows (a Smarty access token fetched a moment ago is in no store).
   */
  redact?: (text: string) => string;
}

/** What a provider knows better than the status about one of its errors. */
export interface ErrorExplanation {
  category?: ProviderErrorCategory;
  /** Localized; redacted by the client like every reason. */
  reason?: string;
  retryable?: boolean;
  /** The provider's code for it (an ErrorInfo reason), carried into a failed image's result. */
  code?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  requestId?: string;
  /** The body as text (empty only when it was). */
  text: string;
  /** The parsed body, for expect 'json'. */
  json?: unknown;
  /** One parsed value per non-empty line, for expect 'jsonLines'. */
  lines?: unknown[];
}

export interface HttpClientDeps {
  /** node-fetch v2 (the extension passes the real one; tests may wrap it). */
  fetch: FetchLike;
  t: Localize;
  /** Applied to every message and log line (the credentials service's secrets + secret shapes). */
  redact: (text: string) => string;
  log?: (line: string) => void;
  /** Waits between attempts; tests inject one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the backoff jitter; default from `crypto`. */
  random?: () => number;
  now?: () => number;
}

export interface HttpClient {
  request(options: HttpRequest): Promise<HttpResponse>;
}

export const MAX_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
const DEFAULT_MAX_RESPONSE = 32 * 1024 * 1024;
const DEFAULT_IDLE_CAP_MS = 15_000;
const REQUEST_ID_HEADERS = ['x-request-id'];

type Outcome = { response: HttpResponse } | { error: ProviderError; retryAfterMs?: number };

export function createHttpClient(deps: HttpClientDeps): HttpClient {
  const { t } = deps;
  const random = deps.random ?? (() => randomInt(0, 1 << 30) / (1 << 30));
  const now = deps.now ?? Date.now;
  return {
    async request(options) {
      const own = options.redact;
      const redact = own ? (text: string) => deps.redact(own(text)) : deps.redact;
      const log = (line: string) => deps.log?.(redact(line));
      const fail = (init: Omit<ProviderErrorInit, 'provider' | 'file'>) =>
        new ProviderError({ ...init, provider: options.provider, file: options.file }, t, redact);
      const cancelled = () => fail({ category: 'cancelled', reason: t('the request was cancelled') });
      const [headers, body] = prepareBody(options);
      const where = `${options.provider}: ${options.method} ${redactUrl(options.url)}`;
      for (let attempt = 1; ; attempt++) {
        if (options.token?.isCancellationRequested) throw cancelled();
        const started = now();
        const outcome = await once(options, headers, body, fail, cancelled, redact);
        const took = `${now() - started} ms, attempt ${attempt}/${MAX_ATTEMPTS}`;
        if ('response' in outcome) {
          log(`${where} → HTTP ${outcome.response.status} (${took})`);
          return outcome.response;
        }
        const { error, retryAfterMs } = outcome;
        log(`${where} → ${error.category}: ${error.reason} (${took})`);
        if (error.category === 'cancelled') throw error;
        if (!error.retryable || !options.idempotent || attempt >= MAX_ATTEMPTS) throw error;
        if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
          const seconds = Math.ceil(retryAfterMs / 1000);
          throw fail({
            category: error.status === 429 ? 'quota' : error.category,
            status: error.status,
            requestId: error.requestId,
            retryable: true,
            retryAfterMs,
            reason: t('the service is busy and asks to wait {0} seconds before trying again (HTTP {1})', seconds, error.status ?? '?'),
          });
        }
        // Full jitter: spread the retries of many clients instead of synchronizing them.
        const delay = retryAfterMs ?? Math.round(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
        log(`${where}: retrying in ${delay} ms`);
        await wait(delay, options.token, deps.sleep, cancelled);
      }
    },
  };

  /** One attempt: never throws; every failure comes back as a ProviderError. */
  async function once(options: HttpRequest, headers: Record<string, string>, body: string | Buffer | undefined,
    fail: (init: Omit<ProviderErrorInit, 'provider' | 'file'>) => ProviderError, cancelled: () => ProviderError,
    redact: (text: string) => string): Promise<Outcome> {
    const controller = new AbortController();
    let why: AbortWhy | undefined;
    const abort = (reason: AbortWhy) => {
      why ??= reason;
      controller.abort();
    };
    const subscription = options.token?.onCancellationRequested(() => abort('cancel'));
    const timer = setTimeout(() => abort('timeout'), options.timeoutMs);
    const idleMs = options.idleMs ?? Math.min(options.timeoutMs, DEFAULT_IDLE_CAP_MS);
    let idle: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort('idle'), idleMs);
    };
    let received = 0;
    let status: number | undefined;
    let requestId: string | undefined;
    try {
      if (options.token?.isCancellationRequested) return { error: cancelled() };
      const response = await deps.fetch(options.url, {
        method: options.method,
        headers,
        body,
        // Never follow: a redirect to another host would carry the key in its headers or URL.
        redirect: 'error',
        signal: controller.signal,
      });
      status = response.status;
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (responseHeaders[name.toLowerCase()] = value));
      requestId = REQUEST_ID_HEADERS.map((h) => responseHeaders[h]).find((v) => v !== undefined && v !== '');
      const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
      const length = Number(responseHeaders['content-length'] ?? NaN);
      if (Number.isFinite(length) && length > maxBytes) {
        return { error: fail({ category: 'server', status, requestId, reason: tooLarge(maxBytes, t) }) };
      }
      touch();
      const buffer = await readCapped(response.body, { maxBytes, t, onData: (bytes) => (received += bytes, touch()) });
      const text = buffer.toString('utf8');
      const contentType = responseHeaders['content-type'];
      if (status < 200 || status > 299) return statusError(status, text, contentType, responseHeaders, requestId ?? requestIdInBody(text), fail, options.explainError, redact);
      // A successful answer is parsed once (it may be megabytes): its request id comes from the parsed JSON.
      const decoded = decode(text, options.expect ?? 'json', status, contentType, t);
      requestId ??= requestIdIn(decoded.json);
      const reported = options.bodyStatus?.(decoded.json);
      if (reported !== undefined && reported >= 400) return statusError(reported, text, undefined, responseHeaders, requestId, fail, options.explainError, redact);
      return { response: { status, headers: responseHeaders, requestId, text, ...decoded } };
    } catch (error) {
      if (why === 'cancel') return { error: cancelled() };
      if (error instanceof BodyProblem) return { error: fail({ category: 'server', status, requestId, retryable: error.retryable, reason: error.reason }) };
      const failure = networkFailure(error, { why, url: options.url, received, timeoutMs: options.timeoutMs, idleMs, t, redact });
      return { error: fail({ ...failure, status, requestId }) };
    } finally {
      clearTimeout(timer);
      clearTimeout(idle);
      subscription?.dispose();
      // Ends the connection of an answer we stopped reading (too large, a problem mid-way).
      controller.abort();
    }
  }

  function statusError(status: number, text: string, contentType: string | undefined, headers: Record<string, string>,
    requestId: string | undefined, fail: (init: Omit<ProviderErrorInit, 'provider' | 'file'>) => ProviderError,
    explain: HttpRequest['explainError'], redact: (text: string) => string): Outcome {
    const html = looksLikeHtml(text, contentType);
    const explained = html || !explain ? undefined : explain(status, parseOrUndefined(text));
    const reason = explained?.reason ?? (html ? htmlReason(status, t) : statusReason(status, providerMessage(text, contentType, status, t, redact), t));
    const retryable = explained?.retryable ?? isRetryableStatus(status);
    const retryAfterMs = retryable ? parseRetryAfter(headers['retry-after'], now()) : undefined;
    const error = fail({
      category: explained?.category ?? categoryOfStatus(status), status, requestId, retryable, reason,
      ...(explained?.code ? { code: explained.code } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    return { error, retryAfterMs };
  }

}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body as node-fetch sends it, with a form's multipart headers merged under the caller's. */
function prepareBody(options: HttpRequest): [Record<string, string>, string | Buffer | undefined] {
  const headers: Record<string, string> = { 'user-agent': 'vscode-image-insight' };
  const { body } = options;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    Object.assign(headers, body.getHeaders());
    return [{ ...headers, ...options.headers }, body.getBuffer()];
  }
  return [{ ...headers, ...options.headers }, body];
}

/** Sleeps between attempts; cancellation ends the wait at once. */
async function wait(ms: number, token: CancellationLike | undefined, sleep: ((ms: number) => Promise<void>) | undefined,
  cancelled: () => Error): Promise<void> {
  let subscription: { dispose(): void } | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      if (token?.isCancellationRequested) return reject(cancelled());
      subscription = token?.onCancellationRequested(() => reject(cancelled()));
      if (sleep) sleep(ms).then(resolve, reject);
      else timer = setTimeout(resolve, ms);
    });
  } finally {
    clearTimeout(timer);
    subscription?.dispose();
  }
}
