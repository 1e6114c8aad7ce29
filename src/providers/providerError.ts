import { STATUS_CODES } from 'node:http';
import type { Localize } from '../shared/localize';

/**
 * The one error every cloud provider throws, with a category the UI can act on (auth → offer
 * "Set Credentials…", quota → "try later", …) and a localized message that names the file, the
 * provider and the cause. No `vscode` import.
 */

export type ProviderErrorCategory = 'auth' | 'quota' | 'invalidInput' | 'server' | 'network' | 'cancelled' | 'unsupported';

export interface ProviderErrorInit {
  category: ProviderErrorCategory;
  /** The provider's display name ("Yandex Vision"). */
  provider: string;
  /** The file's base name, when the request was about one file. */
  file?: string;
  /** The HTTP status (or the status a VK envelope reported), when there was an answer. */
  status?: number;
  /** The provider's request id, for support tickets; ends the message when known. */
  requestId?: string;
  /** True when the same request may succeed if sent again later (throttling, a 503, a reset). */
  retryable?: boolean;
  /** The cause, already localized and redacted: "the credentials were refused (HTTP 401): …". */
  reason: string;
  /** The provider's own code for the error (Google's ErrorInfo reason "API_KEY_INVALID"), kept in a failed image's result. */
  code?: string;
  /** How long the server asked to wait before the next request (`Retry-After`), for the scheduler. */
  retryAfterMs?: number;
}

export class ProviderError extends Error {
  /**
   * 'Canceled' for the cancelled category, so that `isCancellation()` — which the command wrapper
   * uses to stay silent — recognizes a cancelled request without knowing this class.
   */
  override readonly name: string;
  readonly category: ProviderErrorCategory;
  readonly provider: string;
  readonly file?: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  /** The cause alone, without the file, provider and request id. */
  readonly reason: string;
  readonly code?: string;
  readonly retryAfterMs?: number;

  /** @param redact applied to the whole message: a provider's own text may echo a token */
  constructor(init: ProviderErrorInit, t: Localize, redact: (text: string) => string = (text) => text) {
    super(redact(composeMessage(init, t)));
    this.name = init.category === 'cancelled' ? 'Canceled' : 'ProviderError';
    this.category = init.category;
    this.provider = init.provider;
    this.file = init.file;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.reason = redact(init.reason);
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

function composeMessage(init: ProviderErrorInit, t: Localize): string {
  const base = init.file !== undefined
    ? t('{0} could not process {1}: {2}', init.provider, init.file, init.reason)
    : t('{0} request failed: {1}', init.provider, init.reason);
  return init.requestId ? `${base} ${t('(request id {0})', init.requestId)}` : base;
}

/** The category of an HTTP error status. */
export function categoryOfStatus(status: number): ProviderErrorCategory {
  if (status === 401 || status === 403 || status === 407) return 'auth';
  if (status === 429) return 'quota';
  if (status === 408) return 'network';
  if (status === 501) return 'unsupported';
  if (status >= 500) return 'server';
  // 404/405/409 say more about the endpoint than about the image: a wrong endpoint setting.
  if (status === 404 || status === 405 || status === 409) return 'server';
  return 'invalidInput';
}

/** Statuses worth repeating a safe request for: throttling and a gateway or server that may recover. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 502 || status === 503 || status === 504;
}

/** The reason for an HTTP error status, with the provider's own words (or the status text). */
export function statusReason(status: number, providerMessage: string | undefined, t: Localize): string {
  const detail = providerMessage ?? STATUS_CODES[status] ?? t('no details');
  switch (categoryOfStatus(status)) {
    case 'auth': return t('the credentials were refused (HTTP {0}): {1}', status, detail);
    case 'quota': return t('the request quota is exhausted (HTTP {0}): {1}. Try again later.', status, detail);
    case 'invalidInput': return t('the request was refused as invalid (HTTP {0}): {1}', status, detail);
    case 'unsupported': return t('the service does not support this request (HTTP {0}): {1}', status, detail);
    case 'network': return t('the server gave up waiting for the request (HTTP {0}): {1}', status, detail);
    default: return t('the service failed (HTTP {0}): {1}', status, detail);
  }
}

/** Longest provider message kept: a stack trace or a page of text is not a message. */
const MAX_MESSAGE = 300;

/**
 * The provider's own message from an error body, whatever the cloud: a Yandex bare
 * google.rpc.Status `{code, message}`, a Google `{error: {message, status, details}}`, a VK
 * envelope `{status, body: "…"}`, plain text, or an HTML page (described, never quoted).
 * @param redact applied to the whole message before it is clipped, so that a secret the clip
 *   would cut in half is still recognized and its first half never kept
 */
export function providerMessage(body: string, contentType: string | undefined, status: number, t: Localize,
  redact: (text: string) => string = (text) => text): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  if (looksLikeHtml(text, contentType)) return t('an HTML page, HTTP {0}', status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return clip(redact(text).replace(/\s+/g, ' '));
  }
  const found = messageInJson(json);
  return found === undefined ? clip(redact(text).replace(/\s+/g, ' ')) : clip(redact(found));
}

function messageInJson(json: unknown): string | undefined {
  if (!isRecord(json)) return typeof json === 'string' ? json : undefined;
  // Google: {error: {code, message, status, details: [{reason}]}}
  if (isRecord(json.error)) {
    const error = json.error;
    const message = typeof error.message === 'string' ? error.message : undefined;
    const reason = Array.isArray(error.details)
      ? error.details.map((d) => (isRecord(d) && typeof d.reason === 'string' ? d.reason : undefined)).find((r) => r !== undefined)
      : undefined;
    const tag = reason ?? (typeof error.status === 'string' ? error.status : undefined);
    if (message !== undefined) return tag ? `${message} (${tag})` : message;
  }
  if (typeof json.error === 'string') return json.error;
  // VK: {status: 401, body: "authorization failed, …"}
  if (typeof json.status === 'number' && typeof json.body === 'string') return json.body;
  // Yandex: a bare google.rpc.Status {code, message, details}
  if (typeof json.message === 'string') return json.message;
  return undefined;
}

/** The status a VK (Smarty) envelope reports: the OpenAPI spec puts errors under HTTP 200. */
export function vkEnvelopeStatus(json: unknown): number | undefined {
  return isRecord(json) && typeof json.status === 'number' && 'body' in json ? json.status : undefined;
}

/** The request id a Yandex Status carries in its details (google.rpc.RequestInfo), when the header had none. */
export function requestIdInBody(body: string): string | undefined {
  try {
    return requestIdIn(JSON.parse(body));
  } catch {
    return undefined; // not JSON: no id in it
  }
}

/** The same, in an answer already parsed. */
export function requestIdIn(json: unknown): string | undefined {
  const details = isRecord(json) ? (isRecord(json.error) ? json.error.details : json.details) : undefined;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    if (isRecord(d) && typeof d.requestId === 'string' && d.requestId !== '') return d.requestId;
  }
  return undefined;
}

export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType && /\btext\/html\b/i.test(contentType)) return true;
  return /^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.trimStart());
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
