import { settingReaders, type SettingGetter } from '../services/configSchema';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import type { ImageSource } from '../images/imageSource';

/** The `imageInsight.cache.*` settings. */
export interface CacheSettings {
  enabled: boolean;
  maxSizeMB: number;
}

export function readCacheSettings(get: SettingGetter): CacheSettings {
  const { bool, num } = settingReaders(get);
  return { enabled: bool('cache.enabled', true), maxSizeMB: num('cache.maxSizeMB', 200, 1, 10_240) };
}

/** One image's place in the cache: its key (undefined: never cached) and the result found there. */
export interface CacheLookup {
  key: string | undefined;
  hit?: AnalysisResult;
}

/** What the analysis asks of the results cache (analysisCache.ts, loaded with dist/batch.js on first use). */
export interface ResultsCache {
  /** The setting, read now. */
  readonly enabled: boolean;
  /** The cached result of this analysis of `source`, marked with when it was made. */
  lookup(source: ImageSource, provider: string, features: FeatureId[], languages: string[]): Promise<CacheLookup>;
  /** Keeps a fresh result for next time (in the background). */
  remember(key: string | undefined, result: AnalysisResult): void;
}
