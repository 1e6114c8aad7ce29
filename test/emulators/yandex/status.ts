/**
 * Yandex Cloud's request-level errors: a bare google.rpc.Status (no `{error: …}` wrapper, unlike
 * Google) with the HTTP status the gRPC gateway maps its code to, and an `x-request-id` on every
 * answer so client errors can quote it (PROVIDERS.md §1).
 */
import { randomUUID } from 'node:crypto';
import { type EmulatorResponse, type RecordedRequest } from '../core';

/** google.rpc.Code values the Yandex docs use. */
export const Code = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const HTTP_FOR_CODE: Record<number, number> = { 3: 400, 4: 504, 5: 404, 7: 403, 8: 429, 12: 501, 13: 500, 14: 503, 16: 401 };
const CODE_FOR_HTTP: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 429: 8, 500: 13, 501: 12, 502: 14, 503: 14, 504: 4 };

/** The headers every Yandex answer carries. */
export function yandexHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, 'x-server-trace-id': requestId.replace(/-/g, '').slice(0, 16) };
}

/** A request-level error as the gateway sends it; `details` holds the RequestInfo the docs show. */
export function statusResponse(code: number, message: string, requestId: string = randomUUID()): EmulatorResponse {
  return {
    status: HTTP_FOR_CODE[code] ?? 500,
    headers: { ...yandexHeaders(requestId), 'content-type': 'application/json' },
    body: { code, message, details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId }] },
  };
}

/** The body of an injected `status` fault: the same bare Status, its code taken from the HTTP status. */
export function faultStatusBody(httpStatus: number): object {
  const code = CODE_FOR_HTTP[httpStatus] ?? (httpStatus >= 500 ? Code.INTERNAL : Code.INVALID_ARGUMENT);
  const message = httpStatus === 429 ? 'Quota limit exceeded' : httpStatus >= 500 ? 'Internal error' : 'Request failed';
  return { code, message, details: [] };
}

export interface Credentials {
  apiKey: string;
  iamToken: string;
  folderId: string;
}

/** Who is calling: a service account (Api-Key) or a user account (Bearer IAM token). */
export type Caller = { kind: 'apiKey' } | { kind: 'iam' };

/**
 * Checks the Authorization header. Returns the caller, or the 401 the service answers.
 * The key or token is never echoed back: an error message must not carry a secret.
 */
export function authenticate(request: RecordedRequest, credentials: Credentials, requestId: string): Caller | EmulatorResponse {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(\S+)\s+(\S+)\s*$/.exec(value ?? '');
  if (!match) return statusResponse(Code.UNAUTHENTICATED, 'Unauthenticated', requestId);
  // Auth schemes are case-insensitive (RFC 9110 §11.1); the credentials themselves are not.
  const scheme = match[1]!.toLowerCase();
  const secret = match[2]!;
  if (scheme === 'api-key') {
    return secret === credentials.apiKey ? { kind: 'apiKey' } : statusResponse(Code.UNAUTHENTICATED, 'Unknown api key', requestId);
  }
  if (scheme === 'bearer') {
    return secret === credentials.iamToken ? { kind: 'iam' } : statusResponse(Code.UNAUTHENTICATED, 'Token is invalid or has expired.', requestId);
  }
  return statusResponse(Code.UNAUTHENTICATED, 'Unauthenticated', requestId);
}

/**
 * The folder rule: a user account (IAM token) must name its folder, a service account needs none
 * (its folder is the account's). A folder the caller cannot reach is refused either way.
 */
export function checkFolder(caller: Caller, folderId: string | undefined, credentials: Credentials, requestId: string): EmulatorResponse | undefined {
  if (folderId === undefined || folderId === '') {
    return caller.kind === 'iam' ? statusResponse(Code.INVALID_ARGUMENT, 'folder_id is required for a user account (IAM token)', requestId) : undefined;
  }
  if (folderId !== credentials.folderId) {
    return caller.kind === 'iam'
      ? statusResponse(Code.PERMISSION_DENIED, `Permission denied to folder ${folderId}`, requestId)
      : statusResponse(Code.INVALID_ARGUMENT, 'Specified folder ID does not match with service account', requestId);
  }
  return undefined;
}

/** A sliding one-second window per server: the documented quotas, when a caller wants them. */
export class RateLimiter {
  private readonly stamps: number[] = [];
  constructor(private readonly perSecond: number) {}
  allow(now = Date.now()): boolean {
    while (this.stamps.length > 0 && now - this.stamps[0]! >= 1000) this.stamps.shift();
    if (this.stamps.length >= this.perSecond) return false;
    this.stamps.push(now);
    return true;
  }
}
