import assert from 'node:assert/strict';
import { analysisCacheKey, answerSettings, cacheKey, canonicalJson, contentHash, type CacheKeyInput } from '../../src/analysis/cacheKey';
import type { FeatureId } from '../../src/shared/analysisResult';

const SHA = contentHash(new TextEncoder().encode('an image'));
const BASE = { sha256: SHA, languages: ['ru', 'en'], version: '1.2.3' };

/** A settings getter over a plain object (`imageInsight.` left out). */
const settings = (values: Record<string, unknown> = {}) => (key: string): unknown => values[key];

const keyOf = (provider: string, features: FeatureId[], values: Record<string, unknown> = {}, extra: Partial<CacheKeyInput> = {}) =>
  analysisCacheKey({ ...BASE, provider, features, ...extra }, settings(values));

/** Every provider's features for the key (Smarty without persons, which is never cached). */
const ALL: Record<string, FeatureId[]> = {
  local: ['text'],
  yandex: ['text', 'faces', 'labels', 'copies'],
  google: ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints'],
  smarty: ['text', 'labels'],
};

/** Each setting that changes an answer, with a valid value other than its default. */
const ANSWER_CHANGING: Record<string, Record<string, unknown>> = {
  local: { 'local.pageSegmentation': 'sparse', 'local.codeMode': true, 'local.preprocess': false },
  yandex: {
    'yandex.endpoint': 'http://localhost:7001',
    'yandex.ocrEndpoint': 'http://localhost:7002',
    'yandex.textApi': 'vision',
    'yandex.textModel': 'handwritten',
    'yandex.classificationModel': 'moderation',
    keepMetadata: true,
  },
  google: { 'google.endpoint': 'http://127.0.0.1:7003', 'google.location': 'eu', 'google.textFeature': 'TEXT_DETECTION', keepMetadata: true },
  smarty: { 'smarty.endpoint': 'http://localhost:7004', 'smarty.maxImageMB': 4, keepMetadata: true },
};

/** Settings that change where a request goes or how long it may take, never what it answers. */
const NOT_ANSWER_CHANGING: Record<string, unknown> = {
  'request.timeoutSeconds': 5,
  maxFileSizeMB: 3,
  'results.confidenceThreshold': 90,
  provider: 'google',
  'local.languageDataUrl': 'https://mirror.example/{lang}/?token=abc',
  'yandex.folderId': 'b1gabcdefghijklmnop',
  'google.projectId': 'my-project-123',
  'smarty.tokenEndpoint': 'https://auth.example/token',
  'smarty.oauthProvider': 'mr',
  'smarty.space': '7',
};

describe('cacheKey: what a provider answer depends on', () => {
  it('is a stable SHA-256: the same input gives the same key, whatever order the features came in', () => {
    const key = keyOf('yandex', ['text', 'faces']);
    assert.match(key!, /^[0-9a-f]{64}$/);
    assert.equal(keyOf('yandex', ['text', 'faces']), key);
    assert.equal(keyOf('yandex', ['faces', 'text']), key);
    assert.equal(keyOf('yandex', ['faces', 'text', 'faces']), key, 'a feature asked twice is asked once');
  });

  it('changes with the content, the provider, the features, the languages (for text) and the version', () => {
    const key = keyOf('google', ['text']);
    const others = [
      keyOf('google', ['text'], {}, { sha256: contentHash(new TextEncoder().encode('another image')) }),
      keyOf('yandex', ['text']),
      keyOf('google', ['text', 'labels']),
      keyOf('google', ['text'], {}, { languages: ['en', 'ru'] }),
      keyOf('google', ['text'], {}, { languages: ['*'] }),
      keyOf('google', ['text'], {}, { version: '1.2.4' }),
    ];
    for (const other of others) assert.notEqual(other, key);
    assert.equal(new Set(others).size, others.length);
  });

  it('languages do not matter without text (a face is a face in any language)', () => {
    assert.equal(keyOf('google', ['faces'], {}, { languages: ['en'] }), keyOf('google', ['faces'], {}, { languages: ['ru'] }));
  });

  for (const [provider, changes] of Object.entries(ANSWER_CHANGING)) {
    it(`${provider}: each answer-changing setting changes the key`, () => {
      const key = keyOf(provider, ALL[provider]!);
      const seen = new Set([key]);
      for (const [name, value] of Object.entries(changes)) {
        const changed = keyOf(provider, ALL[provider]!, { [name]: value });
        assert.ok(changed !== undefined && !seen.has(changed), `${name} = ${String(value)} must change the key`);
        seen.add(changed);
      }
    });

    it(`${provider}: settings that do not change the answer leave the key alone; unset equals the default`, () => {
      const key = keyOf(provider, ALL[provider]!);
      assert.equal(keyOf(provider, ALL[provider]!, NOT_ANSWER_CHANGING), key);
      // Values a reader refuses fall back to the default, as the provider itself would read them.
      assert.equal(keyOf(provider, ALL[provider]!, { 'local.pageSegmentation': 'nonsense', 'yandex.textApi': 42, 'smarty.maxImageMB': 'big' }), key);
    });
  }

  it('only the settings a feature uses count (a classification model does not change a text key)', () => {
    const text = keyOf('yandex', ['text']);
    assert.equal(keyOf('yandex', ['text'], { 'yandex.classificationModel': 'moderation', 'yandex.endpoint': 'http://localhost:1' }), text);
    assert.notEqual(keyOf('yandex', ['text'], { 'yandex.ocrEndpoint': 'http://localhost:1' }), text);
    // Text through batchAnalyze goes to the Vision endpoint instead.
    const vision = { 'yandex.textApi': 'vision' };
    assert.notEqual(keyOf('yandex', ['text'], { ...vision, 'yandex.endpoint': 'http://localhost:1' }), keyOf('yandex', ['text'], vision));
    assert.equal(keyOf('yandex', ['text'], { ...vision, 'yandex.ocrEndpoint': 'http://localhost:1' }), keyOf('yandex', ['text'], vision));
    assert.equal(keyOf('google', ['faces'], { 'google.textFeature': 'TEXT_DETECTION' }), keyOf('google', ['faces']));
    assert.equal(keyOf('local', ['text'], { keepMetadata: true }), keyOf('local', ['text']), 'the offline provider reads the file as it is');
  });

  it('an endpoint with or without its trailing slash is the same service', () => {
    assert.equal(keyOf('google', ['labels'], { 'google.endpoint': 'https://vision.googleapis.com/' }), keyOf('google', ['labels']));
  });

  it('Smarty persons and providers of other extensions are never cached', () => {
    assert.equal(answerSettings('smarty', settings(), ['persons']), undefined);
    assert.equal(answerSettings('smarty', settings(), ['persons', 'text']), undefined);
    assert.equal(keyOf('smarty', ['persons']), undefined);
    assert.equal(keyOf('someone.elses', ['text']), undefined);
    assert.notEqual(keyOf('smarty', ['text']), undefined);
  });

  it('no credential can be in a key: credentials are not settings, and only the listed settings are read into it', () => {
    const secret = 'SECRET-0123456789';
    // A getter that answers every setting it is asked for with a secret-looking string.
    const asked: string[] = [];
    const leaky = (key: string): unknown => {
      asked.push(key);
      return secret;
    };
    for (const [provider, features] of Object.entries(ALL)) {
      const found = answerSettings(provider, leaky, features)!;
      const allowed = new Set([...Object.keys(ANSWER_CHANGING[provider]!), 'keepMetadata']);
      for (const name of Object.keys(found)) assert.ok(allowed.has(name), `${provider}: ${name} is not an answer-changing setting`);
      // Endpoints take any string (a provider refuses a bad one before sending); nothing else does.
      for (const [name, value] of Object.entries(found)) if (!name.endsWith('ndpoint')) assert.notEqual(value, secret, `${provider}: ${name}`);
    }
    assert.ok(!asked.some((key) => /apiKey|iamToken|accessToken|clientSecret|password/i.test(key)), asked.join(', '));
    assert.match(keyOf('yandex', ['text'])!, /^[0-9a-f]{64}$/);
  });

  it('canonicalJson sorts keys at every level and drops undefined fields', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } }), '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
    assert.equal(cacheKey({ ...BASE, provider: 'p', features: ['text'], settings: { a: 1, b: 'x' } }), cacheKey({ ...BASE, provider: 'p', features: ['text'], settings: { b: 'x', a: 1 } }));
  });

  it('contentHash is the hex SHA-256 of the bytes (as image.sha256)', () => {
    assert.equal(contentHash(new Uint8Array()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
