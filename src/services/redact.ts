/**
 * Removes secrets from text before it is logged or shown. Two nets: the exact secrets the
 * credentials service holds (and long fragments of them, since Smarty echoes part of a bad
 * token back in its error body), and the shapes secrets travel in (query parameters, auth
 * headers, JSON fields), so that a secret we have not seen yet — a freshly fetched Smarty
 * access token — is caught as well.
 */

export const REDACTED = '‹redacted›';

const PATTERNS: RegExp[] = [
  // Query parameters and form fields: oauth_token=…, access_token=…, key=…, client_secret=…
  /\b((?:oauth_token|access_token|refresh_token|id_token|token|key|api_key|apikey|client_secret|secret|password)=)[^&\s"'#]+/gi,
  // Authorization header values: "Api-Key …", "Bearer …"
  /\b(Api-Key\s+)[^\s"',;]+/gi,
  /\b(Bearer\s+)[^\s"',;]+/gi,
  // JSON or header-like fields: "client_secret": "…", "access_token":"…", x-goog-api-key: …
  /((?:"|\b)(?:client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|iamToken|iam_token|apiKey|api_key|x-goog-api-key|password)"?\s*[:=]\s*"?)[^"\s,}]+/gi,
  // Smarty's 401 body: "authorization failed, provider: mcs, token: <part of the token>, reason: …"
  /\b(token:\s*)[^\s,;]+/gi,
];

/** Runs of characters that can make up a token; fragments of known secrets are looked for among them. */
const TOKENISH = /[A-Za-z0-9._~+/=-]{8,}/g;

/** Minimum length of a fragment of a known secret that is treated as that secret. */
const MIN_FRAGMENT = 8;

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const known = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of known) {
    out = out.split(secret).join(REDACTED);
    // URL-encoded forms travel in query strings and in node-fetch's error messages.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_match, prefix: string) => `${prefix}${REDACTED}`);
  }
  const longSecrets = known.filter((s) => s.length >= MIN_FRAGMENT);
  if (longSecrets.length > 0) {
    out = out.replace(TOKENISH, (run) =>
      longSecrets.some((secret) => secret.includes(run) || sharesFragment(run, secret)) ? REDACTED : run,
    );
  }
  return out;
}

/** True when `run` contains a substring of `secret` of at least MIN_FRAGMENT characters. */
function sharesFragment(run: string, secret: string): boolean {
  for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) {
    if (run.includes(secret.slice(i, i + MIN_FRAGMENT))) return true;
  }
  return false;
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
