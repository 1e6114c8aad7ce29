import type { ImageSource } from '../images/imageSource';
import type { SettingGetter } from '../services/configSchema';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import { analysisCacheKey, contentHash } from './cacheKey';
import { readCacheSettings, type CacheLookup, type ResultsCache } from './cacheSettings';
import { ResultCache, type CacheSize } from './resultCache';

/**
 * The results cache as the analysis uses it: the settings decide whether it is on and how large
 * it may grow (read on every use, so a change applies at once); a lookup hashes the image's bytes
 * and reads the entry, a store writes it in the background. Never why an analysis fails: a
 * problem with the cache is a miss, logged.
 */
export class AnalysisCache implements ResultsCache {
  private store: ResultCache | undefined;

  constructor(
    private readonly dir: string,
    private readonly setting: SettingGetter,
    private readonly version: string,
    private readonly log: (line: string) => void,
  ) {}

  get enabled(): boolean {
    return readCacheSettings(this.setting).enabled;
  }

  /** The cached result of this analysis of `source`, marked with when it was made. */
  async lookup(source: ImageSource, provider: string, features: FeatureId[], languages: string[]): Promise<CacheLookup> {
    if (!this.enabled) return { key: undefined };
    try {
      const sha256 = contentHash(await source.read());
      const key = analysisCacheKey({ sha256, provider, features, languages, version: this.version }, this.setting);
      if (key === undefined) return { key };
      const found = await this.cache().get(key, source.uri);
      return found ? { key, hit: { ...found.result, cached: { storedAt: found.storedAt } } } : { key };
    } catch (error) {
      this.log(`results cache: lookup of ${source.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { key: undefined };
    }
  }

  /** Keeps a fresh result for next time (in the background; a result with problems is not kept). */
  remember(key: string | undefined, result: AnalysisResult): void {
    if (key === undefined || !this.enabled || result.cached) return;
    void this.cache().put(key, result).catch((error: unknown) => this.log(`results cache: not stored: ${String(error)}`));
  }

  /** Every cached result whose image is accepted by `accept` (search), one at a time. */
  entries(accept: (uri: string) => boolean): AsyncGenerator<{ storedAt: number; result: AnalysisResult }> {
    return this.cache().entries(accept);
  }

  size(): Promise<CacheSize> {
    return this.cache().size();
  }

  clear(): Promise<CacheSize> {
    return this.cache().clear();
  }

  /** The store at the size the setting gives now. */
  private cache(): ResultCache {
    const maxBytes = Math.round(readCacheSettings(this.setting).maxSizeMB * 1024 * 1024);
    if (this.store?.maxBytes !== maxBytes) this.store = new ResultCache(this.dir, maxBytes, { log: this.log });
    return this.store;
  }
}
