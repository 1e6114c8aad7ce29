import assert from 'node:assert/strict';
import { describeProvider, providerName } from '../../src/providers/catalog';
import { fromExternal } from '../../src/providers/kit/externalProvider';
import { ProviderRegistry } from '../../src/providers/registry';
import { allWords, failedResult } from '../../src/shared/analysisResult';
import { boundingBox } from '../../src/shared/geometry';
import type { ExternalProvider, Provider } from '../../src/providers/types';
import { formatOnly } from '../../src/shared/localize';

/** A test double: the shipped extension registers no fake provider; tests bring their own. */
function fakeProvider(id: string): Provider {
  return {
    id,
    displayName: `Fake ${id}`,
    capabilities: ['text'],
    isConfigured: () => Promise.resolve(true),
    analyze: () => Promise.reject(new Error('not used')),
  };
}

/** Another extension's provider, as the API takes it. */
function externalProvider(id: string): ExternalProvider {
  return { ...fakeProvider(id), analyze: () => Promise.reject(new Error('not used')) };
}

describe('ProviderRegistry', () => {
  it('registers, lists, looks up and unregisters', () => {
    const registry = new ProviderRegistry();
    let changes = 0;
    registry.onDidChange(() => changes++);
    const registration = registry.register(fakeProvider('fake'));
    assert.equal(registry.get('fake')?.displayName, 'Fake fake');
    assert.deepEqual(registry.list().map((p) => p.id), ['fake']);
    registration.dispose();
    registration.dispose();
    assert.equal(registry.get('fake'), undefined);
    assert.equal(changes, 2);
  });

  it('refuses duplicate and malformed ids', () => {
    const registry = new ProviderRegistry();
    registry.register(fakeProvider('fake'));
    assert.throws(() => registry.register(fakeProvider('fake')), /already registered/);
    for (const id of ['', 'Upper', '1abc', 'a b', 'x'.repeat(33)]) {
      assert.throws(() => registry.register(fakeProvider(id)), /Invalid provider id/);
    }
  });

  it('keeps the built-in ids for the built-in providers: another extension cannot take one, even one not in this version', () => {
    for (const id of ['local', 'yandex', 'google', 'smarty']) {
      assert.throws(() => fromExternal(externalProvider(id)), /reserved/);
    }
    assert.equal(fromExternal(externalProvider('their-ocr')).id, 'their-ocr');
  });

  it('names built-in providers even before they are registered', () => {
    assert.equal(providerName('yandex', formatOnly), 'Yandex Vision');
    assert.equal(providerName('local', formatOnly), 'Local (offline)');
    assert.equal(providerName('other', formatOnly), 'other');
    assert.equal(providerName('local', formatOnly, { displayName: 'Registered' }), 'Registered');
  });

  it('describes the current provider for the status bar', () => {
    const registry = new ProviderRegistry();
    assert.deepEqual(describeProvider(registry, 'yandex', formatOnly), { name: 'Yandex Vision', available: false, features: '' });
    registry.register(fakeProvider('fake'));
    assert.deepEqual(describeProvider(registry, 'fake', formatOnly), { name: 'Fake fake', available: true, features: 'Text' });
  });
});

describe('result helpers', () => {
  it('failedResult carries the cause in errors and no findings', () => {
    const r = failedResult('local', ['text'], 'file:///a.png', 'broken');
    assert.deepEqual(r.errors, [{ feature: '*', message: 'broken' }]);
    assert.equal(r.text, undefined);
  });

  it('allWords walks pages, blocks and lines in order', () => {
    const word = (text: string) => ({ polygon: [], text });
    const words = allWords({
      fullText: 'a b c',
      pages: [{ width: 1, height: 1, blocks: [{ polygon: [], lines: [{ polygon: [], text: 'a b', words: [word('a'), word('b')] }] }, { polygon: [], lines: [{ polygon: [], text: 'c', words: [word('c')] }] }] }],
    });
    assert.deepEqual(words.map((w) => w.text), ['a', 'b', 'c']);
  });

  it('boundingBox spans the polygon', () => {
    assert.deepEqual(boundingBox([{ x: 5, y: 1 }, { x: 2, y: 8 }, { x: 9, y: 3 }]), { x: 2, y: 1, width: 7, height: 7 });
    assert.deepEqual(boundingBox([]), { x: 0, y: 0, width: 0, height: 0 });
  });
});
