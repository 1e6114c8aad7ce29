import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { EmulatorServer } from '../emulators/core';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A bare Node request, so the tests see exactly what went over the wire (no client retries). */
function call(url: string, path = '/echo', body = ''): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'text/plain' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Emulator core', () => {
  let server: EmulatorServer;
  const answer = { greeting: 'hello', list: [1, 2, 3] };

  beforeEach(async () => {
    server = await EmulatorServer.start((r) => (r.path === '/echo' ? { status: 200, body: answer } : { status: 404, body: { message: 'no such path' } }), { name: 'test' });
  });
  afterEach(() => server.close());

  it('listens on loopback only, on a random port, and records each request', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call(server.url, '/echo?x=1', 'payload');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(res.body), answer);
    assert.equal(server.requests.length, 1);
    const r = server.requests[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/echo');
    assert.equal(r.query.get('x'), '1');
    assert.equal(r.body.toString(), 'payload');
    assert.equal(r.headers['content-type'], 'text/plain');
  });

  it('latency delays, then answers normally', async () => {
    server.inject({ kind: 'latency', ms: 150 });
    const start = Date.now();
    const res = await call(server.url);
    assert.ok(Date.now() - start >= 140);
    assert.deepEqual(JSON.parse(res.body), answer);
  });

  it('status sends the code, Retry-After and a body; faults are FIFO, one per request', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '2' }, { kind: 'status', status: 503, body: 'down', contentType: 'text/plain' });
    const first = await call(server.url);
    assert.equal(first.status, 429);
    assert.equal(first.headers['retry-after'], '2');
    assert.ok(JSON.parse(first.body));
    const second = await call(server.url);
    assert.equal(second.status, 503);
    assert.equal(second.body, 'down');
    assert.equal(second.headers['content-type'], 'text/plain');
    assert.equal((await call(server.url)).status, 200);
    assert.equal(server.requests.length, 3, 'faulted requests are recorded too');
  });

  it('a status fault takes the provider-specific body given at start', async () => {
    const s = await EmulatorServer.start(() => ({ status: 200 }), { statusBody: (status) => ({ code: 8, message: `quota ${status}`, details: [] }) });
    try {
      s.inject({ kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
      const res = await call(s.url);
      assert.deepEqual(JSON.parse(res.body), { code: 8, message: 'quota 429', details: [] });
      assert.equal(res.headers['retry-after'], 'Wed, 21 Oct 2015 07:28:00 GMT');
    } finally {
      await s.close();
    }
  });

  it('stall never answers, and close() ends the stalled socket', async () => {
    server.inject({ kind: 'stall' });
    const pending = call(server.url).then(
      () => 'answered',
      () => 'failed',
    );
    const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 200))]);
    assert.equal(early, 'still waiting');
    await server.close();
    assert.equal(await pending, 'failed');
  });

  it('reset destroys the socket without a response', async () => {
    server.inject({ kind: 'reset' });
    await assert.rejects(call(server.url), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET' || /socket hang up/.test(e.message));
  });

  it('malformedJson answers 200 application/json with a body that does not parse', async () => {
    server.inject({ kind: 'malformedJson' });
    const res = await call(server.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.throws(() => JSON.parse(res.body) as unknown);
  });

  it('truncated sends the first bytes of the real answer under its full Content-Length', async () => {
    server.inject({ kind: 'truncated', afterBytes: 10 });
    const full = JSON.stringify(answer);
    let received = '';
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request(`${server.url}/echo`, { method: 'POST', agent: false }, (res) => {
        assert.equal(res.headers['content-length'], String(full.length));
        res.on('data', (c: Buffer) => (received += c.toString()));
        res.on('end', () => resolve('complete'));
        res.on('error', () => resolve('aborted'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('aborted'));
      req.end();
    });
    assert.equal(outcome, 'aborted');
    assert.equal(received, full.slice(0, 10));
  });

  it('html answers a proxy-style error page with the given status', async () => {
    server.inject({ kind: 'html', status: 502 });
    const res = await call(server.url);
    assert.equal(res.status, 502);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<html>[\s\S]*502 Bad Gateway/);
  });

  it('redirect answers 302 (or the given status) with the Location', async () => {
    server.inject({ kind: 'redirect', location: 'http://other.example/steal' }, { kind: 'redirect', location: 'http://other.example/', status: 307 });
    const a = await call(server.url);
    assert.equal(a.status, 302);
    assert.equal(a.headers.location, 'http://other.example/steal');
    assert.equal((await call(server.url)).status, 307);
  });

  it('injectFor faults only the first matching request, ahead of the queue', async () => {
    server.inject({ kind: 'status', status: 500 });
    server.injectFor((r) => r.path === '/other', { kind: 'status', status: 418 });
    assert.equal((await call(server.url, '/echo')).status, 500);
    assert.equal((await call(server.url, '/other')).status, 418);
    assert.equal((await call(server.url, '/other')).status, 404);
  });

  it('reset() clears the log and pending faults', async () => {
    server.inject({ kind: 'status', status: 500 });
    server.injectFor(() => true, { kind: 'reset' });
    await call(server.url).catch(() => undefined);
    server.reset();
    assert.equal(server.requests.length, 0);
    assert.equal((await call(server.url)).status, 200);
  });

  it('refuses a body over the limit with 413, and a throwing handler gives 500', async () => {
    const s = await EmulatorServer.start(() => {
      throw new Error('boom');
    }, { maxBodyBytes: 1000 });
    try {
      assert.equal((await call(s.url, '/', 'x'.repeat(2000)).catch(() => ({ status: 413 }))).status, 413);
      const res = await call(s.url, '/', 'small');
      assert.equal(res.status, 500);
      assert.match(res.body, /boom/);
    } finally {
      await s.close();
    }
  });
});
