import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fetch from 'node-fetch';
import { startSmartyEmulator, type SmartyEmulator } from '../emulators';
import { objectsOf, readEnvelope, type SmartyObject } from '../../src/providers/smarty/smartyEnvelope';
import { deleteMeta, recognizeMeta, setMeta, smartyBody, truncateMeta, type SmartyFile, type SmartyMeta } from '../../src/providers/smarty/smartyMultipart';
import { sendRetryingTemporary } from '../../src/providers/smarty/smartyRetry';
import { SmartyTokenSource } from '../../src/providers/smarty/smartyToken';
import { smartyUrl, type SmartyMethod } from '../../src/providers/smarty/smartyUrl';
import { formatOnly } from '../../src/shared/localize';
import { makePng } from './imageBuilders';
import type { Loose } from './yandexEmulatorHelpers';

/** A PNG whose bytes (and so hash, the emulator's "embedding") depend on `seed`. */
const face = (seed: number): Uint8Array => new Uint8Array(Buffer.concat([makePng(8, 8), Buffer.from(`face-${seed}`)]));
const files = (...seeds: number[]): SmartyFile[] => seeds.map((seed, i) => ({ name: `file_${i}`, bytes: face(seed), mime: 'image/png' }));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Smarty emulator', () => {
  let s: SmartyEmulator;
  before(async () => (s = await startSmartyEmulator()));
  afterEach(() => s.reset());
  after(() => s.close());

  async function call(method: SmartyMethod, meta: SmartyMeta, parts: SmartyFile[] = [], token = s.accessToken, provider: 'mcs' | 'mr' = 'mcs') {
    const body = await smartyBody(method, meta, parts);
    const res = await fetch(smartyUrl(s.url, method, provider, token), { method: 'POST', headers: body.getHeaders(), body: body.getBuffer() });
    const text = await res.text();
    return { http: res.status, text, json: JSON.parse(text) };
  }
  async function raw(method: string, body: Buffer | string, contentType: string, token = s.accessToken) {
    const res = await fetch(`${s.url}/api/v1/${method}?oauth_provider=mcs&oauth_token=${token}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { http: res.status, json: JSON.parse(await res.text()) };
  }
  const statuses = (answer: { json: Loose }) => (answer.json.body.objects as SmartyObject[]).map((o) => o.status);
  const tags = (answer: { json: Loose }) => (answer.json.body.objects as Loose[]).map((o: Loose) => o.persons?.[0]?.tag as string);

  it('enroll → recognize → delete → recognize: answers come from the state', async () => {
    const set = await call('persons/set', setMeta('1', [{ name: 'file_0', personId: 7 }, { name: 'file_1', personId: 8 }]), files(1, 2));
    assert.equal(set.http, 200);
    assert.deepEqual(Object.keys(set.json).sort(), ['body', 'htmlencoded', 'last_modified', 'status']);
    assert.deepEqual(statuses(set), [0, 0]);
    assert.deepEqual(s.state.snapshot(), { [`token:${s.accessToken}`]: { 1: { 7: [sha(face(1))], 8: [sha(face(2))] } } });
    const seen = await call('persons/recognize', recognizeMeta('1', ['file_0', 'file_1', 'file_2']), files(2, 1, 3));
    assert.deepEqual(tags(seen), ['person8', 'person7', 'undefined']);
    assert.equal(seen.json.body.aliases_changed, false);
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('2', ['file_0']), files(1))), ['undefined'], 'another space knows no one');
    assert.deepEqual(statuses(await call('persons/delete', deleteMeta('1', [{ name: 'x', personId: 7 }]))), [0]);
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('1', ['file_0', 'file_1']), files(1, 2))), ['undefined', 'person8']);
    assert.deepEqual((await call('persons/truncate', truncateMeta('1'))).json, { status: 200, body: {}, htmlencoded: false, last_modified: 0 });
    assert.deepEqual(s.state.snapshot(), {});
  });

  it('recognize with create_new adds the unknown face as a new person', async () => {
    await call('persons/set', setMeta('0', [{ name: 'file_0', personId: 4 }]), files(1));
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('0', ['file_0'], { createNew: true }), files(9))), ['person5']);
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('0', ['file_0']), files(9))), ['person5']);
  });

  it('keeps state per account: a client id\'s issued tokens share one, the service token has its own', async () => {
    const post = async (body: object) => {
      const res = await fetch(s.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) };
    };
    const issued = await post({ client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'client_credentials' });
    assert.equal(issued.status, 200);
    assert.equal(typeof issued.json.expired_in, 'string');
    await call('persons/set', setMeta('3', [{ name: 'file_0', personId: 1 }]), files(1), issued.json.access_token);
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('3', ['file_0']), files(1))), ['undefined'], 'the service token is another account');
    const refreshed = await post({ client_id: s.clientId, refresh_token: issued.json.refresh_token, grant_type: 'refresh_token' });
    assert.deepEqual(tags(await call('persons/recognize', recognizeMeta('3', ['file_0']), files(1), refreshed.json.access_token)), ['person1']);
    assert.equal((await post({ client_id: s.clientId, refresh_token: issued.json.refresh_token, grant_type: 'refresh_token' })).status, 400, 'a refresh token is used once');
    assert.equal((await post({ client_id: s.clientId, client_secret: 'wrong', grant_type: 'client_credentials' })).status, 401);
    s.tokens.expireAll();
    assert.equal((await call('persons/truncate', truncateMeta('3'), [], refreshed.json.access_token)).json.status, 401, 'an expired token is refused');
  });

  it('refuses a bad token or provider with a 401 that echoes part of the token', async () => {
    for (const [token, provider] of [['wrong-token-0123456789abcdef', 'mcs'], [s.accessToken, 'mr'], ['', 'mcs']] as const) {
      const answer = await call('persons/truncate', truncateMeta('0'), [], token, provider);
      if (provider === 'mr') {
        assert.equal(answer.json.status, 200, 'mr is a provider too');
        continue;
      }
      assert.equal(answer.http, 401);
      assert.equal(answer.json.status, 401);
      assert.match(answer.json.body, /^authorization failed, provider: mcs, token: /);
      if (token) assert.ok(answer.json.body.includes(token.slice(0, 16)));
    }
    s.refuseNextToken();
    const refused = await call('persons/truncate', truncateMeta('0'));
    assert.ok(refused.json.body.includes(s.accessToken.slice(0, 16)));
    assert.equal((await call('persons/truncate', truncateMeta('0'))).json.status, 200);
  });

  it('validates the multipart body like the server', async () => {
    const meta = (m: object) => `--b\r\nContent-Disposition: form-data; name="meta"\r\n\r\n${JSON.stringify(m)}\r\n`;
    const file = (name: string, data = 'x') => `--b\r\nContent-Disposition: form-data; name="${name}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${data}\r\n`;
    const type = 'multipart/form-data; boundary=b';
    const bad: Array<[string, string, string, RegExp]> = [
      ['not multipart', JSON.stringify({ space: '0' }), 'application/json', /invalid multipart/],
      ['no meta', `${file('file_0')}--b--\r\n`, type, /meta is required/],
      ['meta not JSON', `--b\r\nContent-Disposition: form-data; name="meta"\r\n\r\n{nope\r\n--b--\r\n`, type, /not valid json/],
      ['space 10', `${meta({ space: '10' })}--b--\r\n`, type, /invalid space/],
      ['space as a number', `${meta({ space: 1 })}--b--\r\n`, type, /invalid space/],
      ['a file part missing', `${meta({ space: '0', images: [{ name: 'file_0', person_id: 1 }] })}--b--\r\n`, type, /no file for file_0/],
      ['a file part not in meta', `${meta({ space: '0', images: [{ name: 'file_0', person_id: 1 }] })}${file('file_0')}${file('other')}--b--\r\n`, type, /other is not in meta/],
      ['an empty image', `${meta({ space: '0', images: [{ name: 'file_0', person_id: 1 }] })}${file('file_0', '')}--b--\r\n`, type, /empty image/],
      ['no person_id', `${meta({ space: '0', images: [{ name: 'file_0' }] })}${file('file_0')}--b--\r\n`, type, /person_id/],
      ['101 images', `${meta({ space: '0', images: Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, person_id: 1 })) })}--b--\r\n`, type, /too many images/],
    ];
    for (const [what, body, contentType, message] of bad) {
      const answer = await raw('persons/set', body, contentType);
      assert.equal(answer.json.status, 400, what);
      assert.match(answer.json.body, message, what);
    }
    const unknownType = await raw('persons/set', `${meta({ space: '0', images: [{ name: 'file_0', person_id: 1 }] })}${file('file_0', 'GIF89a')}--b--\r\n`, type);
    assert.deepEqual(unknownType.json.body.objects, [{ status: 1, name: 'file_0', error: 'The memory contains data of an unknown image type' }]);
  });

  it('error envelopes under HTTP 200 when asked (as the OpenAPI spec documents them)', async () => {
    const under200 = await startSmartyEmulator({ errorsUnder200: true });
    try {
      const res = await fetch(smartyUrl(under200.url, 'persons/truncate', 'mcs', 'nope'), { method: 'POST', ...(await smartyBody('persons/truncate', truncateMeta('0'), []).then((b) => ({ headers: b.getHeaders(), body: b.getBuffer() }))) });
      assert.equal(res.status, 200);
      const envelope = readEnvelope(await res.json(), res.status);
      assert.deepEqual([envelope.ok, envelope.status], [false, 401]);
    } finally {
      await under200.close();
    }
  });

  it('injects status 2 objects (nothing recorded for them) and the kit\'s HTTP faults in the envelope', async () => {
    s.temporaryFailures(1);
    const set = await call('persons/set', setMeta('5', [{ name: 'file_0', personId: 1 }, { name: 'file_1', personId: 2 }]), files(1, 2));
    assert.deepEqual(statuses(set), [2, 0]);
    assert.deepEqual(Object.keys(s.state.snapshot()[`token:${s.accessToken}`]!['5']!), ['2']);
    s.server.inject({ kind: 'status', status: 503 });
    const busy = await call('persons/truncate', truncateMeta('5'));
    assert.deepEqual([busy.http, busy.json.status], [503, 503]);
  });

  it('with the token source and the status-2 retry, only what the server confirmed is enrolled', async () => {
    const source = new SmartyTokenSource({
      credentials: { clientId: s.clientId, clientSecret: s.clientSecret },
      tokenEndpoint: s.tokenUrl,
      post: async (url, body) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return { status: res.status, text: await res.text() };
      },
      now: Date.now,
      t: formatOnly,
      redact: (text) => text,
      provider: 'VK Cloud Smarty',
    });
    const parts = files(1, 2, 3);
    s.temporaryFailures(4);
    const outcomes = await sendRetryingTemporary(parts, (p) => p.name, async (batch) => {
      const answer = await call('persons/set', setMeta('6', batch.map((p) => ({ name: p.name, personId: 10 + Number(p.name.slice(5)) }))), batch, await source.token());
      const envelope = readEnvelope(answer.json, answer.http);
      return envelope.ok ? objectsOf(envelope.body) : [];
    }, { sleep: () => Promise.resolve(), random: () => 0 });
    assert.deepEqual(outcomes.map((o) => o.object.status), [0, 0, 0]);
    assert.equal(Object.keys(s.state.snapshot()[`client:${s.clientId}`]!['6']!).length, 3);
  });
});
