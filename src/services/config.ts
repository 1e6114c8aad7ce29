import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { parseConfig, type ImageInsightConfig } from './configSchema';

export const CONFIG_SECTION = 'imageInsight';

/**
 * The one place that reads settings. `current` is re-parsed only when an `imageInsight.*`
 * setting changes, then `onDidChange` fires.
 */
export class ConfigService extends Disposable {
  private value: ImageInsightConfig;
  private readonly emitter = this._register(new vscode.EventEmitter<ImageInsightConfig>());
  readonly onDidChange = this.emitter.event;

  constructor() {
    super();
    this.value = ConfigService.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(CONFIG_SECTION)) return;
        this.value = ConfigService.read();
        this.emitter.fire(this.value);
      }),
    );
  }

  get current(): ImageInsightConfig {
    return this.value;
  }

  /** Writes the provider to user settings (the setting has machine scope, so never to a workspace). */
  async setProvider(id: string): Promise<void> {
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update('provider', id, vscode.ConfigurationTarget.Global);
  }

  /**
   * Asks for the Yandex folder an IAM token needs and saves it in user settings (machine scope:
   * never a workspace's). Undefined when the user dismissed the prompt.
   */
  async askYandexFolderId(): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Yandex Vision folder ID'),
      prompt: vscode.l10n.t('An IAM token needs the ID of the folder to use (it starts with b1g; see the Yandex Cloud console). It is saved in the setting imageInsight.yandex.folderId.'),
      ignoreFocusOut: true,
      validateInput: (text) => (/^[a-z0-9]{8,64}$/i.test(text.trim()) ? undefined : vscode.l10n.t('A folder ID is letters and digits, such as b1g0abcdefghijklmnop.')),
    });
    const folderId = value?.trim();
    if (folderId) await vscode.workspace.getConfiguration(CONFIG_SECTION).update('yandex.folderId', folderId, vscode.ConfigurationTarget.Global);
    return folderId || undefined;
  }

  private static read(): ImageInsightConfig {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return parseConfig((key) => section.get(key));
  }
}
