import { endpointProblem, parseConfig } from '../../services/configSchema';
import type { Credentials } from '../../services/credentialShapes';
import { UserError } from '../../shared/errors';
import type { CancellationLike } from '../../shared/cancellation';
import type { HttpClient } from '../http';
import type { ProviderDeps } from '../descriptor';
import { ProviderError, vkEnvelopeStatus } from '../providerError';
import { smartyDescriptor } from './descriptor';
import { envelopeFailure, readEnvelope } from './smartyEnvelope';
import { ledgerAccount } from './ledger';
import { smartyBody, type SmartyFile, type SmartyMeta } from './smartyMultipart';
import { readSmartySettings, type SmartySettings } from './smartySettings';
import { isAuthRefusal, SmartyTokenSource, withToken, type SmartyCredentials } from './smartyToken';
import { redactSmartyUrls, smartyUrl, type SmartyMethod } from './smartyUrl';

/** What one call needs besides the method and its body. */
export interface CallOptions {
  /** The file's base name, when the request is about one file. */
  file?: string;
  token?: CancellationLike;
  /**
   * Safe to send twice. Everything but `set` is: a `set` answer lost on the way may have been
   * done, and doing it again would enroll the image a second time.
   */
  idempotent: boolean;
}

/**
 * Smarty's transport, shared by the analysis engine and the persons operations: settings and
 * credentials read per call (a change applies to the next request), the token from a
 * `SmartyTokenSource` kept while the credentials stay the same (a fetched token is reused until
 * it is due), the URL built in the one place that builds them, the multipart body, and the
 * answer's envelope read whatever the HTTP status. Every message and log line of a call is
 * redacted with the extension's redactor and the tokens held now.
 */
export class SmartyClient {
  private source: { key: string; tokens: SmartyTokenSource } | undefined;

  constructor(
    private readonly deps: Pick<ProviderDeps, 't' | 'setting' | 'credentials' | 'redact'>,
    private readonly http: HttpClient,
  ) {}

  get displayName(): string {
    return smartyDescriptor.name(this.deps.t);
  }

  settings(): SmartySettings {
    return readSmartySettings(this.deps.setting);
  }

  /** The ledger's account for the credentials stored now (a hash of the endpoint and the token or client id). */
  async account(): Promise<string> {
    const credentials = await this.credentials();
    return ledgerAccount(this.endpoint(this.settings()), 'accessToken' in credentials ? credentials : { clientId: credentials.clientId });
  }

  /** Redacts with the extension's redactor, the tokens held now and any Smarty URL. */
  redact(text: string): string {
    const own = this.source?.tokens;
    return this.deps.redact(redactSmartyUrls(own ? own.redact(text) : text));
  }

  /** One call: the success envelope's body, or a ProviderError (auth, server, …) with the server's redacted words. */
  async call(method: SmartyMethod, meta: SmartyMeta, files: SmartyFile[], options: CallOptions): Promise<Record<string, unknown>> {
    const settings = this.settings();
    const endpoint = this.endpoint(settings);
    const tokens = await this.tokens(settings);
    const body = await smartyBody(method, meta, files);
    const timeoutMs = parseConfig(this.deps.setting).timeoutSeconds * 1000;
    const redact = (text: string) => redactSmartyUrls(tokens.redact(text));
    return withToken(
      tokens,
      async (token) => {
        const response = await this.http.request({
          provider: this.displayName,
          file: options.file,
          method: 'POST',
          url: smartyUrl(endpoint, method, settings.oauthProvider, token),
          body,
          idempotent: options.idempotent,
          timeoutMs,
          token: options.token,
          expect: 'json',
          bodyStatus: vkEnvelopeStatus,
          redact,
        });
        const envelope = readEnvelope(response.json, response.status);
        if (envelope.ok) return envelope.body;
        const failure = envelopeFailure(envelope, this.deps.t, redact);
        throw new ProviderError({ ...failure, provider: this.displayName, file: options.file }, this.deps.t, (text) => this.deps.redact(redact(text)));
      },
      isAuthRefusal,
    );
  }

  private endpoint(settings: SmartySettings): string {
    const problem = endpointProblem(settings.endpoint);
    const { t } = this.deps;
    if (problem) throw new UserError(t('The setting imageInsight.smarty.{0} cannot be used ({1}): {2}', 'endpoint', problem, settings.endpoint));
    return settings.endpoint.replace(/\/+$/, '');
  }

  private async credentials(): Promise<SmartyCredentials> {
    const stored: Credentials | undefined = await this.deps.credentials.get(smartyDescriptor.id);
    if (stored?.accessToken) return { accessToken: stored.accessToken };
    if (stored?.clientId && stored.clientSecret) return { clientId: stored.clientId, clientSecret: stored.clientSecret };
    const { t } = this.deps;
    throw new ProviderError({ category: 'auth', provider: this.displayName, reason: t('no credentials are set. Run "Image Insight: Set Credentials…" and choose VK Cloud Smarty.') }, t);
  }

  /** The token source for the credentials and token endpoint of now; kept while they stay the same. */
  private async tokens(settings: SmartySettings): Promise<SmartyTokenSource> {
    const credentials = await this.credentials();
    const key = JSON.stringify([credentials, settings.tokenEndpoint]);
    if (this.source?.key === key) return this.source.tokens;
    if (!('accessToken' in credentials)) {
      const problem = endpointProblem(settings.tokenEndpoint);
      const { t } = this.deps;
      if (problem) throw new UserError(t('The setting imageInsight.smarty.{0} cannot be used ({1}): {2}', 'tokenEndpoint', problem, settings.tokenEndpoint));
    }
    const tokens: SmartyTokenSource = new SmartyTokenSource({
      credentials,
      tokenEndpoint: settings.tokenEndpoint,
      now: Date.now,
      t: this.deps.t,
      redact: this.deps.redact,
      provider: this.displayName,
      post: async (url, jsonBody) => {
        const response = await this.http.request({
          provider: this.displayName,
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          body: jsonBody,
          idempotent: true,
          timeoutMs: parseConfig(this.deps.setting).timeoutSeconds * 1000,
          expect: 'text',
          redact: (text) => tokens.redact(text),
        });
        return { status: response.status, text: response.text };
      },
    });
    this.source = { key, tokens };
    return tokens;
  }
}
