import assert from 'node:assert/strict';
import { annotateUrl, buildAnnotate, featureTypes, googleHeaders, languageHints, MAX_BODY_BYTES, MAX_IMAGES, MAX_REQUEST_IMAGE_BYTES, MAX_RESULTS } from '../../src/providers/google/googleRequest';
import { FEATURE_IDS } from '../../src/shared/analysisResult';

const options = { features: ['text' as const], textFeature: 'DOCUMENT_TEXT_DETECTION' as const, languages: ['ru', 'en'] };

describe('Google requests', () => {
  it('asks for every feature of an image in its one entry, with language hints and text confidences', () => {
    const body = buildAnnotate(['AAAA'], { ...options, features: ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints'] });
    assert.deepEqual(body, {
      requests: [
        {
          image: { content: 'AAAA' },
          features: [
            { type: 'DOCUMENT_TEXT_DETECTION' },
            { type: 'FACE_DETECTION', maxResults: MAX_RESULTS },
            { type: 'LABEL_DETECTION', maxResults: MAX_RESULTS },
            { type: 'SAFE_SEARCH_DETECTION' },
            { type: 'WEB_DETECTION', maxResults: MAX_RESULTS },
            { type: 'OBJECT_LOCALIZATION', maxResults: MAX_RESULTS },
            { type: 'LOGO_DETECTION', maxResults: MAX_RESULTS },
            { type: 'LANDMARK_DETECTION', maxResults: MAX_RESULTS },
            { type: 'IMAGE_PROPERTIES' },
            { type: 'CROP_HINTS' },
          ],
          imageContext: { languageHints: ['ru', 'en'], textDetectionParams: { enableTextDetectionConfidenceScore: true } },
        },
      ],
    });
  });

  it('uses the text feature the setting names; "Classify" is labels plus safe search', () => {
    assert.deepEqual(featureTypes(['text'], 'TEXT_DETECTION'), ['TEXT_DETECTION']);
    assert.deepEqual(featureTypes(['labels'], 'TEXT_DETECTION'), ['LABEL_DETECTION', 'SAFE_SEARCH_DETECTION']);
    assert.deepEqual(featureTypes(['persons'], 'TEXT_DETECTION'), []);
    // Every feature id but Smarty's persons has a Google type.
    assert.equal(FEATURE_IDS.filter((f) => featureTypes([f], 'TEXT_DETECTION').length === 0).join(), 'persons');
  });

  it('sends no hints for *, and no image context without text', () => {
    assert.deepEqual(buildAnnotate(['A'], { ...options, languages: ['*', 'ru'] }).requests[0]!.imageContext, { textDetectionParams: { enableTextDetectionConfidenceScore: true } });
    assert.equal(buildAnnotate(['A'], { ...options, features: ['faces'] }).requests[0]!.imageContext, undefined);
    assert.deepEqual(languageHints([' ru ', 'zh-TW', 'ru', 'bad!', '']), ['ru', 'zh-TW']);
  });

  it('refuses an empty request, more than 16 images, or no Google feature', () => {
    assert.throws(() => buildAnnotate([], options), RangeError);
    assert.throws(() => buildAnnotate(Array.from({ length: MAX_IMAGES + 1 }, () => 'A'), options), RangeError);
    assert.equal(buildAnnotate(Array.from({ length: MAX_IMAGES }, () => 'A'), options).requests.length, MAX_IMAGES);
    assert.throws(() => buildAnnotate(['A'], { ...options, features: ['persons'] }), RangeError);
  });

  it('keeps the body under 10 MB when the runner fills a request to its byte budget', function () {
    // Two 10 MB bodies built and serialized: 0.2 s alone, but 7–10 s in the whole suite on a busy
    // 2-core machine (the garbage of the provider tests before it) — a size check, not a timing one.
    this.timeout(60_000);
    // The worst case: 16 images sharing the budget, every feature, a long list of hints.
    const each = Math.floor(MAX_REQUEST_IMAGE_BYTES / MAX_IMAGES);
    const images = Array.from({ length: MAX_IMAGES }, () => Buffer.alloc(each, 7).toString('base64'));
    const features = [...FEATURE_IDS];
    const body = JSON.stringify(buildAnnotate(images, { features, textFeature: 'DOCUMENT_TEXT_DETECTION', languages: ['ru', 'en', 'de', 'fr', 'uk', 'zh-Hant', 'ja', 'ko'] }));
    assert.ok(body.length <= MAX_BODY_BYTES, `${body.length} > ${MAX_BODY_BYTES}`);
    // …and one image alone as large as the per-image limit allows fits too.
    assert.ok(JSON.stringify(buildAnnotate([Buffer.alloc(MAX_REQUEST_IMAGE_BYTES).toString('base64')], { ...options, features })).length <= MAX_BODY_BYTES);
  });

  it('posts to the global method, or to the project and location for data residency', () => {
    assert.equal(annotateUrl('https://vision.googleapis.com/', '', ''), 'https://vision.googleapis.com/v1/images:annotate');
    assert.equal(annotateUrl('https://vision.googleapis.com', 'eu', 'my-project-1'), 'https://vision.googleapis.com/v1/projects/my-project-1/locations/eu/images:annotate');
    assert.equal(annotateUrl('http://127.0.0.1:9/x', 'asia', 'example.com:legacy-proj'), 'http://127.0.0.1:9/x/v1/projects/example.com%3Alegacy-proj/locations/asia/images:annotate');
    assert.equal(annotateUrl('https://h', 'us', '123456789012'), 'https://h/v1/projects/123456789012/locations/us/images:annotate');
    for (const bad of ['', 'My-Project', 'a/b', 'proj..', 'x'.repeat(31), '../../v1']) assert.throws(() => annotateUrl('https://h', 'eu', bad), RangeError, bad);
  });

  it('puts an API key in X-Goog-Api-Key only; a token in Authorization with its quota project', () => {
    assert.deepEqual(googleHeaders({ apiKey: 'AIzaSecret' }), { 'content-type': 'application/json; charset=utf-8', 'x-goog-api-key': 'AIzaSecret' });
    assert.deepEqual(googleHeaders({ accessToken: 'ya29.t', quotaProject: 'billing-proj' }), { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer ya29.t', 'x-goog-user-project': 'billing-proj' });
    assert.equal(googleHeaders({ accessToken: 'ya29.t' })['x-goog-user-project'], undefined);
  });
});
