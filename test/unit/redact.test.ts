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
      ['a key AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q in a sentence', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
      ['token ya29.a0AfH6SMBx-unknown_token.value was refused', 'ya29.a0AfH6SMBx-unknown_token.value'],
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

  describe('the forms a known secret travels in', () => {
    // A canary with every character the encoders treat differently: / + = ~ ! space " \ and non-ASCII.
    const canary = 'Cnry/9+x=y~z!q w"b\\é-0123456789';
    const leaks = (out: string, value: string) => assert.ok(!out.includes(value), `${value} survived in: ${out}`);

    it('removes the password in a URL\'s user info, and the user name when it is a known secret', () => {
      const password = 's3cret-canary-pw';
      leaks(redact('fetch https://alice:s3cret-canary-pw@proxy.example/path failed'), password);
      const user = 'client-id-canary-42';
      const out = redact(`proxy http://${user}:${password}@proxy.example:8080/ refused`, [user]);
      leaks(out, password);
      leaks(out, user);
      assert.ok(out.includes('@proxy.example:8080/'));
    });

    it('removes the encodeURIComponent, URLSearchParams and lowercase-hex forms', () => {
      const component = encodeURIComponent(canary);
      const form = new URLSearchParams({ t: canary }).toString().slice(2);
      const lower = component.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
      assert.ok(form.includes('+') && form.includes('%7E') && form.includes('%21') && lower.includes('%2f'));
      for (const encoded of [component, form, lower]) {
        const out = redact(`POST body t=${encoded}&x=1 and in a message: ${encoded}.`, [canary]);
        leaks(out, encoded);
        leaks(out, encoded.slice(0, 8));
      }
    });

    it('removes base64 and base64url forms: on its own, as HTTP Basic id:secret, and at any offset in a larger value', () => {
      const secret = 'canary?secret>~0123456789';
      const id = 'client-id-canary';
      const b64 = (text: string) => Buffer.from(text).toString('base64');
      const b64url = (text: string) => Buffer.from(text).toString('base64url');
      const forms = [b64(secret), b64url(secret), b64(`${id}:${secret}`), b64url(`${id}:${secret}`)];
      for (const prefix of ['', 'a', 'ab', 'abc']) forms.push(b64(`{"k":"${prefix}${secret}","n":1}`), b64url(`${prefix}${secret}`));
      for (const encoded of forms) {
        const out = redact(`headers: {"authorization":"Basic ${encoded}"} and ${encoded}`, [id, secret]);
        leaks(out, encoded.slice(0, 12));
        leaks(out, encoded.slice(-12));
      }
      // The pair is recognized with only the secret known, and in either order of the values given.
      leaks(redact(`Basic ${b64(`${id}:${secret}`)}`, [secret]), b64(`${id}:${secret}`).slice(-12));
      leaks(redact(`x ${b64(`${id}:${secret}`)}`, [secret, id]), b64(`${id}:${secret}`).slice(-12));
    });

    it('removes the JSON-escaped form, with \\uXXXX escapes and an escaped slash', () => {
      const secret = 'canary"quote\\back/slash\u0001ctl-ünï';
      const escaped = JSON.stringify(secret).slice(1, -1);
      const asciiOnly = escaped.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const slashEscaped = escaped.replace(/\//g, '\\/');
      const upperHex = asciiOnly.replace(/\\u00fc/, '\\u00FC');
      for (const form of [escaped, asciiOnly, slashEscaped, upperHex]) {
        const out = redact(`{"error":{"message":"bad token ${form} given"}}`, [secret]);
        leaks(out, form);
        assert.ok(out.includes(`bad token ${REDACTED} given`), out);
      }
    });

    it('removes halves of a long secret quoted apart or wrapped across lines, but not short fragments or ordinary words', () => {
      const secret = 'AQVN-canary-split-0123456789abcdefXYZ';
      const out = redact(`token starts ${secret.slice(0, 20)} and ends ${secret.slice(-20)}`, [secret]);
      leaks(out, secret.slice(0, 8));
      leaks(out, secret.slice(-8));
      const wrapped = redact(`key:\n  ${secret.slice(0, 12)}\n  ${secret.slice(12, 25)}\n  ${secret.slice(25)}\n`, [secret]);
      for (const piece of [secret.slice(0, 12), secret.slice(12, 25), secret.slice(25)]) leaks(wrapped, piece);
      assert.ok(wrapped.startsWith('key:\n  '));
      // A 7-character piece and the ordinary words of a message stay.
      assert.equal(redact('see 0123456 and the canary files', [secret]), 'see 0123456 and the canary files');
      // Secrets shorter than 16 characters are matched whole only.
      assert.equal(redact('the password1 field', ['password1234']), 'the password1 field');
    });

    it('does not loop on a secret that holds the word the marker is made of', () => {
      const secret = 'xx-redacted-canary-0123456789';
      const out = redact(`a ${secret} b ${secret.slice(0, 14)}`, [secret]);
      leaks(out, secret.slice(0, 8));
    });

    it('keeps up with many calls on a long text (correctness only)', () => {
      const secrets = [canary, 'client-id-canary', 'AQVN-canary-split-0123456789abcdefXYZ'];
      const line = 'Extract Text for /home/user/photos/IMG_20240101_123456.png took 1234 ms, 42 blocks.\n';
      const text = `${line.repeat(60)}leak ${encodeURIComponent(canary)} ${line.repeat(60)}`.slice(0, 10_240);
      let out = '';
      for (let i = 0; i < 1000; i++) out = redact(text, secrets);
      leaks(out, encodeURIComponent(canary));
      assert.ok(out.includes(line));
    });
  });
});
