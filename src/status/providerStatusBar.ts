import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { describeProvider } from '../providers/catalog';
import type { ProviderRegistry } from '../providers/registry';
import type { ConfigService } from '../services/config';
import type { CredentialsService } from '../services/credentials';

/** The status bar item that shows the current provider; a click opens "Select Provider". */
export class ProviderStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('imageInsight.provider', vscode.StatusBarAlignment.Right, 100));
  private generation = 0;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly config: ConfigService,
    private readonly credentials: CredentialsService,
  ) {
    super();
    this.item.name = vscode.l10n.t('Image Insight Provider');
    this.item.command = 'imageInsight.selectProvider';
    this._register(config.onDidChange(() => void this.update()));
    this._register(registry.onDidChange(() => void this.update()));
    this._register(credentials.onDidChange(() => void this.update()));
    void this.update();
    this.item.show();
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const id = this.config.current.provider;
    const { name, available, features } = describeProvider(this.registry, id, vscode.l10n.t);
    // The text is set at once; only the credentials hint waits for SecretStorage.
    this.item.text = `${available ? '$(eye)' : '$(warning)'} ${name}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Image Insight provider: {0}', name) };
    const missing = !(await (this.registry.get(id)?.isConfigured() ?? Promise.resolve(true)));
    if (generation !== this.generation) return; // a newer update won the race
    const lines = [vscode.l10n.t('Image Insight provider: {0}', name)];
    if (!available) lines.push(vscode.l10n.t('Not available in this version of Image Insight.'));
    else if (features) lines.push(features);
    if (missing) lines.push(vscode.l10n.t('Needs credentials: run "Image Insight: Set Credentials…".'));
    lines.push(vscode.l10n.t('Click to choose another provider.'));
    this.item.tooltip = lines.join('\n');
  }
}
