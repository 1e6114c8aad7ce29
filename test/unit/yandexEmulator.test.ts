import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulators, startYandexEmulator, type YandexEmulator } from '../emulators';
import { makePng } from './imageBuilders';
import { RESULT_FIXTURES_DIR } from './resultFixtures';
import { b64, jpeg, pdf, png, post, walk, type Loose } from './yandexEmulatorHelpers';

const fixtureRaw = (name: string): Loose => JSON.parse(fs.readFileSync(path.join(RESULT_FIXTURES_DIR, `${name}.json`), 'utf8')).raw;

describe('Yandex emulator: batchAnalyze', () => {
  let y: YandexEmulator;
  let url: string;
  const key = (): Record<string, string> => ({ authorization: `Api-Key ${y.apiKey}` });
  const text = { type: 'TEXT_DETECTION', textDetectionConfig: { languageCodes: ['en'] } };
  const spec = (bytes: Buffer, features: object[] = [text]): object => ({ content: b64(bytes), features });
  const analyze = (specs: object[], headers = key(), extra: object = {}) => post(url, { ...extra, analyzeSpecs: specs }, headers);

  before(async () => {
    y = await startYandexEmulator();
    url = `${y.vision.url}/vision/v1/batchAnalyze`;
  });
  afterEach(() => y.reset());
  after(() => y.close());

  describe('auth and the folder rule', () => {
    it('Api-Key needs no folderId; every answer carries x-request-id', async () => {
      const res = await analyze([spec(png(64, 32))]);
      assert.equal(res.status, 200);
      assert.match(res.headers['x-request-id']!, /^[0-9a-f-]{36}$/);
    });

    it('missing, unknown or malformed credentials → 401 with a bare Status (code 16), never echoing the secret', async () => {
      for (const headers of [{}, { authorization: 'Api-Key wrong-key' }, { authorization: 'Bearer t1.wrong' }, { authorization: y.apiKey }] as Record<string, string>[]) {
        const res = await analyze([spec(png(8, 8))], headers, { folderId: y.folderId });
        assert.equal(res.status, 401);
        assert.deepEqual(Object.keys(res.json).sort(), ['code', 'details', 'message']);
        assert.equal(res.json.code, 16);
        assert.equal(res.json.details[0].requestId, res.headers['x-request-id']);
        assert.ok(!res.text.includes('wrong'), res.text);
      }
      assert.equal((await analyze([spec(png(8, 8))], { authorization: 'Bearer t1.wrong' }, { folderId: y.folderId })).json.message, 'Token is invalid or has expired.');
    });

    it('Bearer (IAM) requires folderId (400), refuses another folder (403), accepts its own', async () => {
      const bearer = { authorization: `Bearer ${y.iamToken}` };
      const missing = await analyze([spec(png(8, 8))], bearer);
      assert.equal(missing.status, 400);
      assert.equal(missing.json.code, 3);
      const other = await analyze([spec(png(8, 8))], bearer, { folderId: 'b1gsomeoneelse' });
      assert.equal(other.status, 403);
      assert.equal(other.json.code, 7);
      assert.equal((await analyze([spec(png(8, 8))], bearer, { folderId: y.folderId })).status, 200);
      assert.equal((await analyze([spec(png(8, 8))], { authorization: `bearer ${y.iamToken}` }, { folder_id: y.folderId })).status, 200, 'scheme is case-insensitive; snake_case folder_id');
    });
  });

  describe('request validation → 400 {code: 3}', () => {
    const bad: [string, unknown][] = [
      ['not JSON', '{"analyzeSpecs": ['],
      ['an unknown field', { analyzeSpecs: [spec(png(8, 8))], folder: 'x' }],
      ['no specs', { analyzeSpecs: [] }],
      ['9 specs', { analyzeSpecs: Array.from({ length: 9 }, () => spec(png(8, 8))) }],
      ['no features', { analyzeSpecs: [spec(png(8, 8), [])] }],
      ['9 features', { analyzeSpecs: [spec(png(8, 8), Array.from({ length: 9 }, () => text))] }],
      ['content and signature', { analyzeSpecs: [{ content: b64(png(8, 8)), signature: 'abc', features: [text] }] }],
      ['neither content nor signature', { analyzeSpecs: [{ features: [text] }] }],
      ['content that is not base64', { analyzeSpecs: [{ content: 'not base64!', features: [text] }] }],
      ['both configs', { analyzeSpecs: [spec(png(8, 8), [{ ...text, classificationConfig: { model: 'quality' } }])] }],
      ['a field in both casings', { analyzeSpecs: [spec(png(8, 8))], analyze_specs: [spec(png(8, 8))] }],
      ['an unknown feature type', { analyzeSpecs: [spec(png(8, 8), [{ type: 'OBJECT_DETECTION' }])] }],
      ['a language code over 3 characters', { analyzeSpecs: [spec(png(8, 8), [{ type: 'TEXT_DETECTION', textDetectionConfig: { languageCodes: ['english'] } }])] }],
      ['a folderId over 50 characters', { folderId: 'f'.repeat(51), analyzeSpecs: [spec(png(8, 8))] }],
    ];
    for (const [what, body] of bad) {
      it(`refuses ${what}`, async () => {
        const res = await post(url, body, key());
        assert.equal(res.status, 400, res.text);
        assert.equal(res.json.code, 3);
        assert.equal(typeof res.json.message, 'string');
      });
    }

    it('accepts the documented requests verbatim: snake_case, camelCase inside, lowercase "classification"', async () => {
      const textDoc = { folderId: y.folderId, analyze_specs: [{ content: b64(png(8, 8)), features: [{ type: 'TEXT_DETECTION', text_detection_config: { language_codes: ['*'] } }] }] };
      const moderationDoc = { analyze_specs: [{ content: b64(png(8, 8)), features: [{ type: 'classification', classificationConfig: { model: 'moderation' } }] }] };
      assert.equal((await post(url, textDoc, key())).status, 200);
      assert.equal((await post(url, moderationDoc, key())).status, 200);
    });
  });

  describe('per-file and per-feature errors beside results (HTTP 200)', () => {
    it('a file it cannot decode, over 1 MB, over 20 MP, or given by signature → results[i].error, other files answered', async () => {
      const big = Buffer.concat([makePng(16, 16), Buffer.alloc(1024 * 1024)]);
      const huge = makePng(1, 1, { declared: { width: 5000, height: 4001 } });
      const res = await analyze([spec(Buffer.from('GIF89a not really')), spec(big), spec(huge), { signature: 'abc', features: [text] }, spec(png(40, 20))]);
      assert.equal(res.status, 200);
      const errors = (res.json.results as Loose[]).slice(0, 4).map((r: Loose): Loose => r.error);
      assert.deepEqual(errors.slice(0, 3), [
        { code: 3, message: "Can't decode Image" },
        { code: 3, message: 'Image too big' },
        { code: 3, message: 'Image resolution too high' },
      ]);
      assert.equal(errors[3].code, 3);
      assert.ok(res.json.results[4].results[0].textDetection);
      const exactly20 = makePng(1, 1, { declared: { width: 5000, height: 4000 } });
      assert.ok((await analyze([spec(exactly20)])).json.results[0].results, '20 MP exactly is allowed');
    });

    it('no language codes → the documented per-feature error; discontinued features answer an error beside text', async () => {
      const res = await analyze([spec(png(100, 50), [{ type: 'TEXT_DETECTION', textDetectionConfig: { languageCodes: [] } }, { type: 'FACE_DETECTION' }, { type: 'CLASSIFICATION', classificationConfig: { model: 'quality' } }, text])]);
      const [noCodes, faces, classes, ok] = res.json.results[0].results;
      assert.deepEqual(noCodes, fixtureRaw('yandex-batchanalyze-error-feature-1').results[0].results[0]);
      assert.equal(faces.error.code, 12);
      assert.match(faces.error.message, /FACE_DETECTION.*discontinued/);
      assert.match(classes.error.message, /CLASSIFICATION.*discontinued/);
      assert.ok(ok.textDetection.pages[0].blocks.length > 0);
    });

    it('an unknown text or classification model is a per-feature error', async () => {
      const legacy = await startYandexEmulator({ discontinued: false });
      try {
        const res = await post(`${legacy.vision.url}/vision/v1/batchAnalyze`, { analyzeSpecs: [spec(png(8, 8), [{ type: 'TEXT_DETECTION', textDetectionConfig: { languageCodes: ['en'], model: 'poem' } }, { type: 'CLASSIFICATION', classificationConfig: { model: 'beauty' } }])] }, { authorization: `Api-Key ${legacy.apiKey}` });
        assert.deepEqual((res.json.results[0].results as Loose[]).map((r: Loose): Loose => r.error.code), [3, 3]);
      } finally {
        await legacy.close();
      }
    });
  });

  describe('answers', () => {
    it('int64 values are strings, doubles numbers, and zeros and empty lists are left out', async () => {
      const legacy = await startYandexEmulator({ discontinued: false });
      try {
        const features = [text, { type: 'FACE_DETECTION' }, { type: 'IMAGE_COPY_SEARCH' }, { type: 'CLASSIFICATION', classificationConfig: { model: 'quality' } }];
        for (let seed = 0; seed < 8; seed++) {
          const res = await post(`${legacy.vision.url}/vision/v1/batchAnalyze`, { analyzeSpecs: [spec(png(300, 200, seed), features)] }, { authorization: `Api-Key ${legacy.apiKey}` });
          for (const [k, v] of walk(res.json)) {
            if (['x', 'y', 'width', 'height', 'copyCount'].includes(k)) assert.match(v as string, /^[1-9]\d*$/, `${k}: ${JSON.stringify(v)}`);
            if (['confidence', 'probability'].includes(k)) assert.equal(typeof v, 'number');
            if (Array.isArray(v)) assert.ok(v.length > 0, `${k} is an empty list`);
          }
          const quality = res.json.results[0].results[3].classification.properties;
          assert.ok(Math.abs(quality.reduce((s: number, p: Loose): number => s + (p.probability as number), 0) - 1) < 1e-9);
        }
      } finally {
        await legacy.close();
      }
    });

    it('is deterministic: same image → same answer, wherever the feature sits; another image → another answer', async () => {
      const a = (await analyze([spec(png(640, 480, 1))])).json.results[0].results[0];
      const again = (await analyze([spec(png(640, 480, 2)), spec(png(640, 480, 1), [{ type: 'IMAGE_COPY_SEARCH' }, text])])).json.results;
      assert.deepEqual(again[1].results[1], a);
      assert.notDeepEqual(again[0].results[0], a);
      const page = a.textDetection.pages[0];
      assert.deepEqual([page.width, page.height], ['640', '480']);
      for (const [k, v] of walk(page.blocks)) if (k === 'x') assert.ok(Number(v) <= 640);
    });

    it('answers the documented bodies for the known images, and a JPEG or PDF by its own size', async () => {
      const legacy = await startYandexEmulator({ discontinued: false });
      try {
        const image = (name: string): Buffer => legacy.knownImages.find((k) => k.name === name)!.png;
        const res = await post(`${legacy.vision.url}/vision/v1/batchAnalyze`, { analyzeSpecs: [spec(image('penguins')), spec(image('quality'), [{ type: 'CLASSIFICATION', classificationConfig: { model: 'quality' } }]), spec(image('face'), [{ type: 'FACE_DETECTION' }]), spec(image('copies'), [{ type: 'IMAGE_COPY_SEARCH' }]), spec(jpeg(1000, 700)), spec(pdf([[595, 842], [842, 595]]))] }, { authorization: `Api-Key ${legacy.apiKey}` });
        const r = (res.json.results as Loose[]).map((x: Loose): Loose => x.results[0]);
        assert.deepEqual(r[0], fixtureRaw('yandex-batchanalyze-text-1').results[0].results[0]);
        assert.deepEqual(r[1].classification, fixtureRaw('yandex-batchanalyze-classification-quality-1').results[0].results[0].faceDetection);
        assert.deepEqual(r[2], fixtureRaw('yandex-batchanalyze-face-detection-1').results[0].results[0]);
        assert.equal(r[3].imageCopySearch.copyCount, '13');
        assert.deepEqual([r[4].textDetection.pages[0].width, r[4].textDetection.pages[0].height], ['1000', '700']);
        assert.equal(r[5].textDetection.pages.length, 2);
      } finally {
        await legacy.close();
      }
    });
  });

  it('an injected status fault answers a bare Status; rate limits answer 429 {code: 8}; unknown paths 404', async () => {
    y.vision.inject({ kind: 'status', status: 503 });
    const down = await analyze([spec(png(8, 8))]);
    assert.equal(down.status, 503);
    assert.equal(down.json.code, 14);
    assert.equal((await post(`${y.vision.url}/vision/v2/batchAnalyze`, {}, key())).json.code, 5);
    const limited = await startYandexEmulator({ rateLimit: { vision: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(`${limited.vision.url}/vision/v1/batchAnalyze`, { analyzeSpecs: [spec(png(8, 8))] }, { authorization: `Api-Key ${limited.apiKey}` })).json.code ?? 0);
      assert.deepEqual(statuses, [0, 0, 8]);
    } finally {
      await limited.close();
    }
  });

  it('startEmulators says which settings to point at which URL', async () => {
    const all = await startEmulators();
    try {
      const text = all.describe();
      assert.ok(text.includes(`"imageInsight.yandex.endpoint": "${all.yandex.vision.url}"`));
      assert.ok(text.includes(`"imageInsight.yandex.ocrEndpoint": "${all.yandex.ocr.url}"`));
      assert.ok(text.includes(all.yandex.apiKey));
    } finally {
      await all.close();
    }
  });
});
