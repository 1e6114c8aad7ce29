import assert from 'node:assert/strict';
import { parseRetryAfter } from '../../src/providers/httpBody';
import { categoryOfStatus, providerMessage, ProviderError, requestIdInBody, vkEnvelopeStatus } from '../../src/providers/providerError';
import { isCancellation } from '../../src/shared/errors';
import { redact } from '../../src/services/redact';
import { formatOnly as t } from '../../src/shared/localize';

describe('ProviderError', () => {
  it('names the provider, the file and the cause, and ends with the request id', () => {
    const error = new ProviderError({ category: 'server', provider: 'Yandex Vision', file: 'a.png', reason: 'boom', requestId: 'r1' }, t);
    assert.equal(error.message, 'Yandex Vision could not process a.png: boom (request id r1)');
    assert.equal(new ProviderError({ category: 'server', provider: 'Google', reason: 'boom' }, t).message, 'Google request failed: boom');
  });

  it('redacts its message and reason', () => {
    const error = new ProviderError({ category: 'auth', provider: 'VK', reason: 'token: SECRET1234' }, t, (s) => s.replace('SECRET1234', '‹r›'));
    assert.ok(!error.message.includes('SECRET1234') && !error.reason.includes('SECRET1234'));
  });

  it('is a cancellation for isCancellation only when cancelled', () => {
    assert.ok(isCancellation(new ProviderError({ category: 'cancelled', provider: 'X', reason: 'r' }, t)));
    assert.ok(!isCancellation(new ProviderError({ category: 'network', provider: 'X', reason: 'r' }, t)));
  });

  it('maps HTTP statuses to categories', () => {
    const cases: Array<[number, string]> = [[400, 'invalidInput'], [401, 'auth'], [403, 'auth'], [404, 'server'], [413, 'invalidInput'], [422, 'invalidInput'], [429, 'quota'], [500, 'server'], [501, 'unsupported'], [503, 'server']];
    for (const [status, category] of cases) assert.equal(categoryOfStatus(status), category, String(status));
  });
});

describe('providerMessage', () => {
  it('reads each cloud’s error shape', () => {
    assert.equal(providerMessage('{"code":16,"message":"Token is invalid or has expired.","details":[]}', 'application/json', 401, t), 'Token is invalid or has expired.');
    assert.equal(providerMessage('{"error":{"code":403,"message":"Billing off.","status":"PERMISSION_DENIED","details":[{"reason":"BILLING_DISABLED"}]}}', undefined, 403, t), 'Billing off. (BILLING_DISABLED)');
    assert.equal(providerMessage('{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED"}}', undefined, 429, t), 'Slow down. (RESOURCE_EXHAUSTED)');
    assert.equal(providerMessage('{"status":400,"body":"empty image","htmlencoded":false}', undefined, 200, t), 'empty image');
    assert.equal(providerMessage('  upstream\n timeout ', 'text/plain', 504, t), 'upstream timeout');
    assert.equal(providerMessage('', undefined, 500, t), undefined);
  });

  it('describes an HTML page instead of quoting it', () => {
    assert.equal(providerMessage('<!DOCTYPE html><html><body>Forbidden</body></html>', undefined, 403, t), 'an HTML page, HTTP 403');
    assert.equal(providerMessage('Forbidden', 'text/html', 403, t), 'an HTML page, HTTP 403');
  });

  it('clips a long text', () => {
    assert.ok(providerMessage('x'.repeat(5000), 'text/plain', 500, t)!.length < 400);
  });

  it('redacts before it clips: a secret cut by the clip leaves no prefix behind', () => {
    const canary = 'canaryClip-7Hq2pX9vLm4Z';
    const hide = (text: string) => redact(text, [canary]);
    for (const kept of [5, 7, 8, 12, 20]) {
      // The clip (300 characters) would keep the first `kept` characters of the canary.
      const text = `${'w'.repeat(299 - kept)} ${canary} and more text after it`;
      for (const body of [text, JSON.stringify({ code: 16, message: text })]) {
        const message = providerMessage(body, undefined, 401, t, hide)!;
        assert.ok(message.endsWith('…'), message);
        assert.ok(!message.includes(canary.slice(0, 5)), `a prefix survived the clip at ${kept}: ${message.slice(-30)}`);
      }
    }
  });

  it('finds a request id in a Yandex Status and the VK envelope status', () => {
    assert.equal(requestIdInBody('{"code":16,"details":[{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"abc"}]}'), 'abc');
    assert.equal(requestIdInBody('not json'), undefined);
    assert.equal(vkEnvelopeStatus({ status: 403, body: 'access denied' }), 403);
    assert.equal(vkEnvelopeStatus({ results: [] }), undefined);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
