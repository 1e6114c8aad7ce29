import { REDACTED } from '../../services/redact';

/**
 * The one place Smarty URLs are built. Smarty takes its OAuth token in the query string
 * (`?oauth_provider=mcs&oauth_token=…`, seed 004), so every Smarty URL is a secret: it is built
 * here, and anything that may carry one goes through `redactSmartyUrls` before a log line or a
 * message. The HTTP client already strips every query from the URLs it logs (`redactUrl`); this
 * keeps `oauth_provider` readable while the token goes, and also catches the token in text the
 * client did not write (node-fetch's "request to … failed" messages, an echoed body).
 */

/** Every Smarty method Image Insight calls, as the path after `/api/v1/`. */
export const SMARTY_METHODS = ['persons/set', 'persons/recognize', 'persons/delete', 'persons/truncate', 'text/recognize', 'objects/detect', 'adult/detect'] as const;
export type SmartyMethod = (typeof SMARTY_METHODS)[number];

/** `mcs` for VK Cloud tokens, `mr` for Mail.ru-internal ones (PROVIDERS.md §3). */
export type OAuthProvider = 'mcs' | 'mr';

/**
 * `{endpoint}/api/v1/{method}?oauth_provider=…&oauth_token=…`. The endpoint is a setting (a
 * trailing slash is allowed); URLSearchParams encodes the token, so a `&` or `#` in it cannot end
 * the parameter early and send the rest somewhere else.
 */
export function smartyUrl(endpoint: string, method: SmartyMethod, oauthProvider: OAuthProvider, token: string): string {
  const query = new URLSearchParams({ oauth_provider: oauthProvider, oauth_token: token });
  return `${endpoint.replace(/\/+$/, '')}/api/v1/${method}?${query.toString()}`;
}

/**
 * Text with the value of every `oauth_token=` replaced by the redaction marker: up to the next
 * `&`, `#`, whitespace or quote, which is where a URL's parameter ends in any text around it.
 */
export function redactSmartyUrls(text: string): string {
  return text.replace(/(\boauth_token=)[^&#\s"'<>]*/gi, `$1${REDACTED}`);
}
