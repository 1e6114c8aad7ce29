import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fetch from 'node-fetch';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import { createHttpClient } from '../../src/providers/http';
import { ProviderError } from '../../src/providers/providerError';
import type { ImageSource } from '../../src/images/imageSource';
import { builtinProvider, type AskSetting } from '../../src/providers/kit/builtinProvider';
import type { ImageLoader, Provider } from '../../src/providers/types';
import { yandexDescriptor } from '../../src/providers/yandex/descriptor';
import { createYandexProvider } from '../../src/providers/yandex/yandexProvider';
import type { YandexSettings } from '../../src/providers/yandex/yandexSettings';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { EmulatorServer, type EmulatorResponse, type RecordedRequest } from '../emulators/core';
import { tokenSource } from './cancellation';
import { englishOnly } from './localEngine';
import { loadResultFixture } from './resultFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const KEY = 'AQVN-canary-key-5f3a9c';

/** Answers batchAnalyze and recognizeText with documented answers (the fixtures' raw bodies). */
function answer(request: RecordedRequest): EmulatorResponse {
  if (request.headers.authorization !== `Api-Key ${KEY}`) return { status: 401, body: { code: 16, message: 'Unknown api key', details: [] } };
  if (request.path === '/ocr/v1/recognizeText') {
    const lines = loadResultFixture('yandex-ocr-recognize-text-1').raw as unknown[];
    return { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req-ocr-1' }, body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' };
  }
  const body = JSON.parse(request.body.toString('utf8')) as { analyzeSpecs: Array<{ features: Array<{ type: string }> }> };
  const face = (loadResultFixture('yandex-batchanalyze-face-detection-1').raw as { results: Array<{ results: unknown[] }> }).results[0]!.results[0];
  const results = body.analyzeSpecs.map((spec) => ({ results: spec.features.map((f) => (f.type === 'FACE_DETECTION' ? face : { error: { code: 3, message: `${f.type} is discontinued` } })) }));
  return { status: 200, headers: { 'x-request-id': 'req-vision-1' }, body: { results } };
}

/** The settings as `imageInsight.*` keys, read fresh on every request as the extension does. */
const reader = (settings: () => YandexSettings) => (key: string): unknown => {
  const s = settings();
  return key === 'request.timeoutSeconds' ? s.timeoutSeconds : key.startsWith('yandex.') ? s[key.slice(7) as keyof YandexSettings] : undefined;
};

/** The provider as the extension registers it: its descriptor, the shared runner, this engine. */
function yandexProvider(http: ReturnType<typeof createHttpClient>, preparer: ImagePreparer, settings: () => YandexSettings, stored: () => Record<string, string> | undefined, askSetting: AskSetting = () => Promise.resolve(undefined)): Provider {
  const deps = { t: formatOnly, setting: reader(settings), credentials: { get: () => Promise.resolve(stored()) }, preparer, distPath: '', languages: englishOnly, redact: (s: string) => s, log: () => undefined };
  return builtinProvider(yandexDescriptor, deps, askSetting, (d) => createYandexProvider(d, http));
}

/** One image: its result, or the error it failed with. */
async function one(provider: Provider, image: ImageSource, features: FeatureId[], languages = ['*']): Promise<AnalysisResult> {
  const [outcome] = await provider.analyze([() => Promise.resolve(image)], features, { languages }, tokenSource());
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}

/** Several images: each one's result, a failed one's cause in its `errors` as the analysis puts it. */
async function many(provider: Provider, loaders: ImageLoader[], features: FeatureId[]): Promise<AnalysisResult[]> {
  const outcomes = await provider.analyze(loaders, features, { languages: ['*'] }, tokenSource());
  return outcomes.map((o) => (o instanceof Error ? ({ errors: [{ feature: '*', message: o.message }] } as unknown as AnalysisResult) : o));
}

describe('Yandex provider (builder + client + parser, against a local server)', function () {
  this.timeout(30_000);
  let server: EmulatorServer;
  let preparer: ImagePreparer;
  let settings: YandexSettings;
  let stored: Record<string, string> | undefined;
  const log: string[] = [];
  let provider: Provider;
  let image: ImageSource;

  before(async () => {
    server = await EmulatorServer.start(answer);
    preparer = new ImagePreparer(path.join(ROOT, 'dist/imageWorker.js'), formatOnly, 5_000);
    const http = createHttpClient({ fetch, t: formatOnly, redact: (s) => s.split(KEY).join('‹redacted›'), log: (l) => log.push(l), sleep: () => Promise.resolve() });
    provider = yandexProvider(http, preparer, () => settings, () => stored);
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples/fruits.jpg')));
    image = { uri: 'file:///fruits.jpg', name: 'fruits.jpg', size: bytes.length, ...(await probeImage(bytes, 'fruits.jpg', formatOnly)), read: () => Promise.resolve(bytes) };
  });
  beforeEach(() => {
    server.reset();
    stored = { apiKey: KEY };
    settings = { endpoint: server.url, ocrEndpoint: server.url, folderId: '', textApi: 'ocr', textModel: 'page', classificationModel: 'quality', timeoutSeconds: 5, requestsPerSecond: 10, ocrRequestsPerSecond: 1 };
  });
  after(async () => {
    preparer.dispose();
    await server.close();
  });

  it('reads text through the OCR API and the rest through batchAnalyze, errors beside findings', async () => {
    const result = await one(provider, image, ['text', 'faces', 'labels'], ['ru', 'en']);
    assert.deepEqual(server.requests.map((r) => r.path).sort(), ['/ocr/v1/recognizeText', '/vision/v1/batchAnalyze']);
    const ocr = server.requests.find((r) => r.path === '/ocr/v1/recognizeText')!;
    assert.equal(ocr.headers['x-data-logging-enabled'], 'false');
    assert.deepEqual(JSON.parse(ocr.body.toString()).languageCodes, ['ru', 'en']);
    const vision = JSON.parse(server.requests.find((r) => r.path === '/vision/v1/batchAnalyze')!.body.toString()) as { analyzeSpecs: Array<{ content: string; features: unknown[] }> };
    assert.deepEqual(vision.analyzeSpecs[0]!.features, [{ type: 'FACE_DETECTION' }, { type: 'CLASSIFICATION', classificationConfig: { model: 'quality' } }]);
    assert.ok(Buffer.from(vision.analyzeSpecs[0]!.content, 'base64').length <= 1_000_000);
    assert.ok(result.text!.fullText.length > 0);
    assert.equal(result.faces!.length, 1);
    assert.deepEqual(result.errors, [{ feature: 'labels', code: 3, message: 'CLASSIFICATION is discontinued' }]);
    assert.equal(result.image.width, 512);
  });

  it('with the Vision text API, text goes to batchAnalyze', async () => {
    settings.textApi = 'vision';
    await one(provider, image, ['text']);
    assert.deepEqual(server.requests.map((r) => r.path), ['/vision/v1/batchAnalyze']);
  });

  it('refused credentials: an auth error naming the file, provider and request, without the key', async () => {
    stored = { apiKey: 'wrong' };
    await assert.rejects(one(provider, image, ['faces']), (e: unknown) => e instanceof ProviderError && e.category === 'auth' && /fruits\.jpg/.test(e.message) && /Yandex Vision/.test(e.message));
  });

  it('no credentials, or an IAM token without a folder: a clear error and no request', async () => {
    stored = undefined;
    await assert.rejects(one(provider, image, ['faces']), (e: unknown) => e instanceof ProviderError && e.category === 'auth');
    stored = { iamToken: 't1.abc' };
    await assert.rejects(one(provider, image, ['faces']), (e: unknown) => e instanceof UserError && /folderId/.test(e.message));
    assert.equal(server.requests.length, 0);
  });

  it('asks for the folder an IAM token needs, and sends it', async () => {
    const http = createHttpClient({ fetch, t: formatOnly, redact: (s) => s, sleep: () => Promise.resolve() });
    const asked: string[] = [];
    // As the extension does: the answer is saved in the setting the request then reads.
    const askSetting: AskSetting = (setting) => (asked.push(setting.key), (settings.folderId = ' b1gfolder0000000000 '.trim()), Promise.resolve(settings.folderId));
    const asking = yandexProvider(http, preparer, () => ({ ...settings, textApi: 'vision' }), () => ({ iamToken: 't1.abc' }), askSetting);
    await one(asking, image, ['faces']).catch(() => undefined); // the test server knows only the API key
    assert.deepEqual(asked, ['yandex.folderId']);
    const body = JSON.parse(server.requests[0]!.body.toString()) as { folderId?: string };
    assert.equal(body.folderId, 'b1gfolder0000000000');
    assert.equal(server.requests[0]!.headers.authorization, 'Bearer t1.abc');
  });

  it('an endpoint that is not https (nor this computer) is refused before anything is sent', async () => {
    settings.endpoint = 'http://example.com';
    await assert.rejects(one(provider, image, ['faces']), (e: unknown) => e instanceof UserError && /imageInsight\.yandex\.endpoint/.test(e.message));
    assert.equal(server.requests.length, 0);
  });

  it('several images: 8 per batchAnalyze request, each image its own result, a failed image or request only theirs', async () => {
    const load = () => Promise.resolve(image);
    const broken = () => Promise.reject(new UserError('"broken.png" is not an image', 'broken.png'));
    const results = await many(provider, [...Array.from({ length: 10 }, () => load), broken], ['faces']);
    assert.equal(results.length, 11);
    assert.deepEqual(server.requests.map((r) => (JSON.parse(r.body.toString()) as { analyzeSpecs: unknown[] }).analyzeSpecs.length).sort((a, b) => b - a), [8, 2]);
    assert.ok(results.slice(0, 10).every((r) => r.faces!.length === 1 && r.errors.length === 0));
    assert.match(results[10]!.errors[0]!.message, /broken\.png/);
    server.reset();
    // The two requests go side by side: the fault is for the one with eight images, whichever arrives first.
    server.injectFor((r) => (JSON.parse(r.body.toString()) as { analyzeSpecs: unknown[] }).analyzeSpecs.length === 8, { kind: 'status', status: 400, body: JSON.stringify({ code: 3, message: 'bad batch' }) });
    const partly = await many(provider, Array.from({ length: 9 }, () => load), ['faces']);
    assert.ok(partly.slice(0, 8).every((r) => r.errors[0]?.feature === '*' && /bad batch/.test(r.errors[0].message)));
    assert.equal(partly[8]!.faces!.length, 1);
  });

  it('retries a throttled request and never lets the key into a message or the log', async () => {
    server.inject({ kind: 'status', status: 429, retryAfter: '1', body: JSON.stringify({ code: 8, message: 'Too many requests' }) });
    const result = await one(provider, image, ['faces']);
    assert.equal(result.faces!.length, 1);
    assert.equal(server.requests.length, 2);
    server.inject({ kind: 'status', status: 500, body: JSON.stringify({ code: 13, message: `internal, key ${KEY}` }) });
    await assert.rejects(one(provider, image, ['faces']), (e: unknown) => e instanceof ProviderError && e.category === 'server' && !e.message.includes(KEY));
    assert.ok(!log.join('\n').includes(KEY));
  });
});
