import assert from 'node:assert/strict';
import { BUILTIN_DESCRIPTORS } from '../../src/providers/builtinProviders';
import { readGoogleSettings } from '../../src/providers/google/googleSettings';
import { readSmartySettings } from '../../src/providers/smarty/smartySettings';
import { readYandexSettings } from '../../src/providers/yandex/yandexSettings';
import { CONFIG_DEFAULTS, endpointProblem, parseConfig, parseLanguages } from '../../src/services/configSchema';
import pkg from '../../package.json';

describe('parseConfig', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(parseConfig(() => undefined), CONFIG_DEFAULTS);
  });

  it('matches the defaults declared in package.json', () => {
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const declared = (key: string) => props[`imageInsight.${key}`]?.default;
    assert.deepEqual(parseConfig(declared), CONFIG_DEFAULTS);
    for (const descriptor of BUILTIN_DESCRIPTORS) {
      assert.deepEqual(descriptor.readSettings(declared), descriptor.readSettings(() => undefined), descriptor.id);
    }
  });

  it('has every imageInsight.<section>.* setting read by the descriptor that owns the section', () => {
    const sections = new Set(BUILTIN_DESCRIPTORS.map((d) => d.settingsSection));
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      const section = key.split('.').length > 2 ? key.split('.')[1]! : '';
      // Not a provider's: the shared request settings, the panel's, the results cache's (analysisCache.ts) and Analyze Folder's.
      if (['request', 'results', 'cache', 'batch'].includes(section) || section === '') continue;
      assert.ok(sections.has(section), `${key} belongs to no provider's descriptor`);
    }
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
    assert.equal(readYandexSettings((key) => values[key]).endpoint, 'http://127.0.0.1:9000');
    assert.equal(readYandexSettings((key) => values[key]).textApi, 'vision');
    assert.equal(readYandexSettings((key) => values[key]).timeoutSeconds, 5);
    assert.equal(readSmartySettings((key) => values[key]).space, '7');
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
    const yandex = readYandexSettings((key) => values[key]);
    assert.equal(yandex.textApi, 'ocr');
    assert.equal(readSmartySettings((key) => values[key]).space, '0');
    assert.equal(readGoogleSettings((key) => values[key]).location, '');
    assert.equal(yandex.endpoint, readYandexSettings(() => undefined).endpoint);
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
