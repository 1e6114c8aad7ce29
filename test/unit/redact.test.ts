import assert from 'node:assert/strict';
import { redact, redactUrl, REDACTED } from '../../src/services/redact';

describe('redact', () => {
  const secret = 'AQVNzz-canary-0123456789abcdef';

  it('removes a known secret wherever it stands', () => {
    const out = redact(`failed with key ${secret} at ${secret}!`, [secret]);
    assert.ok(!out.includes(secret));
    assert.equal(out.split(REDACTED).length - 1, 2);
  });

  it('removes the URL-encoded form of a known secret', () => {
    const s = 'a/b+c=d_long_secret';
    const out = redact(`request to https://x/?t=${encodeURIComponent(s)} failed`, [s]);
    assert.ok(!out.includes(encodeURIComponent(s)));
  });

  it('removes fragments of a known secret echoed by a server', () => {
    const token = 'ZXhhbXBsZS1zbWFydHktdG9rZW4tdmFsdWU';
    const echoed = `authorization failed, provider: mcs, reason: bad ${token.slice(4, 20)}`;
    assert.ok(!redact(echoed, [token]).includes(token.slice(4, 20)));
  });

  it('removes secret-shaped values it was not told about', () => {
    const cases: Array<[string, string]> = [
      ['GET https://smarty.mail.ru/api/v1/persons/set?oauth_provider=mcs&oauth_token=abc123XYZ', 'abc123XYZ'],
      ['request to https://x/v1/images:annotate?key=AIzaSyUnknown failed, reason: ECONNRESET', 'AIzaSyUnknown'],
      ['Authorization: Api-Key AQVNunknownkey', 'AQVNunknownkey'],
      ['Authorization: Bearer t1.9euelZunknown', 't1.9euelZunknown'],
      ['{"client_id":"id","client_secret":"s3cr3t-value"}', 's3cr3t-value'],
      ['client_secret=s3cr3t-value&grant_type=client_credentials', 's3cr3t-value'],
      ['{"access_token":"tok-value-1","refresh_token":"tok-value-2"}', 'tok-value-1'],
      ['{"access_token":"tok-value-1","refresh_token":"tok-value-2"}', 'tok-value-2'],
      ['authorization failed, provider: mcs, token: 4Xq9partial, reason: expired', '4Xq9partial'],
      ['x-goog-api-key: AIzaHeaderValue', 'AIzaHeaderValue'],
    ];
    for (const [text, value] of cases) {
      const out = redact(text);
      assert.ok(!out.includes(value), `${value} survived in: ${out}`);
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'Extract Text failed for photo.png: the file does not exist.';
    assert.equal(redact(text, ['unrelated-secret-value']), text);
  });

  it('ignores secrets too short to be told apart from ordinary words', () => {
    assert.equal(redact('a b c', ['a']), 'a b c');
  });

  it('redactUrl hides every query value and any user info', () => {
    const out = redactUrl('https://user:pw@smarty.mail.ru/api/v1/persons/set?oauth_provider=mcs&oauth_token=SECRET');
    assert.ok(!out.includes('SECRET') && !out.includes('pw') && !out.includes('user'));
    assert.ok(out.startsWith('https://smarty.mail.ru/api/v1/persons/set?'));
  });
});
