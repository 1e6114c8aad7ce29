import path from 'node:path';
import { lazyModule } from '../services/lazyModule';
import type { ProviderDeps } from './descriptor';
import type { LanguageData, LanguageDataOptions, LanguageStore } from './local/languageData';
import type { SmartyPersonsApi } from './smarty/smartyPersonsApi';
import type { FetchLike } from './local/languageDownload';
import type { ProviderEngine } from './types';

/**
 * The providers' working halves live in bundles of their own beside dist/extension.js, loaded on
 * first use: activation evaluates none of their code. These are their shapes (a unit test holds
 * cloud.ts and localOcr.ts to them); the descriptors name them without importing them.
 */

/** dist/cloud.js (src/providers/cloud.ts): node-fetch, the HTTP client and the cloud transports. */
export interface CloudBundle {
  fetch: FetchLike;
  /** The working half of the cloud provider `id`, on the one shared HTTP client. */
  createEngine(id: string, deps: ProviderDeps): ProviderEngine;
  /** Smarty's persons operations and their ledger (in `ledgerDir`), on the same HTTP client. */
  createSmartyPersons(deps: ProviderDeps, ledgerDir: string): SmartyPersonsApi;
}

/** dist/local.js (src/providers/local/localOcr.ts): the offline OCR engine's host side and its language data. */
export interface LocalBundle {
  createLocalEngine(deps: ProviderDeps): ProviderEngine;
  createLanguageData(options: LanguageDataOptions): LanguageData;
}

export function cloudBundle(distPath: string): CloudBundle {
  return lazyModule<CloudBundle>(path.join(distPath, 'cloud.js'))();
}

export function localBundle(distPath: string): LocalBundle {
  return lazyModule<LocalBundle>(path.join(distPath, 'local.js'))();
}

/** node-fetch for the language downloads, from the cloud bundle, loaded on the first download. */
export function lazyFetch(distPath: string): FetchLike {
  return (url, init) => cloudBundle(distPath).fetch(url, init);
}

/**
 * The Local provider's language data, from dist/local.js on first use (a download, Manage OCR
 * Languages, the first Extract Text): its file, gzip and stream code is not evaluated at activation.
 */
export function lazyLanguageData(distPath: string, options: LanguageDataOptions): LanguageStore {
  let data: LanguageData | undefined;
  const load = () => (data ??= localBundle(distPath).createLanguageData(options));
  return {
    codes: (languages) => load().codes(languages),
    missing: (codes) => load().missing(codes),
    ensure: (codes, token, progress) => load().ensure(codes, token, progress),
    list: () => load().list(),
    remove: (code) => load().remove(code),
    invalidate: (code) => load().invalidate(code),
  };
}

/** Smarty's persons operations from dist/cloud.js, made on first use (a command, the tree's first look). */
export function lazySmartyPersons(deps: ProviderDeps, ledgerDir: string): () => SmartyPersonsApi {
  let persons: SmartyPersonsApi | undefined;
  return () => (persons ??= cloudBundle(deps.distPath).createSmartyPersons(deps, ledgerDir));
}
