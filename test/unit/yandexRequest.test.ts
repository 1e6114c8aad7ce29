import assert from 'node:assert/strict';
import { buildBatchAnalyze, buildRecognizeText, languageCodes, yandexHeaders, type BatchImage } from '../../src/providers/yandex/yandexRequest';

const image = (n: number): BatchImage => ({ content: Buffer.from(`image ${n}`).toString('base64'), mime: 'image/jpeg' });
const options = { features: ['text' as const], languages: ['ru', 'en'], textModel: 'page' as const, classificationModel: 'quality' as const };

describe('Yandex requests', () => {
  it('asks for every feature of one image in one spec, with the configuration each needs', () => {
    const [request] = buildBatchAnalyze([image(1)], { ...options, features: ['text', 'labels', 'faces', 'copies'] }, { apiKey: 'k' });
    assert.deepEqual(request!.body, {
      analyzeSpecs: [
        {
          content: image(1).content,
          mimeType: 'image/jpeg',
          features: [
            { type: 'TEXT_DETECTION', textDetectionConfig: { languageCodes: ['ru', 'en'], model: 'page' } },
            { type: 'CLASSIFICATION', classificationConfig: { model: 'quality' } },
            { type: 'FACE_DETECTION' },
            { type: 'IMAGE_COPY_SEARCH' },
          ],
        },
      ],
    });
  });

  it('packs at most 8 images per request and says which image each result belongs to', () => {
    const requests = buildBatchAnalyze(Array.from({ length: 11 }, (_, i) => image(i)), options, { apiKey: 'k' });
    assert.deepEqual(requests.map((r) => r.images), [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10]]);
    assert.equal((requests[1]!.body.analyzeSpecs as unknown[]).length, 3);
  });

  it('sends the folder only with an IAM token', () => {
    assert.equal(buildBatchAnalyze([image(1)], { ...options, folderId: 'b1g' }, { apiKey: 'k' })[0]!.body.folderId, undefined);
    assert.equal(buildBatchAnalyze([image(1)], { ...options, folderId: 'b1g' }, { iamToken: 't' })[0]!.body.folderId, 'b1g');
  });

  it('refuses a request with no feature batchAnalyze knows', () => {
    assert.throws(() => buildBatchAnalyze([image(1)], { ...options, features: ['persons'] }, { apiKey: 'k' }), RangeError);
  });

  it('turns the language setting into 1–8 codes of ≤ 3 letters, * alone', () => {
    assert.deepEqual(languageCodes(['*']), ['*']);
    assert.deepEqual(languageCodes(['ru', '*']), ['*']);
    assert.deepEqual(languageCodes(['RU', 'en', 'ru', 'zh-TW', 'bad!']), ['ru', 'en', 'zh']);
    assert.deepEqual(languageCodes([]), ['*']);
    assert.equal(languageCodes(['aa', 'ab', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay']).length, 8);
  });

  it('builds the OCR request; handwritten and table take explicit ru/en only', () => {
    assert.deepEqual(buildRecognizeText({ content: 'AAAA', mime: 'image/png' }, ['*'], 'page'), { mimeType: 'PNG', languageCodes: ['*'], model: 'page', content: 'AAAA' });
    assert.deepEqual(buildRecognizeText({ content: 'AAAA', mime: 'image/jpeg' }, ['*'], 'table').languageCodes, ['ru', 'en']);
    assert.deepEqual(buildRecognizeText({ content: 'AAAA', mime: 'application/pdf' }, ['en', 'de'], 'handwritten'), { mimeType: 'application/pdf', languageCodes: ['en'], model: 'handwritten', content: 'AAAA' });
  });

  it('puts the key in a header, never anywhere else, and asks both APIs not to log the image', () => {
    assert.deepEqual(yandexHeaders({ apiKey: 'AQVN-secret' }, 'vision'), { 'content-type': 'application/json', authorization: 'Api-Key AQVN-secret', 'x-data-logging-enabled': 'false' });
    assert.deepEqual(yandexHeaders({ iamToken: 't1.xyz' }, 'ocr', 'b1g'), { 'content-type': 'application/json', authorization: 'Bearer t1.xyz', 'x-data-logging-enabled': 'false', 'x-folder-id': 'b1g' });
    assert.equal(yandexHeaders({ apiKey: 'k' }, 'ocr', 'b1g')['x-folder-id'], undefined);
  });
});
