import * as vscode from 'vscode';
import type { ResultSession } from '../analysis/resultStore';
import { providerName } from '../providers/catalog';
import { reportFailure } from '../services/reportFailure';
import { messageOf } from '../shared/errors';
import { Disposable } from '../shared/disposable';
import { isWebviewMessage, type HostMessage, type PanelDisplay, type PanelImage } from '../shared/protocol';
import type { PanelState } from '../shared/panelState';
import { uiStrings } from '../shared/uiStrings';
import type { PanelHostServices } from './panelServices';
import { displayImage, type DisplayImage } from './displayImage';
import { panelPicture } from './panelPicture';
import { resultsHtml } from './html';
import { runPanelAction } from './panelActions';
import { RESULTS_VIEW_TYPE } from './viewType';

/** How a result is shown: `marks` are search matches (word indices in `allWords` order). */
export interface ShowOptions {
  marks?: number[];
}

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
  /** What the webview shows: the display half of `show` (the state half comes from the session). */
  private shown: PanelDisplay | undefined;
  /** The seal of the shown result, which the webview saves with it (see PanelState). */
  private seal = '';

  /** A new webview panel beside the editor. */
  static create(session: ResultSession, services: PanelHostServices, onDidClose: (panel: ResultsPanel) => void, options: ShowOptions = {}): ResultsPanel {
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    return new ResultsPanel(panel, session, services, onDidClose, options);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    session: ResultSession,
    private readonly services: PanelHostServices,
    onDidClose: (panel: ResultsPanel) => void,
    options: ShowOptions = {},
  ) {
    super();
    this.session = session;
    this._register(panel);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'activitybar.svg');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = resultsHtml(panel.webview, services.extensionUri);
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)));
    this._register(
      panel.onDidDispose(() => {
        onDidClose(this);
        void this.dropDisplayCopy();
        this.dispose();
      }),
    );
    void this.update(session, options);
  }

  /**
   * Scripts (ours, by nonce) and no forms; files: only our bundle and styles. The picture is not a
   * file the webview loads but bytes the host sends (PanelImage), so no folder of the user's — not
   * the image's, which for `~/x.png` would be all of home — is ever a resource root.
   */
  private webviewOptions(): vscode.WebviewOptions {
    const { extensionUri } = this.services;
    return {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  /** The image this panel shows, as the result names it (one panel per image). */
  get imageKey(): string {
    return this.session.result.image.uri;
  }

  get imageUri(): vscode.Uri {
    return vscode.Uri.parse(this.session.result.image.uri, true);
  }

  /** Shows a (new) result for the same image. */
  async update(session: ResultSession, options: ShowOptions = {}): Promise<void> {
    this.session = session;
    const generation = ++this.generation;
    const { result } = session;
    const name = this.imageUri.path.split('/').pop() ?? '';
    const title = vscode.l10n.t('{0} · {1}', name, providerName(result.provider, vscode.l10n.t));
    this.panel.title = title;
    const previous = this.display;
    const seal = await this.sealOf(result);
    const display = await displayImage(this.imageUri, result.image, this.services.displayFolder, this.services.preparer, this.services.config.current.maxFileSizeMB, this.services.log);
    if (generation !== this.generation || this.isDisposed) return;
    this.display = display;
    this.seal = seal;
    if (previous?.copy && previous.uri.toString() !== display?.uri.toString()) void this.deleteQuietly(previous.uri);
    this.shown = {
      title,
      lowConfidence: this.services.config.current.confidenceThreshold / 100,
      strings: uiStrings(vscode.l10n.t),
      ...(options.marks?.length ? { marks: options.marks } : {}),
    };
    this.sendShow();
  }

  /**
   * (Re)sends the result with the corrections made so far. Also on every `ready`: a hidden panel's
   * webview is discarded (no retainContextWhenHidden, to keep memory low) and starts afresh when
   * it is shown again.
   */
  private sendShow(): void {
    if (!this.ready || !this.shown) return;
    const shown = this.shown;
    const state: PanelState = { version: 2, result: this.session.result, seal: this.seal, edits: [...this.session.edits] };
    void this.picture().then((image) => {
      if (this.isDisposed || shown !== this.shown) return; // a newer result was shown meanwhile
      void this.panel.webview.postMessage({ type: 'show', display: image ? { ...shown, image } : shown, state } satisfies HostMessage);
    });
  }

  /** The picture's bytes (webview/panelPicture.ts), or undefined when there is none to show. */
  private async picture(): Promise<PanelImage | undefined> {
    return this.display ? panelPicture(this.display.uri, this.services.log, 'results panel') : undefined;
  }

  /** Without a seal (SecretStorage unavailable) the panel still works; it just is not restored after a reload. */
  private async sealOf(result: ResultSession['result']): Promise<string> {
    try {
      return await this.services.seal.seal(JSON.stringify(result));
    } catch (error) {
      this.services.log.warn(`results panel: the state cannot be sealed, so it will not be restored after a reload: ${messageOf(error)}`);
      return '';
    }
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.services.log.warn('results panel: dropped a malformed message');
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.sendShow();
      return;
    }
    try {
      await runPanelAction(message, { session: this.session, editors: this.services.editors, log: this.services.log, toast: (text) => this.toast(text) });
    } catch (error) {
      reportFailure(error, { source: `results panel: ${message.type}`, title: vscode.l10n.t('Image Insight'), log: this.services.log, show: true });
    }
  }

  private toast(text: string): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'toast', text } satisfies HostMessage);
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
