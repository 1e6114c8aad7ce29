import type { CredentialForms } from '../services/credentialShapes';
import type { IDisposable } from '../shared/disposable';
import { disposeAll, toDisposable } from '../shared/disposable';
import type { ProviderDeps, ProviderDescriptor } from './descriptor';
import { googleDescriptor } from './google/descriptor';
import { builtinProvider, type AskSetting } from './kit/builtinProvider';
import { localDescriptor } from './local/descriptor';
import type { ProviderRegistry } from './registry';
import { smartyDescriptor } from './smarty/descriptor';
import { yandexDescriptor } from './yandex/descriptor';

/** Every built-in provider, in the order menus list them. Adding one is its folder and a line here. */
export const BUILTIN_DESCRIPTORS: readonly ProviderDescriptor[] = [localDescriptor, yandexDescriptor, googleDescriptor, smartyDescriptor];

/** A built-in provider's descriptor by id. */
export function builtinDescriptor(id: string): ProviderDescriptor | undefined {
  return BUILTIN_DESCRIPTORS.find((d) => d.id === id);
}

/** Each built-in provider's credential forms, for the credentials service and commands. */
export const BUILTIN_CREDENTIAL_FORMS: CredentialForms = new Map(BUILTIN_DESCRIPTORS.map((d) => [d.id, d.credentialForms]));

/** Registers every built-in provider that is in this version; disposing unregisters and stops them. */
export function registerBuiltinProviders(registry: ProviderRegistry, deps: ProviderDeps, askSetting: AskSetting): IDisposable {
  const owned: IDisposable[] = [];
  for (const descriptor of BUILTIN_DESCRIPTORS) {
    if (!descriptor.create) continue;
    const provider = builtinProvider(descriptor, deps, askSetting);
    owned.push(registry.register(provider), provider);
  }
  return toDisposable(() => disposeAll(owned));
}
