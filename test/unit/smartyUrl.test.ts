import assert from 'node:assert/strict';
import { networkFailure } from '../../src/providers/httpFailure';
import { providerMessage, ProviderError } from '../../src/providers/providerError';
import { envelopeFailure, readEnvelope } from '../../src/providers/smarty/smartyEnvelope';
import { redactSmartyUrls, SMARTY_METHODS, smartyUrl } from '../../src/providers/smarty/smartyUrl';
import { redact, redactUrl } from '../../src/services/redact';
import { formatOnly } from '../../src/shared/localize';

/** A token as a fetched one looks: the redactor has never seen it, so only the shapes can catch it. */
const CANARY = 'e50b000614a371ce99c01a80a4558d8ed93b3137373638canary';
/** Every piece of the canary long enough to be recognized as a piece of it. */
const pieces = (secret: string, size = 8) => Array.from({ length: secret.length - size + 1 }, (_, i) => secret.slice(i, i + size));
const assertClean = (text: string, what: string) => {
  for (const piece of pieces(CANARY)) assert.ok(!text.includes(piece), `${what} keeps "${piece}": ${text}`);
};

describe('Smarty URLs: built in one place, never shown with the token', () => {
  it('builds every method under /api/v1 with oauth_provider and oauth_token in the query', () => {
    for (const method of SMARTY_METHODS) {
      const url = new URL(smartyUrl('https://smarty.mail.ru/', method, 'mcs', CANARY));
      assert.equal(url.origin + url.pathname, `https://smarty.mail.ru/api/v1/${method}`);
      assert.equal(url.searchParams.get('oauth_provider'), 'mcs');
      assert.equal(url.searchParams.get('oauth_token'), CANARY);
    }
    assert.match(smartyUrl('http://127.0.0.1:9/base//', 'persons/set', 'mr', 't'), /^http:\/\/127\.0\.0\.1:9\/base\/api\/v1\/persons\/set\?oauth_provider=mr&oauth_token=t$/);
  });

  it('encodes a token with & # = + so that it cannot end its parameter early', () => {
    const url = new URL(smartyUrl('https://smarty.mail.ru', 'persons/recognize', 'mcs', 'a&b#c=d+e f'));
    assert.equal(url.searchParams.get('oauth_token'), 'a&b#c=d+e f');
    assert.equal([...url.searchParams.keys()].join(), 'oauth_provider,oauth_token');
  });

  it('redactSmartyUrls takes the token out of any text and keeps the rest readable', () => {
    const url = smartyUrl('https://smarty.mail.ru', 'persons/set', 'mcs', CANARY);
    const text = redactSmartyUrls(`POST ${url} → 401; again "${url}#x" and <${url}&more=1>`);
    assertClean(text, 'redactSmartyUrls');
    assert.match(text, /oauth_provider=mcs&oauth_token=‹redacted›/);
    assert.match(text, /&more=1/);
  });

  it('the shared redactor catches the token in a URL, a node-fetch message and an echoed 401 body without knowing it', () => {
    const url = smartyUrl('https://smarty.mail.ru', 'persons/recognize', 'mcs', CANARY);
    const fetchMessage = `request to ${url} failed, reason: socket hang up`;
    const body401 = `authorization failed, provider: mcs, token: ${CANARY.slice(0, 24)}, reason: token expired`;
    for (const text of [url, fetchMessage, body401, JSON.stringify({ status: 401, body: body401 })]) assertClean(redact(text), 'redact');
    assertClean(redactUrl(url), 'redactUrl');
  });

  it('no message built from a node-fetch error keeps any part of the token', () => {
    const url = smartyUrl('https://smarty.mail.ru', 'persons/set', 'mcs', CANARY);
    const errors = [
      Object.assign(new Error(`request to ${url} failed, reason: read ECONNRESET`), { code: 'ECONNRESET' }),
      Object.assign(new Error(`request to ${url} failed, reason: connect ECONNREFUSED 1.2.3.4:443`), { code: 'ECONNREFUSED' }),
      new Error(`request to ${url} failed, reason: certificate has expired (${url})`),
      new Error(`Invalid response body while trying to fetch ${url}: Premature close`),
    ];
    for (const error of errors) {
      // No secret known to the redactor: a fetched token is in no store.
      const failure = networkFailure(error, { why: undefined, url, received: 0, timeoutMs: 1000, idleMs: 1000, t: formatOnly, redact: (text) => redact(text) });
      assertClean(failure.reason, 'networkFailure');
      const message = new ProviderError({ ...failure, provider: 'VK Cloud Smarty', file: 'a.jpg' }, formatOnly, (text) => redact(text)).message;
      assertClean(message, 'ProviderError');
    }
  });

  it('no message built from an echoed 401 or 403 envelope keeps any part of the token, however it is cut', () => {
    for (const cut of [8, 12, 24, CANARY.length]) {
      for (const status of [401, 403]) {
        const body = { status, body: `authorization failed, provider: mcs, token: ${CANARY.slice(0, cut)}, reason: bad ${smartyUrl('https://x', 'persons/set', 'mcs', CANARY)}`, htmlencoded: false, last_modified: 0 };
        const envelope = readEnvelope(body, 200);
        assert.equal(envelope.ok, false);
        if (envelope.ok) continue;
        const failure = envelopeFailure(envelope, formatOnly, (text) => redact(text, [CANARY]));
        assert.equal(failure.category, 'auth');
        assertClean(failure.reason, `envelope ${status} cut ${cut}`);
        assertClean(providerMessage(JSON.stringify(body), 'application/json', status, formatOnly, (text) => redact(text)) ?? '', 'providerMessage');
      }
    }
  });
});
