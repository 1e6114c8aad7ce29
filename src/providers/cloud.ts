/**
 * The cloud providers' bundle (dist/cloud.js), loaded on the first cloud request or language
 * download — never at activation: node-fetch brings whatwg-url and tr46 (~300 KB of code and
 * Unicode tables) with it. One HTTP client serves every cloud provider.
 */
import fetch from 'node-fetch';
import type { ProviderDeps } from './descriptor';
import { createHttpClient, type HttpClient } from './http';
import type { ProviderEngine } from './types';
import { createGoogleProvider } from './google/googleProvider';
import { SmartyPersons } from './smarty/smartyPersons';
import { createSmartyProvider } from './smarty/smartyProvider';
import { createYandexProvider } from './yandex/yandexProvider';

/** node-fetch v2: through VS Code's patched http/https, so the user's proxy settings apply. */
export { fetch };

/** Each cloud provider's transport, by id: a new cloud provider adds its line here. */
const ENGINES: Record<string, (deps: ProviderDeps, http: HttpClient) => ProviderEngine> = {
  yandex: createYandexProvider,
  google: createGoogleProvider,
  smarty: createSmartyProvider,
};

let http: HttpClient | undefined;

function sharedHttp(deps: ProviderDeps): HttpClient {
  return (http ??= createHttpClient({ fetch, t: deps.t, redact: (text) => deps.redact(text), log: (line) => deps.log(line) }));
}

export function createEngine(id: string, deps: ProviderDeps): ProviderEngine {
  const create = ENGINES[id];
  if (!create) throw new Error(`No cloud provider "${id}" in this bundle.`);
  return create(deps, sharedHttp(deps));
}

/** Smarty's persons operations (set, delete, truncate) and their ledger, kept in `ledgerDir`. */
export function createSmartyPersons(deps: ProviderDeps, ledgerDir: string): SmartyPersons {
  return new SmartyPersons(deps, sharedHttp(deps), ledgerDir);
}
