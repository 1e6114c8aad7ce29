import type { Localize } from '../../shared/localize';
import { categoryOfStatus, isRetryableStatus, statusReason, type ProviderErrorCategory } from '../providerError';
import { redactSmartyUrls } from './smartyUrl';

/**
 * Smarty's answer envelope, `{status, body, htmlencoded, last_modified}` (PROVIDERS.md §3), read
 * the same way whatever the HTTP status was: the OpenAPI spec documents errors under HTTP 200,
 * and whether the HTTP status mirrors `status` is unknown. On success `body` is an object with
 * per-object statuses (0 ok, 1 permanent error, 2 temporary error); on an error it is a string
 * ("empty image", a 401 that echoes part of the token, 403 "access denied…", 500). Pure.
 */

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type Envelope =
  | { ok: true; status: number; body: Json; lastModified?: number }
  | { ok: false; status: number; message: string };

/** What one request failed of, for a ProviderError (the caller adds the provider and the file). */
export interface EnvelopeFailure {
  category: ProviderErrorCategory;
  status: number;
  retryable: boolean;
  /** Localized, redacted. */
  reason: string;
}

/**
 * The envelope in `json` (the decoded answer; undefined when it was not JSON). `httpStatus`
 * stands in when there is no envelope, or when the envelope says 2xx over an HTTP error (a
 * gateway's answer, then). `htmlencoded: true` means the body's strings carry HTML entities.
 */
export function readEnvelope(json: unknown, httpStatus: number): Envelope {
  const httpOk = httpStatus >= 200 && httpStatus <= 299;
  if (!isRecord(json) || typeof json.status !== 'number' || !('body' in json)) {
    return { ok: false, status: httpOk ? 0 : httpStatus, message: '' };
  }
  const body = json.htmlencoded === true ? decodeEntitiesDeep(json.body) : json.body;
  const status = json.status;
  if (status >= 200 && status <= 299 && httpOk) {
    // A success without a body object (truncate's is {}) is still a success with nothing in it.
    return { ok: true, status, body: isRecord(body) ? body : {}, ...(typeof json.last_modified === 'number' ? { lastModified: json.last_modified } : {}) };
  }
  const message = typeof body === 'string' ? body : isRecord(body) || Array.isArray(body) ? JSON.stringify(body) : '';
  return { ok: false, status: status >= 200 && status <= 299 ? httpStatus : status, message };
}

/** Longest server message kept: a stack trace is not a message. */
const MAX_MESSAGE = 300;

/**
 * The failure an error envelope stands for: 401/403 → auth (the message offers Set
 * Credentials…), 429/503 and a status 2 (Smarty's "temporary") → retryable, no envelope at all
 * → a server problem. The server's words are redacted before they are clipped (a 401 echoes part
 * of the token, and a clip must never keep half of it).
 */
export function envelopeFailure(envelope: Extract<Envelope, { ok: false }>, t: Localize, redact: (text: string) => string): EnvelopeFailure {
  const { status } = envelope;
  const clean = redact(redactSmartyUrls(envelope.message)).replace(/\s+/g, ' ').trim();
  const message = clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
  if (status === 0) return { category: 'server', status, retryable: false, reason: t('the answer is not a Smarty answer envelope') };
  if (status === 1 || status === 2) {
    return { category: status === 2 ? 'server' : 'invalidInput', status, retryable: status === 2, reason: statusReason(status === 2 ? 503 : 400, message || undefined, t) };
  }
  return { category: categoryOfStatus(status), status, retryable: isRetryableStatus(status), reason: statusReason(status, message || undefined, t) };
}

/** A per-object status: 0 done, 1 failed for good, 2 failed for now (send that object again). */
export type ObjectStatus = 0 | 1 | 2;

/** One object of an answer's list, matched to its image by `name`. */
export interface SmartyObject {
  name: string;
  status: ObjectStatus;
  error?: string;
  /** The object as received, for the parser and the raw JSON tab. */
  raw: Json;
}

/**
 * The per-object list of a success body: `objects` for most methods, `<mode>_labels` for
 * objects/detect. An object without a name cannot be matched and is left out; a status other
 * than 0, 1 or 2 counts as a permanent failure (nothing here may record it as done).
 */
export function objectsOf(body: Json, key = 'objects'): SmartyObject[] {
  const list = body[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): SmartyObject[] => {
    if (!isRecord(raw) || typeof raw.name !== 'string') return [];
    const status: ObjectStatus = raw.status === 0 || raw.status === 2 ? raw.status : 1;
    const error = typeof raw.error === 'string' ? raw.error : raw.status !== 0 && raw.status !== 1 && raw.status !== 2 ? `status ${JSON.stringify(raw.status)}` : undefined;
    return [{ name: raw.name, status, ...(error === undefined ? {} : { error }), raw }];
  });
}

/** The object answering the image named `name`, if the server answered it. */
export function objectNamed(objects: readonly SmartyObject[], name: string): SmartyObject | undefined {
  return objects.find((o) => o.name === name);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function safeChar(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function decodeEntitiesDeep(value: unknown): unknown {
  if (typeof value === 'string') return decodeEntities(value);
  if (Array.isArray(value)) return value.map(decodeEntitiesDeep);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeEntitiesDeep(v)]));
  return value;
}
