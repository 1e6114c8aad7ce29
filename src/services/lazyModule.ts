import { createRequire } from 'node:module';

/**
 * A bundle that esbuild writes beside dist/extension.js (dist/local.js, dist/probe.js,
 * dist/panel.js, dist/cloud.js), loaded on first use so that activation does not even parse it.
 * `createRequire` keeps esbuild from following the path into the main bundle. The module is
 * loaded once; later calls return the same exports.
 */
export function lazyModule<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(file)(file) as T);
}
