import { createRequire } from 'node:module';

/** Bundles loaded so far, by path: each is required once, whoever asks for it. */
const loaded = new Map<string, unknown>();

/**
 * A bundle that esbuild writes beside dist/extension.js (dist/local.js, dist/probe.js,
 * dist/panel.js, dist/cloud.js), loaded on first use so that activation does not even parse it.
 * `createRequire` keeps esbuild from following the path into the main bundle. The module is
 * loaded once; later calls, from this loader or another made for the same path, return the same
 * exports without touching the module system again.
 */
export function lazyModule<T>(file: string): () => T {
  return () => {
    if (!loaded.has(file)) loaded.set(file, createRequire(file)(file));
    return loaded.get(file) as T;
  };
}
