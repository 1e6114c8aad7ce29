import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import FormData from 'form-data';
import fetch from 'node-fetch';
import { createHttpClient, MAX_ATTEMPTS, type HttpClientDeps, type HttpRequest } from '../../src/providers/http';
import { ProviderError, vkEnvelopeStatus } from '../../src/providers/providerError';
import { redact } from '../../src/services/redact';
import { isCancellation } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { EmulatorServer, type RecordedRequest } from '../emulators/core';
import { tokenSource } from './cancellation';

/**
 * The HTTP client against the emulator core's fault injection: every fault gives the right
 * category, safe requests are tried at most three times, nothing hangs past its timeout, and a
 * canary secret in the URL or a header never reaches a message or a log line.
 */

const CANARY = 'canaryTok-7Hq2pX9vLm4Z';
const CANARY_KEY = 'AQVNcanaryKey-93kdSl20aQ';
const REQUEST_ID = 'req-1234abcd';

/** Everything the client said: checked for the canaries after all tests. */
const said: string[] = [];

function client(extra: Partial<HttpClientDeps> = {}) {
  const waits: number[] = [];
  const deps: HttpClientDeps = {
    fetch,
    t: formatOnly,
    redact: (text) => redact(text, [CANARY, CANARY_KEY]),
    log: (line) => said.push(line),
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
    random: () => 0.5,
    ...extra,
  };
  return { http: createHttpClient(deps), waits };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
    said.push(error.message);
    return error;
  }
  assert.fail('the request succeeded');
}

const ok = (_r: RecordedRequest) => ({ status: 200, headers: { 'x-request-id': REQUEST_ID }, body: { ok: true } });

describe('HTTP client', function () {
  this.timeout(5000);
  let server: EmulatorServer;
  let request: (extra?: Partial<HttpRequest>) => HttpRequest;

  before(async () => {
    server = await EmulatorServer.start(ok, { name: 'test' });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    request = (extra = {}) => ({
      provider: 'Test Vision',
      file: 'cat.png',
      method: 'POST',
      url: `${server.url}/v1/annotate?oauth_provider=mcs&oauth_token=${CANARY}`,
      headers: { authorization: `Api-Key ${CANARY_KEY}`, 'content-type': 'application/json' },
      body: '{"image":"AAAA"}',
      idempotent: true,
      timeoutMs: 2000,
      ...extra,
    });
  });

  it('returns the parsed JSON, the headers and the request id', async () => {
    const response = await client().http.request(request());
    assert.deepEqual(response.json, { ok: true });
    assert.equal(response.requestId, REQUEST_ID);
    assert.equal(server.requests[0]!.headers.authorization, `Api-Key ${CANARY_KEY}`);
  });

  it('a Yandex Status 401 → auth, naming file, provider, cause and request id; not retried', async () => {
    server.inject({ kind: 'status', status: 401, body: JSON.stringify({ code: 16, message: 'Token is invalid or has expired.', details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'yc-77' }] }), contentType: 'application/json' });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.requestId, 'yc-77');
    assert.match(error.message, /^Test Vision could not process cat\.png: .*Token is invalid or has expired\..*\(request id yc-77\)$/);
    assert.equal(server.requests.length, 1);
  });

  it('a Google error body → its message and reason; 400 → invalidInput', async () => {
    server.inject({ kind: 'status', status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 400, message: 'Bad image data.', status: 'INVALID_ARGUMENT', details: [{ reason: 'BAD_IMAGE' }] } }) });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'invalidInput');
    assert.match(error.message, /Bad image data\. \(BAD_IMAGE\)/);
  });

  it('a VK envelope error under HTTP 200 → its status, with the echoed token redacted', async () => {
    const body = { status: 401, body: `authorization failed, provider: mcs, token: ${CANARY.slice(0, 12)}, reason: expired`, htmlencoded: false };
    server.inject({ kind: 'status', status: 200, body: JSON.stringify(body), contentType: 'application/json' });
    const error = await failure(client().http.request(request({ bodyStatus: vkEnvelopeStatus })));
    assert.equal(error.category, 'auth');
    assert.match(error.message, /authorization failed/);
    assert.ok(!error.message.includes(CANARY.slice(0, 12)));
  });

  it('a long error body is redacted before it is clipped: a canary cut by the clip leaves no prefix', async () => {
    // The provider message is clipped at 300 characters: here that would keep 7 characters of the canary.
    server.inject({ kind: 'status', status: 401, contentType: 'text/plain', body: `${'w'.repeat(292)} ${CANARY} and the rest of a long body` });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'auth');
    assert.ok(!error.message.includes(CANARY.slice(0, 5)), error.message);
  });

  it('429 with Retry-After seconds: waits that long, then succeeds', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '2' });
    const { http: c, waits } = client();
    const response = await c.request(request());
    assert.equal(response.status, 200);
    assert.deepEqual(waits, [2000]);
    assert.equal(server.requests.length, 2);
  });

  it('503 with Retry-After as an HTTP-date is honoured', async () => {
    server.inject({ kind: 'status', status: 503, retryAfter: new Date(Date.now() + 3000).toUTCString() });
    const { http: c, waits } = client();
    await c.request(request());
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 1000 && waits[0]! <= 3000, `waited ${waits[0]}`);
  });

  it('429 three times → a quota error after exactly three attempts', async () => {
    server.inject(...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 429 })));
    const { http: c, waits } = client();
    const error = await failure(c.request(request()));
    assert.equal(error.category, 'quota');
    assert.equal(error.retryable, true);
    assert.equal(server.requests.length, MAX_ATTEMPTS);
    // Exponential backoff with full jitter (random 0.5): half of 500 ms, then half of 1 s.
    assert.deepEqual(waits, [250, 500]);
  });

  it('a Retry-After beyond the cap → a quota error at once, no waiting', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '120' });
    const { http: c, waits } = client();
    const error = await failure(c.request(request()));
    assert.equal(error.category, 'quota');
    assert.match(error.message, /120 seconds/);
    assert.deepEqual(waits, []);
    assert.equal(server.requests.length, 1);
  });

  for (const status of [502, 504]) {
    it(`${status} is retried, then succeeds`, async () => {
      server.inject({ kind: 'status', status });
      assert.equal((await client().http.request(request())).status, 200);
      assert.equal(server.requests.length, 2);
    });
  }

  it('500 → server, not retried', async () => {
    server.inject({ kind: 'status', status: 500 });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'server');
    assert.equal(server.requests.length, 1);
  });

  it('a request that is not safe to repeat is never retried', async () => {
    server.inject({ kind: 'status', status: 503 }, { kind: 'reset' });
    const error = await failure(client().http.request(request({ idempotent: false })));
    assert.equal(error.category, 'server');
    assert.equal(error.retryable, true);
    assert.equal(server.requests.length, 1);
    const reset = await failure(client().http.request(request({ idempotent: false })));
    assert.equal(reset.category, 'network');
    assert.equal(server.requests.length, 2);
  });

  it('a connection reset is retried', async () => {
    server.inject({ kind: 'reset' });
    assert.equal((await client().http.request(request())).status, 200);
    assert.equal(server.requests.length, 2);
  });

  it('a stalled server → a network timeout within the timeout, never a hang', async () => {
    server.inject({ kind: 'stall' });
    const started = Date.now();
    const error = await failure(client().http.request(request({ idempotent: false, timeoutMs: 200 })));
    const took = Date.now() - started;
    assert.equal(error.category, 'network');
    assert.match(error.message, /within 0\.2 seconds/);
    assert.ok(took < 1000, `took ${took} ms`);
  });

  it('a stall on every attempt → three attempts, then a network error', async () => {
    server.inject({ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' });
    const error = await failure(client().http.request(request({ timeoutMs: 150 })));
    assert.equal(error.category, 'network');
    assert.equal(server.requests.length, 3);
  });

  it('a body cut off after its headers (Content-Length unmet) → the idle guard ends it, then a retry', async () => {
    server.inject({ kind: 'truncated', afterBytes: 5 });
    const { http: c } = client();
    const error = await failure(c.request(request({ idempotent: false, idleMs: 150 })));
    assert.equal(error.category, 'network');
    assert.match(error.message, /broke off after 5 bytes/);
    server.inject({ kind: 'truncated', afterBytes: 5 });
    assert.deepEqual((await c.request(request({ idleMs: 150 }))).json, { ok: true });
  });

  it('cancellation mid-request → a cancelled error that isCancellation recognizes, at once', async () => {
    server.inject({ kind: 'latency', ms: 3000 });
    const token = tokenSource();
    setTimeout(() => token.cancel(), 50);
    const started = Date.now();
    const error = await failure(client().http.request(request({ token })));
    assert.equal(error.category, 'cancelled');
    assert.ok(isCancellation(error));
    assert.ok(Date.now() - started < 1000);
  });

  it('cancellation during the wait between attempts ends it', async () => {
    server.inject({ kind: 'status', status: 503 });
    const token = tokenSource();
    const { http: c } = client({ sleep: () => (token.cancel(), new Promise<void>(() => undefined)) });
    const error = await failure(c.request(request({ token })));
    assert.ok(isCancellation(error));
    assert.equal(server.requests.length, 1);
  });

  it('a redirect is refused and its target never contacted', async () => {
    const elsewhere = await EmulatorServer.start(ok);
    try {
      server.inject({ kind: 'redirect', location: `${elsewhere.url}/steal`, status: 307 });
      const error = await failure(client().http.request(request()));
      assert.equal(error.category, 'server');
      assert.match(error.message, /redirect/);
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(server.requests.length, 1);
    } finally {
      await elsewhere.close();
    }
  });

  it('an HTML page (a proxy) → its status, never its markup', async () => {
    server.inject({ kind: 'html', status: 502 }, { kind: 'html', status: 502 }, { kind: 'html', status: 502 });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'server');
    assert.match(error.message, /HTML page .*HTTP 502/);
    assert.ok(!/<|nginx/.test(error.message));
    server.reset();
    server.inject({ kind: 'html', status: 200 });
    const ok200 = await failure(client().http.request(request()));
    assert.match(ok200.message, /HTML page .*HTTP 200/);
  });

  it('malformed JSON → a server error, not retried', async () => {
    server.inject({ kind: 'malformedJson' });
    const error = await failure(client().http.request(request()));
    assert.equal(error.category, 'server');
    assert.match(error.message, /not valid JSON \(HTTP 200\)/);
    assert.ok(!error.message.includes('not json'));
    assert.equal(server.requests.length, 1);
  });

  it('JSON Lines: parsed line by line; a cut-off last line → a server error naming it', async () => {
    const lines = await EmulatorServer.start(() => ({ status: 200, body: '{"page":"0"}\n{"page":"1"}\n' }));
    const cut = await EmulatorServer.start(() => ({ status: 200, body: '{"page":"0"}\n{"page":"1","res' }));
    try {
      const response = await client().http.request(request({ url: lines.url, expect: 'jsonLines' }));
      assert.deepEqual(response.lines, [{ page: '0' }, { page: '1' }]);
      const error = await failure(client().http.request(request({ url: cut.url, expect: 'jsonLines' })));
      assert.equal(error.category, 'server');
      assert.match(error.message, /line 2 of the answer is not valid JSON/);
    } finally {
      await lines.close();
      await cut.close();
    }
  });

  it('a response over the size cap is refused (declared or streamed)', async () => {
    const big = await EmulatorServer.start(() => ({ status: 200, body: { data: 'x'.repeat(5000) } }));
    // No Content-Length: the cap must hold while streaming.
    const chunked = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
      res.end();
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      const declared = await failure(client().http.request(request({ url: big.url, maxResponseBytes: 1000 })));
      assert.match(declared.message, /larger than/);
      const port = (chunked.address() as AddressInfo).port;
      const streamed = await failure(client().http.request(request({ url: `http://127.0.0.1:${port}/`, maxResponseBytes: 2500 })));
      assert.match(streamed.message, /larger than/);
    } finally {
      await big.close();
      await new Promise((resolve) => chunked.close(resolve));
    }
  });

  it('a multipart form is sent whole, and again on a retry', async () => {
    server.inject({ kind: 'status', status: 503 });
    const form = new FormData();
    form.append('meta', JSON.stringify({ space: '1' }));
    form.append('file_0', Buffer.from([1, 2, 3]), { filename: 'a.jpg' });
    await client().http.request(request({ body: form, headers: {} }));
    assert.equal(server.requests.length, 2);
    assert.match(String(server.requests[1]!.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(server.requests[0]!.body, server.requests[1]!.body);
    assert.match(server.requests[1]!.body.toString('latin1'), /name="meta"/);
  });

  it('a refused connection names the host, not the URL — even with no secrets known to redact', async () => {
    const gone = await EmulatorServer.start(ok);
    const url = `${gone.url}/api?oauth_token=${CANARY}`;
    await gone.close();
    const error = await failure(client({ redact: (text) => text }).http.request(request({ url })));
    assert.equal(error.category, 'network');
    assert.match(error.message, /127\.0\.0\.1:\d+/);
    assert.ok(!error.message.includes(CANARY));
  });

  it('the request id ends every error message when the server sent one', async () => {
    server.inject({ kind: 'status', status: 500 });
    const withId = await EmulatorServer.start(() => ({ status: 500, headers: { 'x-request-id': REQUEST_ID }, body: 'boom' }));
    try {
      const error = await failure(client().http.request(request({ url: withId.url })));
      assert.match(error.message, /boom.*\(request id req-1234abcd\)$/);
    } finally {
      await withId.close();
    }
  });

  it('no canary ever reached a message or a log line', () => {
    assert.ok(said.length > 20);
    for (const line of said) {
      assert.ok(!line.includes(CANARY) && !line.includes(CANARY_KEY), `leaked: ${line}`);
      assert.ok(!line.includes(encodeURIComponent(CANARY)), `leaked: ${line}`);
    }
  });
});
