import * as vscode from 'vscode';
import type { AnalysisService } from './analysis/analysisService';
import { parseInvocation } from './commands/commandArgs';
import type { ProviderRegistry } from './providers/registry';
import type { AnalysisResult, FeatureId } from './shared/analysisResult';
import { fromExternal } from './providers/kit/externalProvider';
import type { ExternalProvider, ProviderInfo } from './providers/types';
import type { CommandOptions } from './commands/commandArgs';

/** What `activate()` returns to other extensions (ARCHITECTURE.md, "Scriptable"). */
export interface ImageInsightApi {
  /**
   * Analyzes one image (resolves with its result, rejects naming the file and the cause) or several
   * (one result each; a failed image's cause in its `errors`). Opens nothing unless `show: true`.
   */
  analyze(target: vscode.Uri | vscode.Uri[], options?: CommandOptions): Promise<AnalysisResult | AnalysisResult[]>;
  /** Every registered provider, with the features it offers and whether it has what it needs to run. */
  providers(): Promise<ProviderInfo[]>;
  /** Fires after each image is analyzed, through a command or this API. */
  readonly onDidAnalyze: vscode.Event<AnalysisResult>;
  /** Adds a provider (ids are lowercase, unique; the built-in ids are taken); dispose the result to remove it. */
  registerProvider(provider: ExternalProvider): vscode.Disposable;
}

const DEFAULT_FEATURES: FeatureId[] = ['text'];

export function createApi(analysis: AnalysisService, registry: ProviderRegistry): ImageInsightApi {
  return {
    analyze: async (target, options) => {
      const { uris, options: parsed } = parseInvocation([target, options], 'analyze', vscode.l10n.t);
      return analysis.analyze({
        images: uris as vscode.Uri[],
        features: parsed.features ?? DEFAULT_FEATURES,
        provider: parsed.provider,
        languages: parsed.languages,
        interactive: parsed.show === true,
        title: vscode.l10n.t('Image Insight'),
      });
    },
    providers: async () =>
      Promise.all(
        registry.list().map(async (p) => ({ id: p.id, displayName: p.displayName, features: [...p.capabilities], configured: await p.isConfigured() })),
      ),
    onDidAnalyze: analysis.onDidAnalyze,
    registerProvider: (provider) => {
      const registration = registry.register(fromExternal(provider));
      return new vscode.Disposable(() => registration.dispose());
    },
  };
}
