/**
 * Google's request-level errors: `{"error": {code, message, status, details: [ErrorInfo]}}` with
 * the HTTP status equal to `code` (PROVIDERS.md §2), as the live API sends them for a bad key, a
 * disabled API or billing, a rate limit, a malformed request.
 */
import { type EmulatorResponse } from '../core';

const STATUS_NAME: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  413: 'INVALID_ARGUMENT', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

export interface ErrorInfo {
  reason: string;
  metadata?: Record<string, string>;
}

/** A request-level error body; `info` adds the ErrorInfo detail Google attaches to most of them. */
export function googleError(httpStatus: number, message: string, info?: ErrorInfo): EmulatorResponse {
  const details = info ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: info.reason, domain: 'googleapis.com', metadata: { service: 'vision.googleapis.com', ...info.metadata } }] : undefined;
  return {
    status: httpStatus,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: { error: { code: httpStatus, message, status: STATUS_NAME[httpStatus] ?? 'UNKNOWN', ...(details ? { details } : {}) } },
  };
}

/** The body of an injected `status` fault: Google's envelope, a rate limit for 429. */
export function faultStatusBody(httpStatus: number): object {
  const info = httpStatus === 429 ? { reason: 'RATE_LIMIT_EXCEEDED' } : undefined;
  const message = httpStatus === 429 ? "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'." : httpStatus >= 500 ? 'Internal error encountered.' : 'Request failed.';
  return googleError(httpStatus, message, info).body as object;
}

/** A thrown request-level error, caught by the server and sent as it is. */
export class GoogleFailure extends Error {
  constructor(readonly response: EmulatorResponse) {
    super('google error');
  }
}

export const invalid = (message: string): GoogleFailure => new GoogleFailure(googleError(400, message));
