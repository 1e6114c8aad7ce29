import type { Localize } from '../../shared/localize';
import type { ErrorExplanation } from '../http';
import { arr, obj, str } from './googleJson';
import { errorReason } from './googleParser';

/**
 * Google's request-level errors (`{"error": {code, status, message, details: [ErrorInfo]}}`) by
 * their ErrorInfo reason, where the status alone would mislead: an invalid or expired key is a
 * 400 (but a credentials problem), a disabled API or billing is a 403 that new credentials do
 * not fix, and a rate limit may come as a 403 too. Anything else keeps the client's reading.
 */
export function explainGoogleError(status: number, body: unknown, t: Localize): ErrorExplanation | undefined {
  const reason = errorReason(body);
  const error = obj(obj(body).error);
  const message = str(error.message) ?? str(error.status) ?? String(status);
  const project = projectOf(error);
  const explained = explain(reason, status, message, project, t);
  // The code a failed image's result keeps: the ErrorInfo reason, else the status name ("RESOURCE_EXHAUSTED").
  const code = reason ?? str(error.status);
  return explained || code ? { ...explained, ...(code ? { code } : {}) } : undefined;
}

function explain(reason: string | undefined, status: number, message: string, project: string | undefined, t: Localize): ErrorExplanation | undefined {
  switch (reason) {
    case 'API_KEY_INVALID':
    case 'API_KEY_EXPIRED':
      return { category: 'auth', retryable: false, reason: t('the API key was refused ({0}): {1}', reason, message) };
    case 'SERVICE_DISABLED':
    case 'accessNotConfigured':
      return {
        category: 'unsupported',
        retryable: false,
        reason: t('the Cloud Vision API is not enabled in the Google Cloud project {0} ({1}). Enable it at {2} and try again a few minutes later.', project ?? '?', reason,
          `https://console.cloud.google.com/apis/library/vision.googleapis.com${project ? `?project=${project}` : ''}`),
      };
    case 'BILLING_DISABLED':
      return {
        category: 'unsupported',
        retryable: false,
        reason: t('billing is not enabled for the Google Cloud project {0} (BILLING_DISABLED); Cloud Vision needs a billing account. Enable it at {1}', project ?? '?',
          `https://console.cloud.google.com/billing/linkedaccount${project ? `?project=${project}` : ''}`),
      };
    case 'RATE_LIMIT_EXCEEDED':
    case 'rateLimitExceeded':
    case 'userRateLimitExceeded':
      return { category: 'quota', retryable: true, reason: t('the request quota is exhausted ({0}): {1}. Try again later, or raise the quota in the Google Cloud console.', reason, message) };
    default:
      return undefined;
  }
}

/** The project an ErrorInfo names (`metadata.consumer: "projects/123456"`), when it looks like one. */
function projectOf(error: Record<string, unknown>): string | undefined {
  for (const detail of arr(error.details)) {
    const consumer = str(obj(obj(detail).metadata).consumer);
    const id = consumer?.match(/^projects\/([a-z0-9][a-z0-9:.-]{0,62})$/)?.[1];
    if (id) return id;
  }
  return undefined;
}
