import assert from 'node:assert/strict';
import fetch from 'node-fetch';
import { GOOGLE_CREDENTIALS, startGoogleEmulator, type GoogleEmulator } from '../emulators/google';
import { patternPng } from '../emulators/yandex/image';

/** The value at a path of keys and indexes in parsed JSON (undefined where the path breaks). */
const get = (value: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), value);

const png = (name: string, width = 64, height = 48) => patternPng(name, width, height).toString('base64');

/** A PNG header that declares a size without the pixels (enough for the size check). */
function declaredPng(width: number, height: number): string {
  const bytes = patternPng('declared', 8, 8);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes.toString('base64');
}

describe('Google Cloud Vision emulator', () => {
  let emulator: GoogleEmulator;
  const post = async (body: unknown, headers: Record<string, string> = { 'x-goog-api-key': GOOGLE_CREDENTIALS.apiKey }, path = '/v1/images:annotate') => {
    const response = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  const one = (content: string, types: string[] = ['LABEL_DETECTION']) => ({ requests: [{ image: { content }, features: types.map((type) => ({ type })) }] });

  before(async () => (emulator = await startGoogleEmulator()));
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  it('answers every feature in the real shapes: omitted zeros, enums as strings, the same image the same way', async () => {
    const types = ['TEXT_DETECTION', 'FACE_DETECTION', 'LABEL_DETECTION', 'SAFE_SEARCH_DETECTION', 'OBJECT_LOCALIZATION', 'LOGO_DETECTION', 'LANDMARK_DETECTION', 'WEB_DETECTION', 'IMAGE_PROPERTIES', 'CROP_HINTS'];
    const first = await post(one(png('a'), types));
    assert.equal(first.status, 200);
    const r = get(first.json, 'responses', 0);
    for (const key of ['textAnnotations', 'fullTextAnnotation', 'faceAnnotations', 'labelAnnotations', 'safeSearchAnnotation', 'localizedObjectAnnotations', 'logoAnnotations', 'landmarkAnnotations', 'webDetection', 'imagePropertiesAnnotation', 'cropHintsAnnotation']) assert.ok(get(r, key), key);
    assert.deepEqual(get(r, 'localizedObjectAnnotations', 0, 'boundingPoly', 'normalizedVertices', 0), {});
    assert.deepEqual(get(r, 'cropHintsAnnotation', 'cropHints', 0, 'boundingPoly', 'vertices', 0), {});
    assert.deepEqual(get(r, 'imagePropertiesAnnotation', 'dominantColors', 'colors', 1, 'color'), {});
    assert.match(String(get(r, 'safeSearchAnnotation', 'adult')), /^[A-Z_]+$/);
    assert.deepEqual((await post(one(png('a'), types))).json, first.json);
    assert.notDeepEqual((await post(one(png('b'), types))).json, first.json);
  });

  it('answers {} for a picture with nothing in it, and a per-image error beside the others', async () => {
    const { json } = await post({ requests: [{ image: { content: png('tiny', 4, 4) }, features: [{ type: 'LABEL_DETECTION' }] }, { image: { content: Buffer.from('%PDF-1.4').toString('base64') }, features: [{ type: 'LABEL_DETECTION' }] }, { image: { content: declaredPng(10_000, 10_000) }, features: [{ type: 'LABEL_DETECTION' }] }] });
    assert.deepEqual(get(json, 'responses', 0), {});
    assert.deepEqual(get(json, 'responses', 1), { error: { code: 3, message: 'Bad image data.' } });
    assert.match(String(get(json, 'responses', 2, 'error', 'message')), /75000000 pixels/);
  });

  it('refuses what the API refuses: > 16 images, an unknown feature, a body over 10 MB, bad JSON', async () => {
    const many = { requests: Array.from({ length: 17 }, () => one(png('a')).requests[0]) };
    const refused = await post(many);
    assert.deepEqual([refused.status, get(refused.json, 'error', 'status')], [400, 'INVALID_ARGUMENT']);
    assert.match(String(get((await post(one(png('a'), ['TEXT']))).json, 'error', 'message')), /features\[0\]\.type/);
    assert.equal((await post({ requests: [] })).status, 400);
    assert.equal((await post('{')).status, 400);
    const huge = await post(one(Buffer.alloc(7_600_000).toString('base64')));
    assert.deepEqual([huge.status, get(huge.json, 'error', 'message')], [400, 'Request payload size exceeds the limit: 10000000 bytes.']);
  });

  it('takes the key in X-Goog-Api-Key or an OAuth token with its quota project; errors as Google shapes them', async () => {
    const bad = await post(one(png('a')), { 'x-goog-api-key': 'AIzaWrong' });
    assert.deepEqual([bad.status, get(bad.json, 'error', 'details', 0, 'reason')], [400, 'API_KEY_INVALID']);
    assert.ok(!JSON.stringify(bad.json).includes('AIzaWrong'));
    assert.equal((await post(one(png('a')), {})).status, 403);
    assert.equal((await post(one(png('a')), { authorization: `Bearer ${GOOGLE_CREDENTIALS.accessToken}`, 'x-goog-user-project': GOOGLE_CREDENTIALS.projectId })).status, 200);
    assert.equal((await post(one(png('a')), { authorization: 'Bearer ya29.other' })).status, 401);
    assert.equal(get((await post(one(png('a')), { authorization: `Bearer ${GOOGLE_CREDENTIALS.accessToken}`, 'x-goog-user-project': 'someone-else' })).json, 'error', 'details', 0, 'reason'), 'USER_PROJECT_DENIED');
  });

  it('serves data residency for the project in us, eu and asia only', async () => {
    const at = (project: string, location: string) => post(one(png('a')), undefined, `/v1/projects/${project}/locations/${location}/images:annotate`);
    for (const location of ['us', 'eu', 'asia']) assert.equal((await at(GOOGLE_CREDENTIALS.projectId, location)).status, 200);
    assert.equal((await at(GOOGLE_CREDENTIALS.projectId, 'mars')).status, 400);
    assert.equal((await at('Bad_Project', 'eu')).status, 400);
    assert.equal((await at('other-project', 'eu')).status, 403);
    assert.equal((await post(one(png('a')), undefined, '/v1/images:annotateX')).status, 404);
  });

  it('says SERVICE_DISABLED, BILLING_DISABLED and RATE_LIMIT_EXCEEDED as Google does, and injects faults in its envelope', async () => {
    const disabled = await startGoogleEmulator({ serviceDisabled: true });
    const billing = await startGoogleEmulator({ billingDisabled: true });
    const limited = await startGoogleEmulator({ perMinute: 60 });
    try {
      const call = (e: GoogleEmulator) => fetch(`${e.url}/v1/images:annotate`, { method: 'POST', headers: { 'x-goog-api-key': e.apiKey }, body: JSON.stringify(one(png('a'))) }).then(async (r) => [r.status, get(await r.json(), 'error', 'details', 0, 'reason')]);
      assert.deepEqual(await call(disabled), [403, 'SERVICE_DISABLED']);
      assert.deepEqual(await call(billing), [403, 'BILLING_DISABLED']);
      assert.deepEqual(await call(limited), [200, undefined]);
      assert.deepEqual(await call(limited), [429, 'RATE_LIMIT_EXCEEDED']);
    } finally {
      await Promise.all([disabled.close(), billing.close(), limited.close()]);
    }
    emulator.server.inject({ kind: 'status', status: 429 });
    const throttled = await post(one(png('a')));
    assert.deepEqual([throttled.status, get(throttled.json, 'error', 'details', 0, 'reason')], [429, 'RATE_LIMIT_EXCEEDED']);
  });
});
