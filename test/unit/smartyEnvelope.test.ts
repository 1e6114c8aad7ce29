import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { envelopeFailure, objectNamed, objectsOf, readEnvelope, type Envelope } from '../../src/providers/smarty/smartyEnvelope';
import { formatOnly } from '../../src/shared/localize';
import { RESULT_FIXTURES_DIR } from './resultFixtures';

const EXAMPLES_DIR = path.resolve(RESULT_FIXTURES_DIR, '../../../../shared/api/examples');
const same = (text: string) => text;
const failed = (envelope: Envelope) => {
  if (envelope.ok) throw new Error('expected an error envelope');
  return envelope;
};

describe('Smarty envelope: {status, body, htmlencoded, last_modified}', () => {
  it('reads every vk-*.json example response (skipped without ../shared/api/examples)', function () {
    if (!fs.existsSync(EXAMPLES_DIR)) this.skip();
    const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => /^vk-.*\.json$/.test(f) && !f.includes('-request-'));
    assert.ok(files.length >= 6, files.join());
    for (const file of files) {
      const json: unknown = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
      const envelope = readEnvelope(json, 200);
      if (file === 'vk-error-1.json') {
        assert.deepEqual(envelope, { ok: false, status: 400, message: 'string' });
        continue;
      }
      assert.ok(envelope.ok, file);
      if (!envelope.ok) continue;
      const objects = objectsOf(envelope.body);
      if (file === 'vk-persons-truncate-1.json') assert.deepEqual(objects, []);
      else assert.ok(objects.length > 0 && objects.every((o) => [0, 1, 2].includes(o.status)), file);
    }
  });

  it('per-object statuses: 0 ok, 1 permanent with its error, 2 temporary; an unknown status counts as permanent', () => {
    const body = { objects: [{ status: 0, name: 'a' }, { status: 1, name: 'b', error: 'The memory contains data of an unknown image type' }, { status: 2, name: 'c' }, { status: 7, name: 'd' }, { status: 0 }, 'x'] };
    const objects = objectsOf(body);
    assert.deepEqual(objects.map((o) => [o.name, o.status, o.error]), [['a', 0, undefined], ['b', 1, 'The memory contains data of an unknown image type'], ['c', 2, undefined], ['d', 1, 'status 7']]);
    assert.equal(objectNamed(objects, 'c')?.status, 2);
    assert.equal(objectNamed(objects, 'zz'), undefined);
    assert.deepEqual(objectsOf({ objects: 'nope' }), []);
    assert.equal(objectsOf({ scene_labels: [{ status: 0, name: 'file_0', labels: [] }] }, 'scene_labels').length, 1);
  });

  it('is read whatever the HTTP status: an error envelope under 200, and under the same HTTP error', () => {
    assert.deepEqual(readEnvelope({ status: 400, body: 'empty image', htmlencoded: false, last_modified: 0 }, 200), { ok: false, status: 400, message: 'empty image' });
    assert.deepEqual(readEnvelope({ status: 403, body: 'access denied: update the access token or choose another provider' }, 403), { ok: false, status: 403, message: 'access denied: update the access token or choose another provider' });
    assert.deepEqual(readEnvelope({ status: 200, body: {} }, 502), { ok: false, status: 502, message: '{}' }, 'a gateway error with a stale body is the HTTP error');
    assert.deepEqual(readEnvelope('<html>', 502), { ok: false, status: 502, message: '' });
    assert.deepEqual(readEnvelope(undefined, 200), { ok: false, status: 0, message: '' });
    assert.deepEqual(readEnvelope({ status: 200, body: {}, htmlencoded: false, last_modified: 17 }, 200), { ok: true, status: 200, body: {}, lastModified: 17 });
  });

  it('htmlencoded: true → the body\'s strings are decoded', () => {
    const envelope = readEnvelope({ status: 200, body: { objects: [{ status: 1, name: 'a&amp;b', error: 'bad &lt;image&gt; &#39;x&#39; &#x41;' }] }, htmlencoded: true }, 200);
    assert.ok(envelope.ok);
    if (envelope.ok) assert.deepEqual(objectsOf(envelope.body).map((o) => [o.name, o.error]), [['a&b', "bad <image> 'x' A"]]);
  });

  it('maps each error to a category: 401/403 auth, 400 invalid input, 429/503/status 2 retryable, 500 server', () => {
    const cases: Array<[number, string, boolean]> = [[401, 'auth', false], [403, 'auth', false], [400, 'invalidInput', false], [429, 'quota', true], [503, 'server', true], [500, 'server', false], [2, 'server', true], [1, 'invalidInput', false], [0, 'server', false]];
    for (const [status, category, retryable] of cases) {
      const failure = envelopeFailure({ ok: false, status, message: 'why' }, formatOnly, same);
      assert.deepEqual([failure.category, failure.retryable], [category, retryable], String(status));
    }
    assert.match(envelopeFailure(failed(readEnvelope({ status: 400, body: 'empty image' }, 200)), formatOnly, same).reason, /HTTP 400.*empty image/);
    assert.match(envelopeFailure({ ok: false, status: 500, message: 'x'.repeat(1000) }, formatOnly, same).reason, /x{300}…$/);
  });
});
