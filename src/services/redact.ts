/**
 * Removes secrets from text before it is logged or shown. Two nets: the exact secrets the
 * credentials service holds — in every form they travel in (URL and form encoding, JSON string
 * escapes, base64 including HTTP Basic `id:secret`) — and long fragments of them, since Smarty
 * echoes part of a bad token back in its error body; and the shapes secrets travel in (query
 * parameters, auth headers, JSON fields, a URL's user info), so that a secret we have not seen
 * yet — a freshly fetched Smarty access token — is caught as well.
 */

export const REDACTED = '‹redacted›';

const PATTERNS: RegExp[] = [
  // Query parameters and form fields: oauth_token=…, access_token=…, key=…, client_secret=…
  /\b((?:oauth_token|access_token|refresh_token|id_token|token|key|api_key|apikey|client_secret|secret|password)=)[^&\s"'#]+/gi,
  // Authorization header values: "Api-Key …", "Bearer …", "Authorization: Basic …"
  /\b(Api-Key\s+)[^\s"',;]+/gi,
  /\b(Bearer\s+)[^\s"',;]+/gi,
  /\b(Authorization"?\s*[:=]\s*"?Basic\s+)[^\s"',;]+/gi,
  // JSON or header-like fields: "client_secret": "…", "access_token":"…", x-goog-api-key: …
  /((?:"|\b)(?:client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|iamToken|iam_token|apiKey|api_key|x-goog-api-key|password)"?\s*[:=]\s*"?)[^"\s,}]+/gi,
  // Smarty's 401 body: "authorization failed, provider: mcs, token: <part of the token>, reason: …"
  /\b(token:\s*)[^\s,;]+/gi,
  // Google's own shapes, wherever they stand: API keys (AIza…, 39 characters; any length from 34 is taken) and OAuth access tokens (ya29.…).
  /()\bAIza[0-9A-Za-z_-]{30,}/g,
  /()\bya29\.[0-9A-Za-z_.-]{8,}/g,
  // The password in a URL's user info: https://user:password@host/…
  /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+(?=@)/gi,
];

/** Secrets shorter than this cannot be told apart from ordinary words and are not looked for. */
const MIN_SECRET = 4;

/** Runs of non-space text; fragments of known secrets are looked for among the long ones. */
const RUN = /\S{8,}/g;

/** Minimum length of a fragment of a known secret that is treated as that secret. */
const MIN_FRAGMENT = 8;

/** Only secrets at least this long are looked for in fragments: a fragment of a short one is too likely an ordinary word. */
const MIN_FRAGMENTED_SECRET = 16;

/** Runs of base64 or base64url text long enough to hold an encoded secret (with HTTP Basic's `Basic ` before it). */
const BASE64ISH = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

interface Prepared {
  /** Matches each secret in its own form and its encoded forms (URL, form, JSON), longest first. */
  encoded: RegExp | undefined;
  /** Every MIN_FRAGMENT-character stretch of the secrets long enough to look for their fragments. */
  fragments: Fragments;
  /** Each secret's UTF-8 bytes as a latin1 string, for matching in decoded base64. */
  bytes: string[];
  /** The same stretches of those secrets' UTF-8 bytes, for decoded base64. */
  byteFragments: Fragments;
}

/**
 * A stretch of MIN_FRAGMENT characters → the secret it stands in and where; `starts` marks the
 * hashes of the stretches' first three characters, so that most positions are passed over
 * without cutting out a string to look up.
 */
interface Fragments {
  size: number;
  stretches: Map<string, { secret: string; at: number }>;
  starts: Uint8Array;
}

function startHash(text: string, at: number): number {
  return ((text.charCodeAt(at) * 961) ^ (text.charCodeAt(at + 1) * 31) ^ text.charCodeAt(at + 2)) & 0xffff;
}

/** The variants are built once per distinct set of secrets: `redact` runs on every log line. */
let cache: { key: string; prepared: Prepared } | undefined;

function prepare(secrets: Iterable<string>): Prepared {
  const known = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const key = known.join('\0');
  if (cache?.key === key) return cache.prepared;
  const fragmented = known.filter((s) => s.length >= MIN_FRAGMENTED_SECRET);
  const prepared: Prepared = {
    encoded: known.length > 0 ? new RegExp(known.map(encodedPattern).join('|'), 'g') : undefined,
    fragments: fragmentsOf(fragmented),
    bytes: known.map(latin1Bytes),
    byteFragments: fragmentsOf(fragmented.map(latin1Bytes)),
  };
  cache = { key, prepared };
  return prepared;
}

export function redact(text: string, secrets: Iterable<string> = []): string {
  const { encoded, fragments, bytes, byteFragments } = prepare(secrets);
  let out = text;
  if (encoded) out = out.replace(encoded, REDACTED);
  if (bytes.length > 0) out = out.replace(BASE64ISH, (run) => (base64Holds(run, bytes, byteFragments) ? REDACTED : run));
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_match, prefix: string) => `${prefix}${REDACTED}`);
  }
  if (fragments.size > 0) out = out.replace(RUN, (run) => removeFragments(run, fragments));
  return out;
}

/**
 * A pattern for a secret as it stands and as it travels: each character other than a letter, a
 * digit or `-_.` may appear percent-encoded (either hex case, any mix: encodeURIComponent,
 * URLSearchParams, other encoders), a space as `+`, and inside a JSON string as `\"`, `\\`,
 * `\/`, `\n`… or `\uXXXX`.
 */
function encodedPattern(secret: string): string {
  let pattern = '';
  for (const char of secret) {
    if (/^[A-Za-z0-9_-]$/.test(char)) {
      pattern += char;
      continue;
    }
    const forms = [escapeRegExp(char)];
    forms.push([...Buffer.from(char, 'utf8')].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
    if (char === ' ') forms.push('\\+');
    const json = JSON.stringify(char).slice(1, -1);
    if (json !== char) forms.push(escapeRegExp(json));
    if (char === '/') forms.push('\\\\/');
    let units = '';
    for (let i = 0; i < char.length; i++) units += `\\\\u${hexPattern(char.charCodeAt(i), 4)}`;
    forms.push(units);
    pattern += `(?:${forms.join('|')})`;
  }
  return pattern;
}

/** A number in hex of the given width, matching either case: 0x2f → `2[fF]`. */
function hexPattern(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * True when a run of base64 (or base64url) text decodes to bytes holding a known secret or a
 * long fragment of one: the secret on its own, `id:secret` for HTTP Basic, or a secret somewhere
 * in a larger encoded value. Each of the four character offsets is tried, so a run that does not
 * start on a four-character group still decodes in step with the encoder.
 */
function base64Holds(run: string, bytes: string[], fragments: Fragments): boolean {
  const body = run.replace(/=+$/, '');
  for (let offset = 0; offset < 4 && body.length - offset >= 6; offset++) {
    const decoded = Buffer.from(body.slice(offset), 'base64').toString('latin1');
    if (bytes.some((secret) => decoded.includes(secret))) return true;
    if (fragments.size > 0 && longestFragment(decoded, fragments) !== undefined) return true;
  }
  return false;
}

/**
 * Replaces in `run` every stretch of at least MIN_FRAGMENT characters that also stands in one of
 * the secrets. What is already redacted is left out of the search, so a secret that happens to
 * hold "redacted" cannot match the marker it was replaced by.
 */
function removeFragments(run: string, fragments: Fragments): string {
  return run.split(REDACTED).map((piece) => removeFragmentsIn(piece, fragments)).join(REDACTED);
}

function removeFragmentsIn(piece: string, fragments: Fragments): string {
  const found = piece.length < MIN_FRAGMENT ? undefined : longestFragment(piece, fragments);
  return found ? `${piece.slice(0, found.start)}${REDACTED}${removeFragmentsIn(piece.slice(found.end), fragments)}` : piece;
}

/** The first stretch in `text` of at least MIN_FRAGMENT characters that also stands in a secret, grown to its full length. */
function longestFragment(text: string, fragments: Fragments): { start: number; end: number } | undefined {
  for (let start = 0; start + MIN_FRAGMENT <= text.length; start++) {
    if (fragments.starts[startHash(text, start)] === 0) continue;
    const hit = fragments.stretches.get(text.slice(start, start + MIN_FRAGMENT));
    if (hit === undefined) continue;
    let end = start + MIN_FRAGMENT;
    for (let j = hit.at + MIN_FRAGMENT; end < text.length && j < hit.secret.length && text[end] === hit.secret[j]; j++) end++;
    return { start, end };
  }
  return undefined;
}

function fragmentsOf(secrets: string[]): Fragments {
  const stretches: Fragments['stretches'] = new Map();
  const starts = new Uint8Array(0x10000);
  for (const secret of secrets) {
    for (let at = 0; at + MIN_FRAGMENT <= secret.length; at++) {
      const stretch = secret.slice(at, at + MIN_FRAGMENT);
      if (!stretches.has(stretch)) stretches.set(stretch, { secret, at });
      starts[startHash(secret, at)] = 1;
    }
  }
  return { size: stretches.size, stretches, starts };
}

function latin1Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A URL with its query string and credentials removed, for logs: the Smarty token lives in the query. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) parsed.searchParams.set(name, REDACTED);
    return parsed.toString().replace(encodeURIComponent(REDACTED), REDACTED).split(encodeURIComponent(REDACTED)).join(REDACTED);
  } catch {
    return redact(url);
  }
}
