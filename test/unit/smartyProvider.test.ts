import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fetch from 'node-fetch';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import type { ImageSource } from '../../src/images/imageSource';
import { createHttpClient } from '../../src/providers/http';
import { builtinProvider } from '../../src/providers/kit/builtinProvider';
import { ProviderError } from '../../src/providers/providerError';
import { smartyDescriptor } from '../../src/providers/smarty/descriptor';
import { personsIn } from '../../src/providers/smarty/ledger';
import { SmartyPersons } from '../../src/providers/smarty/smartyPersons';
import { createSmartyProvider } from '../../src/providers/smarty/smartyProvider';
import type { ProviderDeps } from '../../src/providers/descriptor';
import type { Provider } from '../../src/providers/types';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import { formatOnly } from '../../src/shared/localize';
import { startSmartyEmulator, type SmartyEmulator } from '../emulators/smarty';
import { tokenSource } from './cancellation';
import { englishOnly } from './localEngine';

const ROOT = path.resolve(__dirname, '../../..');

async function imageOf(name: string): Promise<ImageSource> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples', name)));
  return { uri: `file:///${name}`, name, size: bytes.length, ...(await probeImage(bytes, name, formatOnly)), read: () => Promise.resolve(bytes) };
}

describe('Smarty provider and persons operations (against the emulator)', function () {
  this.timeout(30_000);
  let emulator: SmartyEmulator;
  let preparer: ImagePreparer;
  let stored: Record<string, string> | undefined;
  let dir: string;
  const log: string[] = [];
  let deps: ProviderDeps;
  let provider: Provider;
  let persons: SmartyPersons;
  const settings: Record<string, unknown> = {};

  const analyze = async (image: ImageSource, features: FeatureId[], space?: string): Promise<AnalysisResult> => {
    const [outcome] = await provider.analyze([() => Promise.resolve(image)], features, { languages: ['*'], ...(space ? { space } : {}) }, tokenSource());
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  };

  before(async () => {
    emulator = await startSmartyEmulator();
    preparer = new ImagePreparer(path.join(ROOT, 'dist/imageWorker.js'), formatOnly, 5_000);
    const http = createHttpClient({ fetch, t: formatOnly, redact: (s) => s, log: (l) => log.push(l), sleep: () => Promise.resolve() });
    deps = {
      t: formatOnly,
      setting: (key) => settings[key],
      credentials: { get: () => Promise.resolve(stored) },
      preparer,
      distPath: '',
      languages: englishOnly,
      redact: (s) => s,
      log: (l) => log.push(l),
    };
    provider = builtinProvider(smartyDescriptor, deps, () => Promise.resolve(undefined), (d) => createSmartyProvider(d, http));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smarty-persons-'));
    persons = new SmartyPersons(deps, http, dir, { sleep: () => Promise.resolve() });
  });
  beforeEach(() => {
    emulator.reset();
    log.length = 0;
    stored = { accessToken: emulator.accessToken };
    for (const key of Object.keys(settings)) delete settings[key];
    Object.assign(settings, { 'smarty.endpoint': emulator.url, 'smarty.tokenEndpoint': emulator.tokenUrl, 'request.timeoutSeconds': 5 });
  });
  after(async () => {
    preparer.dispose();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls (set), then recognize finds the person in that space only; the ledger holds what the server holds', async () => {
    const messi = await imageOf('messi5.jpg');
    const unknown = await analyze(messi, ['persons'], '3');
    assert.equal(unknown.faces!.length, 1);
    assert.equal(unknown.faces![0]!.person, undefined, 'an unknown face has no person');
    const reports = await persons.enroll('3', [{ personId: 7, source: messi }]);
    assert.deepEqual(reports.map((r) => r.done), [true]);
    const known = await analyze(messi, ['persons'], '3');
    assert.equal(known.faces![0]!.person!.tag, 'person7');
    assert.equal((await analyze(messi, ['persons'], '4')).faces![0]!.person, undefined);
    const ledger = await persons.ledger();
    const account = `token:${emulator.accessToken}`;
    assert.deepEqual(Object.keys(emulator.state.snapshot()[account]!), ['3']);
    assert.deepEqual(personsIn(ledger, '3').map((p) => [p.personId, p.images.map((i) => i.sha256)]), Object.entries(emulator.state.snapshot()[account]!['3']!).map(([id, images]) => [Number(id), images]));
    assert.ok(personsIn(ledger, '3')[0]!.images[0]!.thumbnail?.startsWith('data:image/jpeg;base64,'));
  });

  it('a face crop is enrolled as its own pixels; status-2 objects are sent again, alone', async () => {
    const messi = await imageOf('messi5.jpg');
    emulator.temporaryFailures(1);
    const reports = await persons.enroll('0', [{ personId: 1, source: messi, crop: { left: 180, top: 40, width: 120, height: 140 } }, { personId: 2, source: await imageOf('fruits.jpg') }]);
    assert.deepEqual(reports.map((r) => r.done), [true, true]);
    const sets = emulator.server.requests.filter((r) => r.path === '/api/v1/persons/set');
    assert.equal(sets.length, 2, 'the second request carries only the image answered with status 2');
    const ledger = await persons.ledger();
    assert.deepEqual(personsIn(ledger, '0').map((p) => p.personId), [1, 2]);
    const removed = await persons.remove('0', [1]);
    assert.deepEqual(removed.removed, [1]);
    assert.deepEqual(personsIn(await persons.ledger(), '0').map((p) => p.personId), [2]);
    await persons.truncate('0');
    assert.deepEqual(personsIn(await persons.ledger(), '0'), []);
    assert.deepEqual(emulator.state.snapshot(), {});
  });

  it('Extract Text asks text/recognize in detailed mode; Classify Image gets objects and the safe score in one result', async () => {
    const image = await imageOf('fruits.jpg');
    const text = await analyze(image, ['text']);
    assert.equal(text.text!.fullText, 'emulated');
    const labels = await analyze(image, ['labels']);
    assert.deepEqual(labels.labels!.map((l) => `${l.group}:${l.name}`).sort(), ['label:Office', 'object:Person', 'safeSearch:safe']);
    assert.deepEqual(emulator.server.requests.map((r) => r.path), ['/api/v1/text/recognize', '/api/v1/objects/detect', '/api/v1/adult/detect']);
  });

  it('client credentials: a token is fetched once and renewed once after a refusal; no token reaches a message or the log', async () => {
    stored = { clientId: emulator.clientId, clientSecret: emulator.clientSecret };
    const image = await imageOf('fruits.jpg');
    await analyze(image, ['text']);
    await analyze(image, ['text']);
    emulator.refuseNextToken();
    await analyze(image, ['text']);
    assert.equal(emulator.server.requests.filter((r) => r.path === '/auth/oauth/v1/token').length, 2);
    const issued = [...emulator.tokens.access.keys()];
    for (const token of [...issued, emulator.clientSecret]) for (const line of log) assert.ok(!line.includes(token) && !line.includes(token.slice(0, 16)), line);
  });

  it('a refused service token: an auth error without any part of the token (the 401 echoes it)', async () => {
    stored = { accessToken: 'canary-token-0123456789abcdef-canary' };
    await assert.rejects(analyze(await imageOf('fruits.jpg'), ['persons']), (e: unknown) => {
      assert.ok(e instanceof ProviderError && e.category === 'auth', String(e));
      assert.ok(!e.message.includes('canary-token-012'), e.message);
      return true;
    });
    for (const line of log) assert.ok(!line.includes('canary-token-012'), line);
  });
});
