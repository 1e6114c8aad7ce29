import type { ImageSource } from '../images/imageSource';
import type { SettingGetter } from '../services/configSchema';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import type { AnalysisCache } from './analysisCache';
import { readCacheSettings, type CacheLookup, type ResultsCache } from './cacheSettings';

/**
 * The results cache as activation makes it: whether it is on is read from the settings here; the
 * cache itself (hashing, the store, its index, the result guard) loads with dist/batch.js on the
 * first lookup, so activating the extension does not parse it.
 */
export class LazyResultsCache implements ResultsCache {
  private cache: AnalysisCache | undefined;

  constructor(
    private readonly setting: SettingGetter,
    private readonly create: () => AnalysisCache,
  ) {}

  get enabled(): boolean {
    return readCacheSettings(this.setting).enabled;
  }

  /** The cache itself (loading its bundle on first use). */
  get loaded(): AnalysisCache {
    return (this.cache ??= this.create());
  }

  lookup(source: ImageSource, provider: string, features: FeatureId[], languages: string[]): Promise<CacheLookup> {
    return this.loaded.lookup(source, provider, features, languages);
  }

  remember(key: string | undefined, result: AnalysisResult): void {
    this.loaded.remember(key, result);
  }
}
