import * as vscode from 'vscode';
import { AnalysisService } from './analysis/analysisService';
import { EditorTarget } from './analysis/editorTarget';
import { ResultStore } from './analysis/resultStore';
import { createApi, type ImageInsightApi } from './api';
import { registerAnalysisCommands } from './commands/analysisCommands';
import { registerCredentialCommands } from './commands/credentialCommands';
import { registerProviderCommands } from './commands/providerCommands';
import { registerTextCommands } from './commands/textCommands';
import { registerPasteImageAsText } from './commands/pasteImageAsText';
import { ImagePreparer } from './images/preparer';
import fetch from 'node-fetch';
import { languageSource } from './analysis/languageDownloads';
import { registerLanguageCommands } from './commands/languageCommands';
import { LanguageData } from './providers/local/languageData';
import { LocalProvider } from './providers/local/localProvider';
import { createHttpClient } from './providers/http';
import { YandexProvider } from './providers/yandex/yandexProvider';
import { ProviderRegistry } from './providers/registry';
import { ConfigService } from './services/config';
import { CredentialsService } from './services/credentials';
import { OutputLog } from './services/outputLog';
import { SmartyView } from './smarty/smartyView';
import { ProviderStatusBar } from './status/providerStatusBar';
import { LazyResultsPanels } from './webview/lazyResultsPanels';

export type { ImageInsightApi } from './api';

/** Builds the services, registers the commands and views, and returns the public API. */
export function activate(context: vscode.ExtensionContext): ImageInsightApi {
  const started = performance.now();
  const own = <T extends vscode.Disposable>(value: T): T => (context.subscriptions.push(value), value);

  const credentials = own(new CredentialsService(context.secrets, vscode.l10n.t));
  const log = own(new OutputLog(() => credentials.secretValues()));
  const config = own(new ConfigService());
  const registry = new ProviderRegistry();
  const analysis = own(new AnalysisService(registry, config, log));
  const results = own(new ResultStore(analysis.onDidAnalyze));
  const editors = own(new EditorTarget());
  // The image worker starts on first use (a display copy, a provider's re-encode), not here.
  const preparer = own(new ImagePreparer(vscode.Uri.joinPath(context.extensionUri, 'dist', 'imageWorker.js').fsPath, vscode.l10n.t));
  const displayFolder = vscode.Uri.joinPath(context.globalStorageUri, 'display');
  const panels = own(new LazyResultsPanels({ extensionUri: context.extensionUri, displayFolder, preparer, config, editors, log }, results));

  const distPath = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  const languages = new LanguageData({
    storageDir: vscode.Uri.joinPath(context.globalStorageUri, 'tessdata').fsPath,
    bundledDir: vscode.Uri.joinPath(context.extensionUri, 'dist', 'ocr').fsPath,
    baseUrl: () => config.current.local.languageDataUrl,
    fetch, // node-fetch: through VS Code's proxy-aware http
    t: vscode.l10n.t,
    log: (line) => log.info(line),
    locale: vscode.env.language,
  });
  const local = own(new LocalProvider({ distPath, preparer, languages: languageSource(languages), settings: () => config.current.local, t: vscode.l10n.t }));
  own(registry.register(local));
  own(registerLanguageCommands(languages, log));
  const http = createHttpClient({ fetch, t: vscode.l10n.t, redact: (text) => log.redact(text), log: (line) => log.debug(line) });
  const cloudSettings = () => ({ ...config.current.yandex, timeoutSeconds: config.current.timeoutSeconds });
  own(registry.register(new YandexProvider({ credentials, http, preparer, settings: cloudSettings, askFolderId: () => config.askYandexFolderId(), t: vscode.l10n.t })));

  own(registerAnalysisCommands(analysis, log, panels));
  own(registerTextCommands(results, editors, log));
  own(registerPasteImageAsText(analysis, config, log));
  own(registerProviderCommands(registry, config, credentials, log));
  own(registerCredentialCommands(credentials, log));
  own(new ProviderStatusBar(registry, config, credentials));
  own(new SmartyView());

  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return createApi(analysis, registry);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
