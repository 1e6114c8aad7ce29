import assert from 'node:assert/strict';
import type { CloudBundle, LocalBundle } from '../../src/providers/bundles';
import * as cloud from '../../src/providers/cloud';
import { BUILTIN_CREDENTIAL_FORMS, BUILTIN_DESCRIPTORS, registerBuiltinProviders } from '../../src/providers/builtinProviders';
import type { ProviderDeps } from '../../src/providers/descriptor';
import { builtinProvider } from '../../src/providers/kit/builtinProvider';
import * as local from '../../src/providers/local/localOcr';
import { ProviderRegistry } from '../../src/providers/registry';
import { BUILTIN_PROVIDER_IDS } from '../../src/providers/types';
import { credentialProviders } from '../../src/services/credentialShapes';
import { isFeatureId } from '../../src/shared/analysisResult';
import { formatOnly } from '../../src/shared/localize';
import pkg from '../../package.json';
import { tokenSource } from './cancellation';

// The bundles' shapes: cloud.ts and localOcr.ts are what the descriptors load (checked when compiling).
const cloudBundle: CloudBundle = cloud;
const localBundle: LocalBundle = local;

const deps = (stored?: Record<string, string>): ProviderDeps => ({
  t: formatOnly,
  setting: () => undefined,
  credentials: { get: () => Promise.resolve(stored) },
  preparer: { prepare: () => Promise.reject(new Error('not in this test')) },
  distPath: '/nowhere',
  languages: { codes: () => ['eng'], ensure: () => Promise.resolve('/nowhere'), invalidate: () => Promise.resolve() },
  redact: (text) => text,
  log: () => undefined,
});

describe('provider descriptors', () => {
  it('one per built-in provider id, each supplying everything', () => {
    assert.equal(typeof cloudBundle.createEngine, 'function');
    assert.equal(typeof localBundle.createLocalEngine, 'function');
    assert.deepEqual(BUILTIN_DESCRIPTORS.map((d) => d.id), [...BUILTIN_PROVIDER_IDS]);
    const settings = Object.keys(pkg.contributes.configuration.properties);
    for (const d of BUILTIN_DESCRIPTORS) {
      assert.ok(d.name(formatOnly).trim().length > 0, `${d.id}: a name`);
      assert.ok(d.features.length > 0 && d.features.every(isFeatureId), `${d.id}: features`);
      assert.equal(new Set(d.features).size, d.features.length, `${d.id}: features listed once`);
      assert.ok(Object.keys(d.limits).length > 0, `${d.id}: limits`);
      for (const [name, limits] of Object.entries(d.limits)) {
        assert.ok(limits.name && limits.accepts.length > 0 && limits.maxBytes > 0 && limits.maxPixels > 0 && limits.minWidth >= 1 && limits.minHeight >= 1, `${d.id}.${name}: limits`);
      }
      assert.equal(d.settingsSection, d.id, `${d.id}: its settings section`);
      assert.ok(settings.some((key) => key.startsWith(`imageInsight.${d.settingsSection}.`)), `${d.id}: settings in package.json`);
      assert.equal(typeof d.readSettings(() => undefined), 'object');
      assert.equal(new Set(d.credentialForms.map((f) => f.id)).size, d.credentialForms.length, `${d.id}: form ids unique`);
      for (const form of d.credentialForms) {
        assert.ok(form.label(formatOnly).length > 0 && form.fields.length > 0, `${d.id}.${form.id}: a label and fields`);
        assert.ok(form.fields.some((f) => f.secret && !f.optional), `${d.id}.${form.id}: a required secret`);
        for (const field of form.fields) assert.ok(field.key && field.label(formatOnly).length > 0, `${d.id}.${form.id}.${field.key}: a label`);
        if (form.requires) {
          assert.ok(settings.includes(`imageInsight.${form.requires.key}`), `${form.requires.key} is a setting`);
          assert.ok(form.requires.title(formatOnly) && form.requires.prompt(formatOnly) && form.requires.invalid(formatOnly) && form.requires.missing(formatOnly));
        }
      }
    }
  });

  it('a Google location needs a project: asked for once, checked by the project ID pattern', () => {
    const google = BUILTIN_DESCRIPTORS.find((d) => d.id === 'google')!;
    assert.equal(google.requiresSetting?.(() => undefined), undefined);
    const required = google.requiresSetting?.((key) => (key === 'google.location' ? 'eu' : undefined));
    assert.equal(required?.key, 'google.projectId');
    assert.ok(required.pattern.test('my-project-123') && !required.pattern.test('My Project'));
    assert.match(required.missing(formatOnly), /imageInsight\.google\.projectId/);
  });

  it('the providers in this version have their working half; the others are listed, not registered', () => {
    assert.deepEqual(BUILTIN_DESCRIPTORS.filter((d) => d.create).map((d) => d.id), ['local', 'yandex', 'google', 'smarty']);
    const registry = new ProviderRegistry();
    const registration = registerBuiltinProviders(registry, deps(), () => Promise.resolve(undefined));
    assert.deepEqual(registry.list().map((p) => p.id), ['local', 'yandex', 'google', 'smarty']);
    assert.deepEqual([...registry.get('smarty')!.capabilities], ['persons', 'text', 'labels']);
    assert.deepEqual([...registry.get('yandex')!.capabilities], ['text', 'faces', 'labels', 'copies']);
    assert.deepEqual([...registry.get('google')!.capabilities], ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints']);
    registration.dispose();
    assert.deepEqual(registry.list(), []);
  });

  it('"needs credentials" has one source: the descriptor\'s forms, and what is stored', async () => {
    assert.deepEqual(credentialProviders(BUILTIN_CREDENTIAL_FORMS), ['yandex', 'google', 'smarty']);
    const [localDescriptor, yandexDescriptor] = BUILTIN_DESCRIPTORS;
    const ask = () => Promise.resolve(undefined);
    assert.equal(await builtinProvider(localDescriptor!, deps(), ask).isConfigured(), true);
    assert.equal(await builtinProvider(yandexDescriptor!, deps(), ask).isConfigured(), false);
    assert.equal(await builtinProvider(yandexDescriptor!, deps({ apiKey: 'k' }), ask).isConfigured(), true);
  });

  it('a form\'s required setting is asked for once when empty; dismissing it stops the request with the form\'s message', async () => {
    const yandex = BUILTIN_DESCRIPTORS.find((d) => d.id === 'yandex')!;
    const asked: string[] = [];
    let engineMade = false;
    const provider = builtinProvider(yandex, deps({ iamToken: 't1' }), (s) => (asked.push(s.key), Promise.resolve(undefined)), () => ((engineMade = true), { plan: () => Promise.resolve([]) }));
    await assert.rejects(provider.analyze([], ['faces'], { languages: ['*'] }, tokenSource()), /folder ID/);
    assert.deepEqual(asked, ['yandex.folderId']);
    assert.equal(engineMade, false, 'nothing loaded, nothing sent');
  });
});
