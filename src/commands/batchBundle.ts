import type * as vscode from 'vscode';
import { AnalysisCache } from '../analysis/analysisCache';
import type { AnalysisService } from '../analysis/analysisService';
import type { LazyResultsCache } from '../analysis/lazyResultsCache';
import type { ProviderRegistry } from '../providers/registry';
import type { ConfigService } from '../services/config';
import type { SettingGetter } from '../services/configSchema';
import type { Log } from '../services/log';
import { disposeAll } from '../shared/disposable';
import type { ResultViewer } from './analysisCommands';
import { registerAnalyzeFolder } from './analyzeFolder';
import { registerBatchCommands } from './batchCommands';
import type { BatchRecords } from '../analysis/batchRows';
import type { ImagePreparer } from '../images/preparer';
import { registerCacheCommands } from './cacheCommands';
import { registerCompareProviders, type ComparisonViewer } from './compareProviders';

/**
 * dist/batch.js: the results cache (hashing, the store and its index, the result guard), the
 * many-images commands (Analyze Folder…, Search Results…, Clear Results Cache) and Compare
 * Providers… with its panel, loaded the first
 * time one of them runs or an analysis looks in the cache, so activating the extension does not
 * even parse them.
 */
export interface BatchCommandDeps {
  analysis: AnalysisService;
  config: ConfigService;
  log: Log;
  panels: ResultViewer;
  cache: LazyResultsCache;
  summary: BatchRecords;
  preparer: ImagePreparer;
  distPath: string;
  registry: ProviderRegistry;
  compare: ComparisonViewer;
}

export function registerAllBatchCommands(deps: BatchCommandDeps): vscode.Disposable {
  const registrations = [
    registerCacheCommands(deps.cache.loaded, deps.log, deps.panels, deps.summary),
    registerAnalyzeFolder(deps.analysis, deps.config, deps.log, deps.panels),
    registerBatchCommands(deps),
    registerCompareProviders(deps.analysis, deps.registry, deps.log, deps.compare),
  ];
  return { dispose: () => disposeAll(registrations) };
}

export function createAnalysisCache(dir: string, setting: SettingGetter, version: string, log: (line: string) => void): AnalysisCache {
  return new AnalysisCache(dir, setting, version, log);
}
