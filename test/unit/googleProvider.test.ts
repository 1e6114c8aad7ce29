import assert from 'node:assert/strict';
import fetch from 'node-fetch';
import type { ImageSource } from '../../src/images/imageSource';
import type { PreparedImage } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import { identityTransform } from '../../src/images/transform';
import { googleDescriptor } from '../../src/providers/google/descriptor';
import { createGoogleProvider } from '../../src/providers/google/googleProvider';
import { MAX_REQUEST_IMAGE_BYTES } from '../../src/providers/google/googleRequest';
import { createHttpClient } from '../../src/providers/http';
import { builtinProvider, type AskSetting } from '../../src/providers/kit/builtinProvider';
import type { Fitter } from '../../src/providers/kit/imageRunner';
import { ProviderError } from '../../src/providers/providerError';
import type { ImageLoader, Provider } from '../../src/providers/types';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google';
import { patternPng } from '../emulators/yandex/image';
import { tokenSource } from './cancellation';
import { englishOnly } from './localEngine';

const KEY = 'AIzaSyCanaryKey5f3a9c00000000000000000';

/**
 * Fits nothing: sends the image as it is, padded to `size(name)` bytes when asked (a PNG decoder
 * reads the header and ignores what follows), so byte budgets are tested without encoding.
 */
function paddingFitter(size: (name: string) => number | undefined): Fitter {
  return {
    prepare: async (source: ImageSource): Promise<PreparedImage> => {
      const bytes = Buffer.from(await source.read());
      const want = size(source.name);
      const padded = want && want > bytes.length ? Buffer.concat([bytes, Buffer.alloc(want - bytes.length)]) : bytes;
      return { bytes: new Uint8Array(padded), mime: 'image/png', transform: identityTransform({ width: source.width, height: source.height }), reencoded: [], notes: [], attempts: [], prepareMs: 0 };
    },
  };
}

async function pngSource(name: string, width = 64, height = 48, bytes: Buffer = patternPng(name, width, height)): Promise<ImageSource> {
  // Bytes that are no image skip the probe: the point is what Google answers when one reaches it.
  const probe = bytes[0] === 0x89 ? await probeImage(new Uint8Array(bytes), name, formatOnly) : undefined;
  return { uri: `file:///${name}`, name, size: bytes.length, ...(probe ?? { format: 'png', width, height, orientation: 1 }), read: () => Promise.resolve(new Uint8Array(bytes)) };
}

describe('Google provider (builder + client + parser, against the emulator)', function () {
  this.timeout(30_000);
  let emulator: GoogleEmulator;
  let settings: Record<string, unknown>;
  let stored: Record<string, string> | undefined;
  let sizes: Record<string, number>;
  const log: string[] = [];
  const asked: string[] = [];

  const provider = (ask: AskSetting = (s) => (asked.push(s.key), Promise.resolve(undefined))): Provider => {
    const http = createHttpClient({ fetch, t: formatOnly, redact: (s) => s.split(KEY).join('‹redacted›'), log: (l) => log.push(l), sleep: () => Promise.resolve() });
    const deps = { t: formatOnly, setting: (key: string) => settings[key], credentials: { get: () => Promise.resolve(stored) }, preparer: paddingFitter((n) => sizes[n]), distPath: '', languages: englishOnly, redact: (s: string) => s, log: () => undefined };
    return builtinProvider(googleDescriptor, deps, ask, (d) => createGoogleProvider(d, http));
  };
  const run = async (p: Provider, sources: ImageSource[], features: FeatureId[], interactive?: boolean) =>
    p.analyze(sources.map((s): ImageLoader => () => Promise.resolve(s)), features, { languages: ['ru', 'en'], interactive }, tokenSource());
  const one = async (p: Provider, source: ImageSource, features: FeatureId[], interactive?: boolean): Promise<AnalysisResult> => {
    const [outcome] = await run(p, [source], features, interactive);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  };
  const bodies = () => emulator.server.requests.map((r) => JSON.parse(r.body.toString()) as { requests: Array<{ features: Array<{ type: string }> }> });

  before(async () => (emulator = await startGoogleEmulator({ apiKey: KEY })));
  after(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    stored = { apiKey: KEY };
    sizes = {};
    asked.length = 0;
    settings = { 'google.endpoint': emulator.url, 'google.location': '', 'google.projectId': '', 'google.textFeature': 'DOCUMENT_TEXT_DETECTION', 'request.timeoutSeconds': 5 };
  });

  it('asks every feature in one request with the key in its header, and parses each into the result', async () => {
    const result = await one(provider(), await pngSource('all.png'), [...googleDescriptor.features]);
    assert.equal(emulator.server.requests.length, 1);
    const [request] = emulator.server.requests;
    assert.equal(request!.path, '/v1/images:annotate');
    assert.equal(request!.headers['x-goog-api-key'], KEY);
    assert.equal(request!.query.toString(), '');
    // 10 types: labels brings safe search, which is also asked for on its own.
    assert.equal(bodies()[0]!.requests[0]!.features.length, 10);
    const lines = result.text!.pages[0]!.blocks[0]!.lines.map((l) => l.text);
    assert.equal(lines[0], 'Image In-');
    assert.match(lines[1]!, /^sight [0-9a-f]{6} emulated$/);
    assert.ok(result.faces![0]!.attributes!.angles);
    const groups = new Set(result.labels!.map((l) => l.group));
    for (const group of ['label', 'safeSearch', 'object', 'logo', 'landmark', 'cropHint', 'webEntity']) assert.ok(groups.has(group as never), group);
    assert.deepEqual(result.labels!.find((l) => l.group === 'object')!.polygon![0], { x: 0, y: 0 });
    assert.equal(result.copies!.matches[0]!.title!.startsWith('Emulated page'), true);
    assert.deepEqual(result.colors![1], { red: 0, green: 0, blue: 0, score: 0.3, pixelFraction: 0.25 });
    assert.deepEqual(result.errors, []);
  });

  it('20 images: 16 in the first request and 4 in the second, each its own result', async () => {
    const sources = await Promise.all(Array.from({ length: 20 }, (_, i) => pngSource(`img${i}.png`)));
    const outcomes = await run(provider(), sources, ['labels']);
    assert.deepEqual(bodies().map((b) => b.requests.length).sort((a, b) => b - a), [16, 4]);
    assert.ok(outcomes.every((o, i) => !(o instanceof Error) && o.image.uri === `file:///img${i}.png` && o.labels!.length > 0));
  });

  it('splits by bytes so that every body stays under 10 MB (the emulator refuses a larger one)', async () => {
    const sources = await Promise.all(Array.from({ length: 5 }, (_, i) => pngSource(`big${i}.png`)));
    for (const s of sources) sizes[s.name] = Math.floor(MAX_REQUEST_IMAGE_BYTES / 2.5);
    const outcomes = await run(provider(), sources, ['labels']);
    // Sent side by side (the scheduler's concurrency): they may arrive in any order, and a request
    // the loaded machine dropped is sent again — what matters is that none held more than two.
    const counts = bodies().map((b) => b.requests.length);
    assert.ok(counts.every((n) => n <= 2) && counts.reduce((a, b) => a + b, 0) >= 5, `requests of ${counts.join(', ')} images`);
    assert.ok(emulator.server.requests.every((r) => r.body.length <= 10_000_000));
    assert.ok(outcomes.every((o) => !(o instanceof Error) && o.errors.length === 0));
  });

  it('a per-image error stays with its image; {} is a result with nothing in it', async () => {
    const outcomes = await run(provider(), [await pngSource('ok.png'), await pngSource('tiny.png', 4, 4), await pngSource('bad.png', 64, 48, Buffer.from('not an image at all'))], ['labels']);
    const [ok, tiny, bad] = outcomes as AnalysisResult[];
    assert.ok(ok!.labels!.length > 0);
    assert.deepEqual([tiny!.labels, tiny!.errors], [undefined, []]);
    assert.deepEqual(bad!.errors, [{ feature: '*', code: 3, message: 'Bad image data.' }]);
  });

  it('a refused key is an auth error naming the reason, and the key never reaches a message or the log', async () => {
    stored = { apiKey: `${KEY.slice(0, -1)}X` };
    await assert.rejects(one(provider(), await pngSource('k.png'), ['faces']), (e: unknown) => e instanceof ProviderError && e.category === 'auth' && e.code === 'API_KEY_INVALID' && /API_KEY_INVALID/.test(e.message) && /k\.png/.test(e.message));
    stored = { apiKey: KEY };
    emulator.server.inject({ kind: 'status', status: 500, body: JSON.stringify({ error: { code: 500, message: `internal, key ${KEY}`, status: 'INTERNAL' } }) });
    await assert.rejects(one(provider(), await pngSource('k.png'), ['faces']), (e: unknown) => e instanceof ProviderError && e.category === 'server' && e.code === 'INTERNAL' && !e.message.includes(KEY));
    assert.ok(!log.join('\n').includes(KEY));
  });

  it('says which of API or billing is off and where to turn it on; rate limits are retried', async () => {
    const check = async (options: { serviceDisabled?: boolean; billingDisabled?: boolean }, pattern: RegExp) => {
      const off = await startGoogleEmulator({ apiKey: KEY, ...options });
      settings['google.endpoint'] = off.url;
      try {
        await assert.rejects(one(provider(), await pngSource('x.png'), ['labels']), (e: unknown) => e instanceof ProviderError && e.category === 'unsupported' && pattern.test(e.message));
        assert.equal(off.server.requests.length, 1);
      } finally {
        await off.close();
      }
    };
    await check({ serviceDisabled: true }, /not enabled in the Google Cloud project image-insight-emulator \(SERVICE_DISABLED\)\. Enable it at https:\/\/console\.cloud\.google\.com\/apis\/library\/vision\.googleapis\.com\?project=image-insight-emulator/);
    await check({ billingDisabled: true }, /billing is not enabled .*BILLING_DISABLED.*https:\/\/console\.cloud\.google\.com\/billing\/linkedaccount\?project=image-insight-emulator/);
    settings['google.endpoint'] = emulator.url;
    emulator.server.inject({ kind: 'status', status: 429 });
    assert.ok((await one(provider(), await pngSource('x.png'), ['labels'])).labels!.length > 0);
    assert.equal(emulator.server.requests.length, 2);
  });

  it('an OAuth token goes in Authorization, with its quota project', async () => {
    stored = { accessToken: emulator.accessToken, quotaProject: emulator.projectId };
    await one(provider(), await pngSource('t.png'), ['faces']);
    const headers = emulator.server.requests[0]!.headers;
    assert.deepEqual([headers.authorization, headers['x-goog-user-project'], headers['x-goog-api-key']], [`Bearer ${emulator.accessToken}`, emulator.projectId, undefined]);
  });

  it('data residency: the project\'s regional method; a missing project is asked for once, or named to a script', async () => {
    settings['google.location'] = 'eu';
    await assert.rejects(one(provider(), await pngSource('r.png'), ['labels'], false), (e: unknown) => e instanceof UserError && /imageInsight\.google\.projectId/.test(e.message));
    assert.equal(asked.length, 0);
    await assert.rejects(one(provider(), await pngSource('r.png'), ['labels']), UserError);
    assert.deepEqual(asked, ['google.projectId']);
    assert.equal(emulator.server.requests.length, 0);
    const saving: AskSetting = (s) => (asked.push(s.key), (settings[s.key] = emulator.projectId), Promise.resolve(emulator.projectId));
    const residentProvider = provider(saving);
    await one(residentProvider, await pngSource('r.png'), ['labels']);
    await one(residentProvider, await pngSource('r.png'), ['labels']);
    assert.deepEqual(asked, ['google.projectId', 'google.projectId']);
    assert.deepEqual(emulator.server.requests.map((r) => r.path), Array.from({ length: 2 }, () => `/v1/projects/${emulator.projectId}/locations/eu/images:annotate`));
  });

  it('no credentials, or a project ID that is not one: a clear error and no request', async () => {
    stored = undefined;
    await assert.rejects(one(provider(), await pngSource('n.png'), ['labels']), (e: unknown) => e instanceof ProviderError && e.category === 'auth');
    stored = { apiKey: KEY };
    Object.assign(settings, { 'google.location': 'us', 'google.projectId': '../../v1/evil' });
    await assert.rejects(one(provider(), await pngSource('n.png'), ['labels']), (e: unknown) => e instanceof UserError && /projectId/.test(e.message));
    assert.equal(emulator.server.requests.length, 0);
  });
});
