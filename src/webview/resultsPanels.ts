import * as vscode from 'vscode';
import { messageOf } from '../shared/errors';
import type { ResultStore } from '../analysis/resultStore';
import type { AnalysisResult } from '../shared/analysisResult';
import { Disposable } from '../shared/disposable';
import { parsePanelState } from '../shared/panelState';
import { StateSeal } from '../services/stateSeal';
import type { PanelHostServices, PanelServices } from './panelServices';
import { ResultsPanel, type ShowOptions } from './resultsPanel';


/**
 * The open results panels, one per image (analyzing the same image again reuses its panel), and
 * the serializer that brings them back after a window reload. What comes back is the state the
 * webview saved, so it is validated again; a panel whose state is unusable or whose image is
 * gone shows a plain message instead of a blank page.
 */
export class ResultsPanels extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, ResultsPanel>();
  private readonly services: PanelHostServices;

  constructor(
    services: PanelServices,
    private readonly results: ResultStore,
  ) {
    super();
    this.services = { ...services, seal: new StateSeal(services.secrets) };
    this._register({ dispose: () => [...this.open.values()].forEach((panel) => panel.dispose()) });
  }

  /** Shows a result in its image's panel (made on first use). */
  show(result: AnalysisResult, options: ShowOptions = {}): void {
    const session = this.results.session(result);
    const existing = this.open.get(result.image.uri);
    if (existing) {
      void existing.update(session, options);
      existing.reveal();
      return;
    }
    this.track(ResultsPanel.create(session, this.services, (closed) => this.untrack(closed), options));
  }

  /** VS Code hands back a panel after a reload with the state its webview saved. */
  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = parsePanelState(state);
    if ('problem' in parsed) {
      this.services.log.warn(`results panel: not restored: ${parsed.problem}`);
      this.showNotice(webviewPanel, vscode.l10n.t('These results could not be restored. Analyze the image again to see them.'));
      return;
    }
    const { result, edits, seal } = parsed.state;
    // Written by the webview: only a result the host itself sealed is taken back — its image URI
    // decides which file is read and loaded, its links which pages *Open* goes to.
    if (!(await this.sealed(JSON.stringify(result), seal))) {
      this.services.log.warn('results panel: not restored: the state is not one this extension sealed');
      this.showNotice(webviewPanel, vscode.l10n.t('These results could not be restored. Analyze the image again to see them.'));
      return;
    }
    let image: vscode.Uri;
    try {
      image = vscode.Uri.parse(result.image.uri, true);
    } catch (error) {
      this.services.log.warn(`results panel: not restored: the image URI cannot be parsed (${messageOf(error)})`);
      this.showNotice(webviewPanel, vscode.l10n.t('These results could not be restored. Analyze the image again to see them.'));
      return;
    }
    try {
      await vscode.workspace.fs.stat(image);
    } catch {
      this.showNotice(webviewPanel, vscode.l10n.t('"{0}" is no longer there, so its results cannot be shown.', image.path.split('/').pop() ?? ''));
      return;
    }
    const session = this.results.session(result);
    for (const [index, text] of edits) session.edits.set(index, text);
    this.results.adopt(session);
    const existing = this.open.get(result.image.uri);
    if (existing) existing.dispose(); // two restored panels for one image: the newer wins
    this.track(new ResultsPanel(webviewPanel, session, this.services, (closed) => this.untrack(closed)));
  }

  private async sealed(text: string, seal: string): Promise<boolean> {
    try {
      return await this.services.seal.verify(text, seal);
    } catch (error) {
      this.services.log.warn(`results panel: the seal cannot be checked: ${messageOf(error)}`);
      return false;
    }
  }

  /** A restored panel that shows only a message, with no script and no access to files. */
  private showNotice(webviewPanel: vscode.WebviewPanel, text: string): void {
    webviewPanel.webview.options = { enableScripts: false, localResourceRoots: [] };
    const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    webviewPanel.webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p class="notice">${escaped}</p></body></html>`;
  }

  private track(panel: ResultsPanel): void {
    this.open.set(panel.imageKey, panel);
  }

  private untrack(panel: ResultsPanel): void {
    if (this.open.get(panel.imageKey) === panel) this.open.delete(panel.imageKey);
  }
}
