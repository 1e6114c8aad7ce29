/**
 * The cloud providers' bundle (dist/cloud.js), loaded on the first cloud request or language
 * download — never at activation: node-fetch brings whatwg-url and tr46 (~300 KB of code and
 * Unicode tables) with it. One HTTP client serves every cloud provider.
 */
import fetch from 'node-fetch';
import type { ProviderDeps } from './descriptor';
import { createHttpClient, type HttpClient } from './http';
import type { ProviderEngine } from './types';
import { createYandexProvider } from './yandex/yandexProvider';

/** node-fetch v2: through VS Code's patched http/https, so the user's proxy settings apply. */
export { fetch };

let http: HttpClient | undefined;

function sharedHttp(deps: ProviderDeps): HttpClient {
  return (http ??= createHttpClient({ fetch, t: deps.t, redact: (text) => deps.redact(text), log: (line) => deps.log(line) }));
}

export function createYandexEngine(deps: ProviderDeps): ProviderEngine {
  return createYandexProvider(deps, sharedHttp(deps));
}
