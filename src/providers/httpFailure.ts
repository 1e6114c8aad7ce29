import { redactUrl } from '../services/redact';
import { messageOf } from '../shared/errors';
import type { Localize } from '../shared/localize';
import type { ProviderErrorCategory } from './providerError';

/**
 * What went wrong below HTTP (no usable answer): a timeout, a stall, a reset, a refused or
 * unresolvable host, a refused redirect. node-fetch copies the request URL — with Smarty's token
 * in it — into its messages, so its text is only ever used after the URL is taken out and the
 * rest redacted. No `vscode` import.
 */

/** Why the client aborted an attempt itself. */
export type AbortWhy = 'cancel' | 'timeout' | 'idle';

export interface FailureContext {
  why: AbortWhy | undefined;
  url: string;
  /** Body bytes received before the failure (0 before the headers). */
  received: number;
  timeoutMs: number;
  idleMs: number;
  t: Localize;
  redact: (text: string) => string;
}

export interface Failure {
  category: ProviderErrorCategory;
  retryable: boolean;
  reason: string;
}

/** Connection errors worth one more try: the next connection may well work. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

export function networkFailure(error: unknown, context: FailureContext): Failure {
  const { t, why } = context;
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  if (why === 'timeout') {
    return { category: 'network', retryable: true, reason: t('no complete answer within {0} seconds (imageInsight.request.timeoutSeconds)', seconds(context.timeoutMs)) };
  }
  if (why === 'idle') {
    // Also how a body cut off mid-way ends: node-fetch v2 never reports a dropped connection
    // when the server sent a Content-Length, it just waits.
    return context.received > 0
      ? { category: 'network', retryable: true, reason: t('the answer broke off after {0} bytes: no data for {1} seconds', context.received, seconds(context.idleMs)) }
      : { category: 'network', retryable: true, reason: t('the server stopped sending: no data for {0} seconds', seconds(context.idleMs)) };
  }
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'no-redirect' || type === 'invalid-redirect') {
    return { category: 'server', retryable: false, reason: t('the server redirected the request elsewhere; redirects are refused so that credentials never travel to another address. Check the endpoint setting.') };
  }
  const code = errorCode(error);
  const host = hostOf(context.url);
  if (code === 'ECONNREFUSED') {
    return { category: 'network', retryable: false, reason: t('could not connect to {0}: the connection was refused', host) };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { category: 'network', retryable: code === 'EAI_AGAIN', reason: t('could not find the server {0}: check the network, the proxy and the endpoint setting', host) };
  }
  const detail = cleanMessage(error, context);
  if ((code !== undefined && RETRYABLE_CODES.has(code)) || /socket hang up|premature close/i.test(detail)) {
    return { category: 'network', retryable: true, reason: t('the connection to {0} was broken: {1}', host, detail) };
  }
  return { category: 'network', retryable: false, reason: t('the connection to {0} failed: {1}', host, detail) };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  // node-fetch keeps the system error's code on `errno` as well; older errors only there.
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'string' ? errno : undefined;
}

/** The underlying reason without node-fetch's "request to <url> failed" wrapper, and redacted. */
function cleanMessage(error: unknown, context: FailureContext): string {
  let text = messageOf(error)
    .replace(/^request to \S+ failed, reason:\s*/i, '')
    .replace(/^Invalid response body while trying to fetch \S+:\s*/i, '');
  // Whatever URL is still in the text (the request's, or one a server put there) loses its query.
  text = text.split(context.url).join(redactUrl(context.url));
  text = text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
  return context.redact(text.trim() || 'unknown error');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
