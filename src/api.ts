import * as vscode from 'vscode';
import type { AnalysisService } from './analysis/analysisService';
import { parseInvocation } from './commands/commandArgs';
import type { ProviderRegistry } from './providers/registry';
import type { AnalysisResult, FeatureId } from './shared/analysisResult';
import { fromExternal } from './providers/kit/externalProvider';
import type { ExternalProvider, ProviderInfo } from './providers/types';
import type { CommandOptions } from './commands/commandArgs';
import { clearStoredCredentials, storeCredentials } from './commands/credentialCommands';
import type { ConfigService } from './services/config';
import type { CredentialsService } from './services/credentials';
import { credentialProviders } from './services/credentialShapes';
import type { Log } from './services/log';

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
  /** Stores a provider's credentials without asking (the command with arguments asks first); rejects when their shape is wrong. */
  setCredentials(providerId: string, credentials: Record<string, string>): Promise<void>;
  /** Deletes one provider's credentials, or every provider's; resolves with the ids that had some. */
  clearCredentials(providerId?: string): Promise<string[]>;
  /** Makes a registered provider the one every analysis uses (user settings), without asking. */
  selectProvider(providerId: string): Promise<void>;
}

const DEFAULT_FEATURES: FeatureId[] = ['text'];

/** What the API needs besides the analysis and the registry. */
export interface ApiServices {
  credentials: CredentialsService;
  config: ConfigService;
  log: Log;
}

export function createApi(analysis: AnalysisService, registry: ProviderRegistry, { credentials, config, log }: ApiServices): ImageInsightApi {
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
    setCredentials: (providerId, value) => storeCredentials(credentials, log, providerId, value),
    clearCredentials: async (providerId) => {
      const known = credentialProviders(credentials.forms);
      if (providerId !== undefined && providerId !== 'all' && !known.includes(providerId)) {
        throw new Error(vscode.l10n.t('Unknown provider "{0}". Providers with credentials: {1}.', String(providerId).slice(0, 40), known.join(', ')));
      }
      return clearStoredCredentials(credentials, log, providerId === undefined || providerId === 'all' ? known : [providerId]);
    },
    selectProvider: async (providerId) => {
      if (!registry.get(providerId)) {
        throw new Error(vscode.l10n.t('Unknown provider "{0}". Providers: {1}.', String(providerId).slice(0, 40), registry.list().map((p) => p.id).join(', ')));
      }
      await config.setProvider(providerId);
    },
  };
}
