import { randomBytes } from 'node:crypto';
import type { EmulatorResponse, RecordedRequest } from '../core';

/**
 * The emulator's token endpoint (`POST /auth/oauth/v1/token`, PROVIDERS.md §3): JSON in, JSON
 * out, `expired_in` a string; client_credentials and refresh_token grants. Issued tokens belong
 * to their client id's account and expire on the emulator's clock.
 */

export interface Issued {
  account: string;
  expiresAt: number;
}

export class TokenIssuer {
  readonly access = new Map<string, Issued>();
  private readonly refresh = new Map<string, string>();

  constructor(private readonly client: { clientId: string; clientSecret: string }, private readonly lifetimeS: number, private readonly now: () => number) {}

  answer(request: RecordedRequest): EmulatorResponse {
    if (request.method !== 'POST') return { status: 405, body: { error: 'method_not_allowed' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'invalid_request', error_description: 'the body is not JSON' } };
    }
    if (body.client_id !== this.client.clientId) return { status: 401, body: { error: 'invalid_client' } };
    if (body.grant_type === 'client_credentials') {
      if (body.client_secret !== this.client.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
      return this.issue();
    }
    if (body.grant_type === 'refresh_token') {
      const old = typeof body.refresh_token === 'string' ? this.refresh.get(body.refresh_token) : undefined;
      if (old === undefined) return { status: 400, body: { error: 'invalid_grant' } };
      this.refresh.delete(body.refresh_token as string);
      return this.issue();
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** Expires every issued access token now (refresh tokens stay good). */
  expireAll(): void {
    for (const issued of this.access.values()) issued.expiresAt = this.now() - 1;
  }

  private issue(): EmulatorResponse {
    const accessToken = `emu-access-${randomBytes(16).toString('hex')}`;
    const refreshToken = `emu-refresh-${randomBytes(16).toString('hex')}`;
    this.access.set(accessToken, { account: `client:${this.client.clientId}`, expiresAt: this.now() + this.lifetimeS * 1000 });
    this.refresh.set(refreshToken, accessToken);
    return { status: 200, body: { access_token: accessToken, refresh_token: refreshToken, expired_in: String(this.lifetimeS) } };
  }
}
