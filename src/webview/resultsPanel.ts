import * as vscode from 'vscode';
import type { ResultSession } from '../analysis/resultStore';
import { providerName } from '../providers/catalog';
import { Disposable } from '../shared/disposable';
import { messageOf } from '../shared/errors';
import { isWebviewMessage, type HostMessage, type PanelDisplay } from '../shared/protocol';
import type { PanelState } from '../shared/panelState';
import { uiStrings } from '../shared/uiStrings';
import type { PanelServices } from './panelServices';
import { displayImage, type DisplayImage } from './displayImage';
import { resultsHtml } from './html';
import { runPanelAction } from './panelActions';

export const RESULTS_VIEW_TYPE = 'imageInsight.results';

/**
 * One results panel: the image with every finding drawn over it, and the actions on them. The
 * host keeps the result and its corrections (the session); the webview names findings by index
 * only, and every message it sends is checked before it is acted on.
 */
export class ResultsPanel extends Disposable {
  private session: ResultSession;
  private ready = false;
  private display: DisplayImage | undefined;
  /** Bumped on every update, so a slow display copy for an older result is not shown. */
  private generation = 0;
  private pending: HostMessage | undefined;

  /** A new webview panel beside the editor. */
  static create(session: ResultSession, services: PanelServices, onDidClose: (panel: ResultsPanel) => void): ResultsPanel {
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    return new ResultsPanel(panel, session, services, onDidClose);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    session: ResultSession,
    private readonly services: PanelServices,
    onDidClose: (panel: ResultsPanel) => void,
  ) {
    super();
    this.session = session;
    this._register(panel);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(services.extensionUri, 'dist'),
        vscode.Uri.joinPath(services.extensionUri, 'media'),
        vscode.Uri.joinPath(this.imageUri, '..'),
        services.displayFolder,
      ],
    };
    panel.webview.html = resultsHtml(panel.webview, services.extensionUri);
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)));
    this._register(
      panel.onDidDispose(() => {
        onDidClose(this);
        void this.dropDisplayCopy();
        this.dispose();
      }),
    );
    void this.update(session);
  }

  /** The image this panel shows, as the result names it (one panel per image). */
  get imageKey(): string {
    return this.session.result.image.uri;
  }

  get imageUri(): vscode.Uri {
    return vscode.Uri.parse(this.session.result.image.uri, true);
  }

  /** Shows a (new) result for the same image. */
  async update(session: ResultSession): Promise<void> {
    this.session = session;
    const generation = ++this.generation;
    const { result } = session;
    const name = this.imageUri.path.split('/').pop() ?? '';
    const title = vscode.l10n.t('{0} · {1}', name, providerName(result.provider, vscode.l10n.t));
    this.panel.title = title;
    const previous = this.display;
    const display = await displayImage(this.imageUri, this.services.displayFolder, this.services.preparer, this.services.config.current.maxFileSizeMB, this.services.log);
    if (generation !== this.generation || this.isDisposed) return;
    this.display = display;
    if (previous?.copy && previous.uri.toString() !== display?.uri.toString()) void this.deleteQuietly(previous.uri);
    const panelDisplay: PanelDisplay = {
      imageSrc: display ? this.panel.webview.asWebviewUri(display.uri).toString() : undefined,
      title,
      lowConfidence: this.services.config.current.confidenceThreshold / 100,
      strings: uiStrings(vscode.l10n.t),
    };
    const state: PanelState = { version: 1, result, edits: [...session.edits] };
    this.post({ type: 'show', display: panelDisplay, state });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** A plain message in place of results (the image is gone, the saved state was unusable). */
  notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.services.log.warn('results panel: dropped a malformed message');
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      if (this.pending) this.post(this.pending);
      this.pending = undefined;
      return;
    }
    try {
      await runPanelAction(message, { session: this.session, editors: this.services.editors, log: this.services.log, toast: (text) => this.post({ type: 'toast', text }) });
    } catch (error) {
      const text = this.services.log.redact(messageOf(error));
      this.services.log.error(`results panel: ${message.type} failed: ${text}`);
      void vscode.window.showErrorMessage(text);
    }
  }

  /** Posts now, or (for `show` and `notice`) once the webview says it is ready. */
  private post(message: HostMessage): void {
    if (!this.ready) {
      if (message.type !== 'toast') this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async dropDisplayCopy(): Promise<void> {
    if (this.display?.copy) await this.deleteQuietly(this.display.uri);
  }

  private async deleteQuietly(uri: vscode.Uri): Promise<void> {
    try {
      await vscode.workspace.fs.delete(uri);
    } catch {
      // already gone
    }
  }
}
