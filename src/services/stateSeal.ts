import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from './credentials';

/** Where the key lives: SecretStorage, beside the credentials, never in settings or globalState. */
export const STATE_SEAL_KEY = 'imageInsight.panelStateKey';

/**
 * Seals what the host hands a webview to keep across a reload (a results panel's state), so that
 * what comes back is known to be what the host wrote: HMAC-SHA-256 under a random key kept in
 * SecretStorage. A webview can read its own state but not the key, so it cannot forge a result
 * naming another file to read or another page to open. The key is made on first use; a key that
 * is lost (SecretStorage wiped) only means older panels are not restored.
 */
export class StateSeal {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly store: SecretStore) {}

  /** The seal of `text` (base64url). */
  async seal(text: string): Promise<string> {
    return createHmac('sha256', await this.loadKey()).update(text, 'utf8').digest('base64url');
  }

  /** Whether `seal` is the seal of `text`; never throws for a malformed seal. */
  async verify(text: string, seal: unknown): Promise<boolean> {
    if (typeof seal !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(seal)) return false;
    const expected = Buffer.from(await this.seal(text), 'base64url');
    return timingSafeEqual(expected, Buffer.from(seal, 'base64url'));
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= (async () => {
      const stored = await this.store.get(STATE_SEAL_KEY);
      if (stored && /^[A-Za-z0-9_-]{43}$/.test(stored)) return Buffer.from(stored, 'base64url');
      const fresh = randomBytes(32).toString('base64url');
      await this.store.store(STATE_SEAL_KEY, fresh);
      // Another window may have made its key at the same moment: use whichever was stored last, as it will.
      const winner = (await this.store.get(STATE_SEAL_KEY)) ?? fresh;
      return Buffer.from(winner, 'base64url');
    })();
    // A failed SecretStorage read is tried again next time rather than remembered.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
