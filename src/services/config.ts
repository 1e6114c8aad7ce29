import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { parseConfig, type ImageInsightConfig } from './configSchema';
import type { RequiredSetting } from './credentialShapes';

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

  /** Reads `imageInsight.<key>` as it is now (providers read their own sections on every request). */
  readonly setting = (key: string): unknown => vscode.workspace.getConfiguration(CONFIG_SECTION).get(key);

  /**
   * Asks for a setting a credential form needs (an IAM token's folder) and saves it in user
   * settings — these have machine scope, so never a workspace's. Undefined when dismissed.
   */
  readonly askSetting = async (setting: RequiredSetting): Promise<string | undefined> => {
    const t = vscode.l10n.t;
    const value = await vscode.window.showInputBox({
      title: setting.title(t),
      prompt: setting.prompt(t),
      ignoreFocusOut: true,
      validateInput: (text) => (setting.pattern.test(text.trim()) ? undefined : setting.invalid(t)),
    });
    const trimmed = value?.trim();
    if (trimmed) await vscode.workspace.getConfiguration(CONFIG_SECTION).update(setting.key, trimmed, vscode.ConfigurationTarget.Global);
    return trimmed || undefined;
  };

  private static read(): ImageInsightConfig {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return parseConfig((key) => section.get(key));
  }
}
