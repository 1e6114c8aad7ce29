import type { SecretStore } from '../../src/services/credentials';

/** SecretStorage in memory, for plain-Node tests; `external` plays another window. */
export class MemorySecrets implements SecretStore {
  readonly data: Map<string, string>;
  /** How many times a value was stored. */
  writes = 0;

  constructor(initial: Record<string, string> = {}) {
    this.data = new Map(Object.entries(initial));
  }

  private listener: ((e: { key: string }) => unknown) | undefined;
  get(key: string) {
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string) {
    this.writes++;
    this.data.set(key, value);
    return Promise.resolve();
  }
  delete(key: string) {
    this.data.delete(key);
    return Promise.resolve();
  }
  onDidChange(listener: (e: { key: string }) => unknown) {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }
  /** Simulates another window writing the secret. */
  external(key: string, value: string | undefined) {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
    this.listener?.({ key });
  }
}
