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

  private static read(): ImageInsightConfig {
    const section = vscode.workspace.getConfiguration(CONFIG_SECTION);
    return parseConfig((key) => section.get(key));
  }
}
