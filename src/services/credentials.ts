import { toDisposable, type IDisposable } from '../shared/disposable';
import type { Localize } from '../shared/localize';
import { credentialProviders, validateCredentials, type CredentialForms, type Credentials } from './credentialShapes';

/** The subset of `vscode.SecretStorage` this service needs (so it is testable in plain Node). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange?(listener: (e: { key: string }) => unknown): IDisposable;
}

const KEY_PREFIX = 'imageInsight.credentials.';

/**
 * Credentials per provider, in SecretStorage and nowhere else. It also keeps the set of secret
 * values in memory so that `redact()` can remove them from every log line and message; that set
 * is filled once at start (`ready`) and on every change, including changes made by another window.
 */
export class CredentialsService implements IDisposable {
  private readonly values = new Map<string, Credentials>();
  private readonly listeners = new Set<(providerId: string) => void>();
  private readonly subscription: IDisposable | undefined;
  /** Resolves when the secrets stored before this session are known to `secretValues()`. */
  readonly ready: Promise<void>;

  constructor(
    private readonly store: SecretStore,
    /** Each provider's credential forms (from the descriptors). */
    readonly forms: CredentialForms,
    private readonly t: Localize,
  ) {
    this.ready = Promise.all(credentialProviders(forms).map((id) => this.reload(id))).then(() => undefined);
    this.subscription = store.onDidChange?.((e) => {
      if (e.key.startsWith(KEY_PREFIX)) void this.reload(e.key.slice(KEY_PREFIX.length));
    });
  }

  /** Validates and stores; throws (without the values in the message) when the shape is wrong. */
  async set(providerId: string, input: unknown): Promise<void> {
    const credentials = validateCredentials(providerId, input, this.forms, this.t);
    await this.ready; // the initial load must not overwrite what is set now
    // Known before the write, so a log line racing with the store is already redacted.
    this.values.set(providerId, credentials);
    await this.store.store(KEY_PREFIX + providerId, JSON.stringify(credentials));
    this.fire(providerId);
  }

  async get(providerId: string): Promise<Credentials | undefined> {
    await this.ready;
    return this.values.get(providerId);
  }

  async has(providerId: string): Promise<boolean> {
    return (await this.get(providerId)) !== undefined;
  }

  /** Removes the provider's credentials; returns whether there were any. */
  async clear(providerId: string): Promise<boolean> {
    const had = await this.has(providerId);
    await this.store.delete(KEY_PREFIX + providerId);
    this.values.delete(providerId);
    if (had) this.fire(providerId);
    return had;
  }

  /** Providers that currently have credentials. */
  async configuredProviders(): Promise<string[]> {
    await this.ready;
    return credentialProviders(this.forms).filter((id) => this.values.has(id));
  }

  /** Every secret value held, for `redact()`. Synchronous: log lines cannot wait. */
  secretValues(): string[] {
    return [...this.values.values()].flatMap((credentials) => Object.values(credentials));
  }

  onDidChange(listener: (providerId: string) => void): IDisposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  dispose(): void {
    this.subscription?.dispose();
    this.listeners.clear();
  }

  private async reload(providerId: string): Promise<void> {
    let raw: string | undefined;
    try {
      raw = await this.store.get(KEY_PREFIX + providerId);
    } catch {
      raw = undefined; // an unreadable keychain reads as "not configured"; the next set() repairs it
    }
    const before = this.values.has(providerId);
    const parsed = raw === undefined ? undefined : parseStored(raw);
    if (parsed) this.values.set(providerId, parsed);
    else this.values.delete(providerId);
    if (before !== (parsed !== undefined)) this.fire(providerId);
  }

  private fire(providerId: string): void {
    for (const listener of [...this.listeners]) listener(providerId);
  }
}

function parseStored(raw: string): Credentials | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  } catch {
    return undefined;
  }
}
