import assert from 'node:assert/strict';
import { ProviderError } from '../../src/providers/providerError';
import { DEFAULT_LIFETIME_S, isAuthRefusal, SmartyTokenSource, withToken, type SmartyCredentials, type TokenPost } from '../../src/providers/smarty/smartyToken';
import { redact } from '../../src/services/redact';
import { formatOnly } from '../../src/shared/localize';

const SECRET = 'client-secret-canary-93kdSl20aQ7Hq2pX';
const ENDPOINT = 'https://mcs.example/auth/oauth/v1/token';

/** A token endpoint in memory: answers queued, or fresh numbered tokens; records every body. */
function endpoint(options: { lifetime?: string | number; refresh?: boolean; delayMs?: number } = {}) {
  const bodies: Array<Record<string, string>> = [];
  const queued: Array<{ status: number; text: string } | Error> = [];
  let issued = 0;
  const post: TokenPost = async (url, body) => {
    assert.equal(url, ENDPOINT);
    bodies.push(JSON.parse(body) as Record<string, string>);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const next = queued.shift();
    if (next instanceof Error) throw next;
    if (next) return next;
    issued++;
    return { status: 200, text: JSON.stringify({ access_token: `access-${issued}`, ...(options.refresh ? { refresh_token: `refresh-${issued}` } : {}), expired_in: options.lifetime ?? '3600' }) };
  };
  return { post, bodies, queued, issued: () => issued };
}

function source(post: TokenPost, clock: { now: number }, credentials: SmartyCredentials = { clientId: 'client-1', clientSecret: SECRET }) {
  return new SmartyTokenSource({ credentials, tokenEndpoint: ENDPOINT, post, now: () => clock.now, t: formatOnly, redact: (text) => redact(text, [SECRET]), provider: 'VK Cloud Smarty' });
}

const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }
  throw new Error('expected a failure');
};

describe('Smarty tokens', () => {
  it('a service token is used as it is: no fetch, never expires, cannot be renewed after a refusal', async () => {
    const e = endpoint();
    const s = source(e.post, { now: 0 }, { accessToken: 'service-token' });
    assert.equal(await s.token(), 'service-token');
    assert.equal(await s.renewAfterRefusal('service-token'), undefined);
    assert.equal(e.bodies.length, 0);
  });

  it('client credentials: grant_type client_credentials as JSON; expired_in is a string; refreshed a minute before expiry', async () => {
    const e = endpoint({ lifetime: '3600' });
    const clock = { now: 1_000_000 };
    const s = source(e.post, clock);
    assert.equal(await s.token(), 'access-1');
    assert.deepEqual(e.bodies[0], { client_id: 'client-1', client_secret: SECRET, grant_type: 'client_credentials' });
    clock.now += 3_539_000;
    assert.equal(await s.token(), 'access-1', 'still good 61 s before expiry');
    clock.now += 2_000;
    assert.equal(await s.token(), 'access-2', 'renewed within the last minute');
    assert.equal(e.bodies.length, 2);
  });

  it('a numeric or missing expired_in is read too; a short life is refreshed at nine tenths', async () => {
    const clock = { now: 0 };
    const numeric = source(endpoint({ lifetime: 100 }).post, clock);
    await numeric.token();
    clock.now = 89_000;
    assert.equal(await numeric.token(), 'access-1');
    clock.now = 91_000;
    assert.equal(await numeric.token(), 'access-2');
    const e = endpoint({ lifetime: 'soon' });
    const unknown = source(e.post, { now: 0 });
    await unknown.token();
    assert.equal(e.issued(), 1);
    assert.ok(DEFAULT_LIFETIME_S > 0);
  });

  it('with a refresh token it refreshes (grant_type refresh_token), and falls back to the secret when that is refused', async () => {
    const e = endpoint({ lifetime: '60', refresh: true });
    const clock = { now: 0 };
    const s = source(e.post, clock);
    await s.token();
    clock.now = 60_000;
    assert.equal(await s.token(), 'access-2');
    assert.deepEqual(e.bodies[1], { client_id: 'client-1', refresh_token: 'refresh-1', grant_type: 'refresh_token' });
    clock.now = 120_000;
    e.queued.push({ status: 400, text: JSON.stringify({ error: 'invalid_grant' }) });
    assert.equal(await s.token(), 'access-3');
    assert.deepEqual(e.bodies.slice(2).map((b) => b.grant_type), ['refresh_token', 'client_credentials']);
  });

  it('concurrent callers share one fetch', async () => {
    const e = endpoint({ delayMs: 20 });
    const s = source(e.post, { now: 0 });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => s.token()));
    assert.deepEqual(new Set(tokens), new Set(['access-1']));
    assert.equal(e.bodies.length, 1);
  });

  it('a refusal (401/403) renews once; callers refused with the same token share that renewal; a second refusal is the error', async () => {
    const e = endpoint();
    const s = source(e.post, { now: 0 });
    const refusal = new ProviderError({ category: 'auth', provider: 'VK Cloud Smarty', status: 401, reason: 'refused' }, formatOnly);
    const seen: string[] = [];
    const result = await withToken(s, (token) => {
      seen.push(token);
      return token === 'access-1' ? Promise.reject(refusal) : Promise.resolve('done');
    }, isAuthRefusal);
    assert.equal(result, 'done');
    assert.deepEqual(seen, ['access-1', 'access-2']);
    const renewed = await Promise.all([s.renewAfterRefusal('access-2'), s.renewAfterRefusal('access-2')]);
    assert.deepEqual(renewed, ['access-3', 'access-3']);
    assert.equal(await s.renewAfterRefusal('access-2'), 'access-3', 'an old token refused late: the current one, no fetch');
    assert.equal(e.bodies.length, 3);
    await assert.rejects(withToken(s, () => Promise.reject(refusal), isAuthRefusal), (error) => error === refusal);
    const other = new Error('not an auth problem');
    await assert.rejects(withToken(s, () => Promise.reject(other), isAuthRefusal), (error) => error === other);
  });

  it('failures are ProviderErrors with no secret or token in them', async () => {
    const e = endpoint();
    const s = source(e.post, { now: 0 });
    e.queued.push({ status: 401, text: JSON.stringify({ error: 'invalid_client', error_description: `bad secret ${SECRET}` }) });
    const refused = await failure(s.token());
    assert.equal(refused.category, 'auth');
    assert.match(refused.message, /refused the client ID and secret \(HTTP 401\)/);
    e.queued.push({ status: 200, text: JSON.stringify({ token_type: 'bearer' }) });
    assert.equal((await failure(s.token())).category, 'server');
    e.queued.push({ status: 503, text: 'busy' });
    assert.ok((await failure(s.token())).retryable);
    e.queued.push(new Error(`request to ${ENDPOINT}?client_secret=${SECRET} failed, reason: ECONNRESET`));
    const network = await failure(s.token());
    assert.equal(network.category, 'network');
    // A token that was fetched and then echoed back is redacted too.
    const t1 = await s.token();
    assert.ok(!s.redact(`token: ${t1}, again ${t1}`).includes(t1));
    for (const error of [refused, network]) {
      for (let i = 0; i + 8 <= SECRET.length; i++) assert.ok(!error.message.includes(SECRET.slice(i, i + 8)), error.message);
    }
  });
});
