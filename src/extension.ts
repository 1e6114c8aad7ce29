import path from 'node:path';
import * as vscode from 'vscode';
import { AnalysisService } from './analysis/analysisService';
import { LazyResultsCache } from './analysis/lazyResultsCache';
import { BatchSummary } from './batch/batchSummary';
import { EditorTarget } from './analysis/editorTarget';
import { confirmUnpinnedDownload, languageSource } from './analysis/languageDownloads';
import { ResultStore } from './analysis/resultStore';
import { createApi, type ImageInsightApi } from './api';
import { registerAnalysisCommands } from './commands/analysisCommands';
import type * as BatchBundle from './commands/batchBundle.js';
import { BATCH_COMMAND_IDS } from './commands/batchCommandIds';
import { registerCredentialCommands } from './commands/credentialCommands';
import { registerLanguageCommands } from './commands/languageCommands';
import { registerPasteImageAsText } from './commands/pasteImageAsText';
import { registerProviderCommands } from './commands/providerCommands';
import type * as SmartyBundle from './commands/smartyBundle.js';
import { SMARTY_COMMAND_IDS } from './commands/smartyCommandIds';
import type { SmartyCommandDeps } from './commands/smartyCommands';
import { registerTextCommands } from './commands/textCommands';
import { ImagePreparer } from './images/preparer';
import { BUILTIN_CREDENTIAL_FORMS, registerBuiltinProviders } from './providers/builtinProviders';
import { lazyFetch, lazyLanguageData, lazySmartyPersons } from './providers/bundles';
import { Scheduler } from './providers/kit/scheduler';
import { readLocalSettings } from './providers/local/localSettings';
import { ProviderRegistry } from './providers/registry';
import { ConfigService } from './services/config';
import { CredentialsService } from './services/credentials';
import { registerLazyCommands } from './services/lazyCommands';
import { lazyModule } from './services/lazyModule';
import { OutputLog } from './services/outputLog';
import { SmartyView } from './smarty/smartyView';
import { ProviderStatusBar } from './status/providerStatusBar';
import { LazyComparePanels } from './webview/lazyComparePanels';
import { LazyResultsPanels } from './webview/lazyResultsPanels';

export type { ImageInsightApi } from './api';

/**
 * Builds the services, registers the commands and views, and returns the public API. What is
 * heavy (the providers' working halves, node-fetch, the panels, the image and OCR workers) is
 * only named here and loads on first use.
 */
export function activate(context: vscode.ExtensionContext): ImageInsightApi {
  const started = performance.now();
  const own = <T extends vscode.Disposable>(value: T): T => (context.subscriptions.push(value), value);
  const t = vscode.l10n.t;
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');

  const credentials = own(new CredentialsService(context.secrets, BUILTIN_CREDENTIAL_FORMS, t));
  const log = own(new OutputLog(() => credentials.secretValues()));
  const config = own(new ConfigService());
  const registry = new ProviderRegistry();
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0';
  const batchBundle = lazyModule<typeof BatchBundle>(path.join(dist.fsPath, 'batch.js'));
  const cacheDir = vscode.Uri.joinPath(context.globalStorageUri, 'resultsCache').fsPath;
  const cache = new LazyResultsCache(config.setting, () => batchBundle().createAnalysisCache(cacheDir, config.setting, version, (line) => log.warn(line)));
  const analysis = own(new AnalysisService(registry, config, log, cache));
  const results = own(new ResultStore(analysis.onDidAnalyze));
  const editors = own(new EditorTarget());
  const preparer = own(new ImagePreparer(vscode.Uri.joinPath(dist, 'imageWorker.js').fsPath, t));
  const displayFolder = vscode.Uri.joinPath(context.globalStorageUri, 'display');
  const panelServices = { extensionUri: context.extensionUri, displayFolder, preparer, config, editors, log, secrets: context.secrets };
  const panels = own(new LazyResultsPanels(panelServices, results));
  const compare = own(new LazyComparePanels({ ...panelServices, openResult: (result) => panels.show(result) }));
  const languages = lazyLanguageData(dist.fsPath, {
    storageDir: vscode.Uri.joinPath(context.globalStorageUri, 'tessdata').fsPath,
    bundledDir: vscode.Uri.joinPath(dist, 'ocr').fsPath,
    baseUrl: () => readLocalSettings(config.setting).languageDataUrl,
    fetch: lazyFetch(dist.fsPath),
    t,
    log: (line) => log.info(line),
    locale: vscode.env.language,
    confirmUnpinned: confirmUnpinnedDownload,
  });
  // One scheduler for the window: every analysis queues its requests in the same lanes.
  const scheduler = new Scheduler();
  const providerDeps = { t, setting: config.setting, credentials, preparer, distPath: dist.fsPath, languages: languageSource(languages), redact: (text: string) => log.redact(text), log: (line: string) => log.debug(line), scheduler };
  own(registerBuiltinProviders(registry, providerDeps, config.askSetting));

  own(registerAnalysisCommands(analysis, config, log, panels));
  own(registerTextCommands(results, editors, log));
  const summary = own(new BatchSummary(context.workspaceState));
  analysis.listenToBatches(summary);
  own(registerLazyCommands(BATCH_COMMAND_IDS, () => batchBundle().registerAllBatchCommands({ analysis, config, log, panels, cache, summary, preparer, distPath: dist.fsPath, registry, compare })));
  own(registerPasteImageAsText(analysis, config, log));
  own(registerProviderCommands(registry, config, log));
  own(registerCredentialCommands(credentials, log));
  own(registerLanguageCommands(languages, log));
  own(new ProviderStatusBar(registry, config, credentials));
  const smartyPersons = lazySmartyPersons(providerDeps, vscode.Uri.joinPath(context.globalStorageUri, 'smarty').fsPath);
  const smartyView = own(new SmartyView({ persons: smartyPersons, credentials, log, thumbnailDir: vscode.Uri.joinPath(context.globalStorageUri, 'smarty', 'thumbnails').fsPath }));
  const smartyDeps: SmartyCommandDeps = { persons: smartyPersons, analysis, config, log, panels, changed: () => smartyView.refresh(), knownFaces: (uri: string) => results.facesOf(uri) };
  own(registerLazyCommands(SMARTY_COMMAND_IDS, () => lazyModule<typeof SmartyBundle>(path.join(dist.fsPath, 'smarty.js'))().registerAllSmartyCommands(smartyDeps)));

  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return createApi(analysis, registry, { credentials, config, log });
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
