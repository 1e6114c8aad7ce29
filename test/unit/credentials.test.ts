import assert from 'node:assert/strict';
import { CredentialsService } from '../../src/services/credentials';
import { MemorySecrets } from './memorySecrets';
import { validateCredentials } from '../../src/services/credentialShapes';
import { formatOnly } from '../../src/shared/localize';
import { BUILTIN_CREDENTIAL_FORMS } from '../../src/providers/builtinProviders';

describe('validateCredentials', () => {
  const t = formatOnly;
  it('accepts each documented form', () => {
    assert.deepEqual(validateCredentials('yandex', { apiKey: 'k' }, BUILTIN_CREDENTIAL_FORMS, t), { apiKey: 'k' });
    assert.deepEqual(validateCredentials('yandex', { iamToken: 't' }, BUILTIN_CREDENTIAL_FORMS, t), { iamToken: 't' });
    assert.deepEqual(validateCredentials('google', { apiKey: 'k' }, BUILTIN_CREDENTIAL_FORMS, t), { apiKey: 'k' });
    assert.deepEqual(validateCredentials('google', { accessToken: 'a', quotaProject: 'p' }, BUILTIN_CREDENTIAL_FORMS, t), { accessToken: 'a', quotaProject: 'p' });
    assert.deepEqual(validateCredentials('google', { accessToken: 'a', quotaProject: '' }, BUILTIN_CREDENTIAL_FORMS, t), { accessToken: 'a' });
    assert.deepEqual(validateCredentials('smarty', { accessToken: 'a' }, BUILTIN_CREDENTIAL_FORMS, t), { accessToken: 'a' });
    assert.deepEqual(validateCredentials('smarty', { clientId: 'i', clientSecret: 's' }, BUILTIN_CREDENTIAL_FORMS, t), { clientId: 'i', clientSecret: 's' });
  });

  it('refuses mixed, partial, unknown and malformed input without echoing values', () => {
    const bad: Array<[string, unknown]> = [
      ['yandex', { apiKey: 'SECRET1', iamToken: 'SECRET2' }],
      ['smarty', { clientId: 'SECRET1' }],
      ['google', { token: 'SECRET1' }],
      ['yandex', 'SECRET1'],
      ['yandex', null],
      ['yandex', ['SECRET1']],
      ['yandex', { apiKey: 42 }],
      ['yandex', { apiKey: 'SECRET1 with spaces' }],
      ['yandex', { apiKey: 'SECRET1\n' }],
      ['local', { apiKey: 'SECRET1' }],
      ['nope', { apiKey: 'SECRET1' }],
    ];
    for (const [provider, input] of bad) {
      assert.throws(
        () => validateCredentials(provider, input, BUILTIN_CREDENTIAL_FORMS, t),
        (e: Error) => !e.message.includes('SECRET1') && !e.message.includes('SECRET2'),
        JSON.stringify(input),
      );
    }
  });
});

describe('CredentialsService', () => {
  it('stores as JSON under a per-provider key and reads back', async () => {
    const store = new MemorySecrets();
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    await service.set('yandex', { apiKey: 'k-123456789' });
    assert.deepEqual(JSON.parse(store.data.get('imageInsight.credentials.yandex')!), { apiKey: 'k-123456789' });
    assert.deepEqual(await service.get('yandex'), { apiKey: 'k-123456789' });
    assert.deepEqual(await service.configuredProviders(), ['yandex']);
    assert.deepEqual(service.secretValues(), ['k-123456789']);
  });

  it('loads what an earlier session stored, for redaction too', async () => {
    const store = new MemorySecrets();
    store.data.set('imageInsight.credentials.smarty', JSON.stringify({ clientId: 'id', clientSecret: 'cs-abcdefgh' }));
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    await service.ready;
    assert.deepEqual(service.secretValues().sort(), ['cs-abcdefgh', 'id']);
  });

  it('treats a corrupt stored value as not configured', async () => {
    const store = new MemorySecrets();
    store.data.set('imageInsight.credentials.google', '{not json');
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    assert.equal(await service.has('google'), false);
  });

  it('clears one provider and reports whether there was anything', async () => {
    const store = new MemorySecrets();
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    await service.set('google', { apiKey: 'g-key-value' });
    assert.equal(await service.clear('google'), true);
    assert.equal(await service.clear('google'), false);
    assert.equal(store.data.size, 0);
    assert.deepEqual(service.secretValues(), []);
  });

  it('follows changes made by another window and fires onDidChange', async () => {
    const store = new MemorySecrets();
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    await service.ready;
    const fired: string[] = [];
    service.onDidChange((id) => fired.push(id));
    store.external('imageInsight.credentials.yandex', JSON.stringify({ iamToken: 'iam-token-value' }));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fired, ['yandex']);
    assert.deepEqual(service.secretValues(), ['iam-token-value']);
    store.external('unrelated', 'x');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(fired, ['yandex']);
  });

  it('does not store invalid credentials', async () => {
    const store = new MemorySecrets();
    const service = new CredentialsService(store, BUILTIN_CREDENTIAL_FORMS, formatOnly);
    await assert.rejects(service.set('yandex', { apiKey: '' }));
    assert.equal(store.data.size, 0);
  });
});
