import { toDisposable, type IDisposable } from '../shared/disposable';
import type { Provider } from './types';

/**
 * The providers that exist in this running extension. Built-in providers register as their
 * issues land; other extensions (and the integration tests' test double) register through the API.
 */
export class ProviderRegistry {
  private readonly providers = new Map<string, Provider>();
  private readonly listeners = new Set<() => void>();

  register(provider: Provider): IDisposable {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(provider.id)) {
      throw new Error(`Invalid provider id "${provider.id}": use 1–32 lowercase letters, digits and dashes.`);
    }
    if (this.providers.has(provider.id)) {
      throw new Error(`A provider with id "${provider.id}" is already registered.`);
    }
    this.providers.set(provider.id, provider);
    this.fire();
    return toDisposable(() => {
      if (this.providers.get(provider.id) === provider) {
        this.providers.delete(provider.id);
        this.fire();
      }
    });
  }

  get(id: string): Provider | undefined {
    return this.providers.get(id);
  }

  list(): Provider[] {
    return [...this.providers.values()];
  }

  /** Called after every register/unregister. */
  onDidChange(listener: () => void): IDisposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
