import { redact as redactSecrets } from '../../services/redact';
import { isCancellation, messageOf } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import { ProviderError } from '../providerError';

/**
 * Smarty's access token, from either credential form (ARCHITECTURE.md, "Credentials"): a
 * service token from the VK Cloud console (used as it is, never expires), or a client id and
 * secret exchanged at the token endpoint (PROVIDERS.md §3: `grant_type=client_credentials`, a
 * JSON body, `expired_in` a string of seconds), refreshed shortly before it expires and once
 * when the server refuses it (401/403), with the refresh token when one was given. Pure: the
 * POST and the clock are injected; callers at the same moment share one fetch.
 */

export type SmartyCredentials = { accessToken: string } | { clientId: string; clientSecret: string };

/** Sends a JSON body to the token endpoint; throws only when no answer came (network, cancel). */
export type TokenPost = (url: string, jsonBody: string) => Promise<{ status: number; text: string }>;

export interface TokenSourceOptions {
  credentials: SmartyCredentials;
  tokenEndpoint: string;
  post: TokenPost;
  now: () => number;
  t: Localize;
  /** The extension's redactor (the stored secrets and secret shapes). */
  redact: (text: string) => string;
  /** The provider's display name, for messages. */
  provider: string;
}

/** Refresh this long before the token expires (or a tenth of its life, if that is shorter). */
export const REFRESH_MARGIN_MS = 60_000;
/** The life assumed when the endpoint does not say (`expired_in` absent or unreadable). */
export const DEFAULT_LIFETIME_S = 600;

interface Held {
  accessToken: string;
  refreshToken?: string;
  /** When to fetch a new one (already less the margin); Infinity for a service token. */
  refreshAt: number;
}

export class SmartyTokenSource {
  private held: Held | undefined;
  private pending: Promise<Held> | undefined;

  constructor(private readonly options: TokenSourceOptions) {
    if ('accessToken' in options.credentials) this.held = { accessToken: options.credentials.accessToken, refreshAt: Infinity };
  }

  /** A token good for now: the held one, or a new one (one fetch however many callers wait). */
  async token(): Promise<string> {
    const held = this.held;
    if (held && this.options.now() < held.refreshAt) return held.accessToken;
    return (await this.renew()).accessToken;
  }

  /**
   * The server refused `rejected` (401/403): a new token, or undefined when there is none to get
   * (a service token cannot be renewed — the user must set another). A token renewed by another
   * caller meanwhile is returned as it is, not fetched again.
   */
  async renewAfterRefusal(rejected: string): Promise<string | undefined> {
    if ('accessToken' in this.options.credentials) return undefined;
    if (this.held && this.held.accessToken !== rejected && this.options.now() < this.held.refreshAt) return this.held.accessToken;
    if (this.held?.accessToken === rejected) this.held = { ...this.held, refreshAt: -Infinity };
    return (await this.renew()).accessToken;
  }

  /** The tokens held now, so that the redactor knows them (a fetched token is in no store). */
  secrets(): string[] {
    const { credentials } = this.options;
    const own = 'accessToken' in credentials ? [credentials.accessToken] : [credentials.clientSecret];
    return [...own, ...(this.held ? [this.held.accessToken, ...(this.held.refreshToken ? [this.held.refreshToken] : [])] : [])];
  }

  /** Redacts with the extension's redactor and the tokens held now. */
  redact(text: string): string {
    return this.options.redact(redactSecrets(text, this.secrets()));
  }

  private renew(): Promise<Held> {
    this.pending ??= this.fetchNew().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** With a refresh token, refresh first; if the endpoint refuses it, start over with the client secret. */
  private async fetchNew(): Promise<Held> {
    const { credentials } = this.options;
    if ('accessToken' in credentials) return this.held!;
    const refreshToken = this.held?.refreshToken;
    if (refreshToken) {
      try {
        return (this.held = await this.exchange({ client_id: credentials.clientId, refresh_token: refreshToken, grant_type: 'refresh_token' }));
      } catch (error) {
        if (!(error instanceof ProviderError) || error.category !== 'auth') throw error;
      }
    }
    return (this.held = await this.exchange({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' }));
  }

  private async exchange(body: Record<string, string>): Promise<Held> {
    const { t, provider, now } = this.options;
    const fail = (init: { category: 'auth' | 'server' | 'network'; status?: number; retryable?: boolean; reason: string }) =>
      new ProviderError({ ...init, provider }, t, (text) => this.redact(text));
    const started = now();
    let answer: { status: number; text: string };
    try {
      answer = await this.options.post(this.options.tokenEndpoint, JSON.stringify(body));
    } catch (error) {
      if (isCancellation(error) || error instanceof ProviderError) throw error;
      throw fail({ category: 'network', retryable: true, reason: t('the token endpoint could not be reached: {0}', this.redact(messageOf(error))) });
    }
    let json: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(answer.text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      // not JSON: handled below as an answer without a token
    }
    const { status } = answer;
    if (status < 200 || status > 299) {
      const said = [json.error, json.error_description, json.message].filter((v): v is string => typeof v === 'string').join(': ') || answer.text.slice(0, 200);
      const refused = status === 400 || status === 401 || status === 403;
      throw fail({
        category: refused ? 'auth' : 'server',
        status,
        retryable: status === 429 || status >= 500,
        reason: refused
          ? t('the token endpoint refused the client ID and secret (HTTP {0}): {1}', status, this.redact(said))
          : t('the token endpoint failed (HTTP {0}): {1}', status, this.redact(said)),
      });
    }
    const accessToken = json.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') throw fail({ category: 'server', status, reason: t('the token endpoint answered without an access token (HTTP {0})', status) });
    // `expired_in` is documented as a string ("3600"); a number is read too.
    const seconds = Number(typeof json.expired_in === 'string' || typeof json.expired_in === 'number' ? json.expired_in : NaN);
    const lifeMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_LIFETIME_S) * 1000;
    const refreshToken = typeof json.refresh_token === 'string' && json.refresh_token !== '' ? json.refresh_token : this.held?.refreshToken;
    return { accessToken, ...(refreshToken ? { refreshToken } : {}), refreshAt: started + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 10) };
  }
}

/**
 * Runs `call` with a token; when the server refuses it (`isRefusal`), renews the token once and
 * runs `call` again. A second refusal, or one for a service token, is the caller's error.
 */
export async function withToken<T>(source: SmartyTokenSource, call: (token: string) => Promise<T>, isRefusal: (error: unknown) => boolean): Promise<T> {
  const token = await source.token();
  try {
    return await call(token);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const renewed = await source.renewAfterRefusal(token);
    if (renewed === undefined) throw error;
    return call(renewed);
  }
}

/** A refusal of the token: a ProviderError of category auth (HTTP or envelope 401/403). */
export const isAuthRefusal = (error: unknown): boolean => error instanceof ProviderError && error.category === 'auth';
