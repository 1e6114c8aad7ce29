import assert from 'node:assert/strict';
import { STATE_SEAL_KEY, StateSeal } from '../../src/services/stateSeal';
import type { SecretStore } from '../../src/services/credentials';
import { MemorySecrets } from './memorySecrets';
import { syntheticTextResult } from './resultFixtures';

describe('the seal on a results panel\'s saved state', () => {
  const text = JSON.stringify(syntheticTextResult(5));

  it('verifies what it sealed, after the JSON round trip a webview\'s state makes', async () => {
    const seal = new StateSeal(new MemorySecrets());
    const sealed = await seal.seal(text);
    assert.match(sealed, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(await seal.verify(JSON.stringify(JSON.parse(text)), sealed));
  });

  it('refuses a changed result, a changed seal, and seals that are not seals', async () => {
    const seal = new StateSeal(new MemorySecrets());
    const sealed = await seal.seal(text);
    const forged = text.replace('file:', 'vscode-remote:');
    assert.notEqual(forged, text);
    assert.equal(await seal.verify(forged, sealed), false);
    const flipped = (sealed[0] === 'A' ? 'B' : 'A') + sealed.slice(1);
    assert.equal(await seal.verify(text, flipped), false);
    for (const bad of [undefined, 1, '', 'x', `${sealed}=`, sealed.slice(1), `${sealed.slice(0, 42)}!`]) {
      assert.equal(await seal.verify(text, bad), false, String(bad));
    }
  });

  it('makes its key once, in SecretStorage, and a window that reads it verifies the first window\'s seals', async () => {
    const store = new MemorySecrets();
    const first = new StateSeal(store);
    const sealed = await first.seal(text);
    await first.seal('again');
    assert.equal(store.writes, 1);
    assert.match(store.data.get(STATE_SEAL_KEY)!, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(await new StateSeal(store).verify(text, sealed));
  });

  it('does not take the seal of another key, and a lost key only means older states are refused', async () => {
    const sealed = await new StateSeal(new MemorySecrets()).seal(text);
    assert.equal(await new StateSeal(new MemorySecrets()).verify(text, sealed), false);
    const store = new MemorySecrets({ [STATE_SEAL_KEY]: 'not a key' });
    const seal = new StateSeal(store);
    assert.ok(await seal.verify(text, await seal.seal(text)));
    assert.notEqual(store.data.get(STATE_SEAL_KEY), 'not a key');
  });

  it('tries SecretStorage again after a failed read', async () => {
    const store = new MemorySecrets();
    let fail = true;
    const flaky: SecretStore = { get: (key) => (fail ? Promise.reject(new Error('keyring locked')) : store.get(key)), store: (k, v) => store.store(k, v), delete: (k) => store.delete(k) };
    const seal = new StateSeal(flaky);
    await assert.rejects(seal.seal(text), /keyring locked/);
    fail = false;
    assert.match(await seal.seal(text), /^[A-Za-z0-9_-]{43}$/);
  });
});
