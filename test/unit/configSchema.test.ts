import assert from 'node:assert/strict';
import { CONFIG_DEFAULTS, endpointProblem, parseConfig, parseLanguages } from '../../src/services/configSchema';
import pkg from '../../package.json';

describe('parseConfig', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(parseConfig(() => undefined), CONFIG_DEFAULTS);
  });

  it('matches the defaults declared in package.json', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const config = parseConfig((key) => props[`imageInsight.${key}`]?.default);
    assert.deepEqual(config, CONFIG_DEFAULTS);
  });

  it('reads set values', () => {
    const values: Record<string, unknown> = {
      provider: 'yandex',
      languages: ['RU', 'en', 'ru'],
      'request.timeoutSeconds': 5,
      'yandex.endpoint': ' http://127.0.0.1:9000 ',
      'yandex.textApi': 'vision',
      'smarty.space': '7',
    };
    const config = parseConfig((key) => values[key]);
    assert.equal(config.provider, 'yandex');
    assert.deepEqual(config.languages, ['ru', 'en']);
    assert.equal(config.timeoutSeconds, 5);
    assert.equal(config.yandex.endpoint, 'http://127.0.0.1:9000');
    assert.equal(config.yandex.textApi, 'vision');
    assert.equal(config.smarty.space, '7');
  });

  it('falls back to defaults for values of the wrong type or out of range', () => {
    const values: Record<string, unknown> = {
      provider: 42,
      languages: 'ru',
      'request.timeoutSeconds': 100000,
      maxFileSizeMB: 'big',
      'yandex.textApi': 'fax',
      'smarty.space': '12',
      'google.location': 'mars',
      'yandex.endpoint': '',
    };
    const config = parseConfig((key) => values[key]);
    assert.equal(config.provider, 'local');
    assert.deepEqual(config.languages, ['*']);
    assert.equal(config.timeoutSeconds, 600);
    assert.equal(config.maxFileSizeMB, 50);
    assert.equal(config.yandex.textApi, 'ocr');
    assert.equal(config.smarty.space, '0');
    assert.equal(config.google.location, '');
    assert.equal(config.yandex.endpoint, CONFIG_DEFAULTS.yandex.endpoint);
  });
});

describe('parseLanguages', () => {
  it('keeps valid codes and maps "*" or nothing valid to auto', () => {
    assert.deepEqual(parseLanguages(['ru', 'EN']), ['ru', 'en']);
    assert.deepEqual(parseLanguages(['ru', '*']), ['*']);
    assert.deepEqual(parseLanguages(['русский', 1, null]), ['*']);
    assert.deepEqual(parseLanguages([]), ['*']);
  });
});

describe('endpointProblem', () => {
  it('accepts https anywhere and http only on this machine', () => {
    for (const ok of ['https://vision.api.cloud.yandex.net', 'http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9']) {
      assert.equal(endpointProblem(ok), undefined, ok);
    }
    for (const bad of ['http://example.com', 'ftp://x', 'not a url', 'https://u:p@x.com', 'https://x.com/?key=1', 'javascript:alert(1)']) {
      assert.ok(endpointProblem(bad), bad);
    }
  });
});
