import * as vscode from 'vscode';
import { reportFailure } from '../services/reportFailure';
import type { AnalysisResult } from '../shared/analysisResult';
import { compareStrings } from '../shared/compareStrings';
import { isCompareFailure, type NamedComparison, type ProviderComparison } from '../shared/comparison';
import { Disposable } from '../shared/disposable';
import { isCompareWebviewMessage, type CompareDisplay, type CompareHostMessage, type CompareWebviewMessage } from '../shared/protocol';
import { displayImage, type DisplayImage } from './displayImage';
import { panelHtml } from './html';
import { panelPicture } from './panelPicture';
import type { PanelServices } from './panelServices';

/** The Compare Providers panel's webview type. Not restored after a reload: run the comparison again. */
export const COMPARE_VIEW_TYPE = 'imageInsight.compare';

/** What a compare panel needs from the rest of the extension. */
export type CompareServices = Pick<PanelServices, 'extensionUri' | 'displayFolder' | 'preparer' | 'config' | 'log'> & {
  /** Shows one provider's result in the results panel (where all its actions are). */
  openResult(result: AnalysisResult): void;
};

/**
 * One image compared by two providers, in two columns. The host keeps the comparison; the
 * webview names a side (0 or 1) only, and every message it sends is checked before use.
 */
export class ComparePanel extends Disposable {
  private shown: NamedComparison;
  private ready = false;
  private display: DisplayImage | undefined;
  private generation = 0;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    shown: NamedComparison,
    private readonly services: CompareServices,
    onDidClose: (panel: ComparePanel) => void,
  ) {
    super();
    this.shown = shown;
    this._register(panel);
    const { extensionUri } = services;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    // As the results panel: our bundle and styles only; the picture comes as bytes, never as a file.
    panel.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.webview.html = panelHtml(panel.webview, extensionUri, 'compareView.js', ['results.css', 'compare.css']);
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)));
    this._register(
      panel.onDidDispose(() => {
        onDidClose(this);
        if (this.display?.copy) void Promise.resolve(vscode.workspace.fs.delete(this.display.uri)).catch(() => undefined);
        this.dispose();
      }),
    );
    void this.update(shown);
  }

  static create(shown: NamedComparison, services: CompareServices, onDidClose: (panel: ComparePanel) => void): ComparePanel {
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    return new ComparePanel(panel, shown, services, onDidClose);
  }

  get imageKey(): string {
    return this.shown.comparison.uri;
  }

  /** Shows a (new) comparison of the same image. */
  async update(shown: NamedComparison): Promise<void> {
    this.shown = shown;
    const generation = ++this.generation;
    const image = vscode.Uri.parse(shown.comparison.uri, true);
    this.panel.title = this.title();
    // Either result knows the picture's size and type (the command fails when neither has a result).
    const known = shown.comparison.results.find((side): side is AnalysisResult => !isCompareFailure(side));
    const { config, log, preparer, displayFolder } = this.services;
    const display = known ? await displayImage(image, known.image, displayFolder, preparer, config.current.maxFileSizeMB, log) : undefined;
    if (generation !== this.generation || this.isDisposed) return;
    const previous = this.display;
    this.display = display;
    if (previous?.copy && previous.uri.toString() !== display?.uri.toString()) void Promise.resolve(vscode.workspace.fs.delete(previous.uri)).catch(() => undefined);
    await this.post();
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  private title(): string {
    const name = vscode.Uri.parse(this.shown.comparison.uri, true).path.split('/').pop() ?? '';
    return vscode.l10n.t('{0} ⇄ {1} · {2}', this.shown.names[0], this.shown.names[1], name);
  }

  /** (Re)sends the comparison; also on every `ready` (a hidden webview starts afresh when shown again). */
  private async post(): Promise<void> {
    if (!this.ready) return;
    const shown = this.shown;
    const image = this.display ? await panelPicture(this.display.uri, this.services.log, 'compare panel') : undefined;
    if (this.isDisposed || shown !== this.shown) return;
    const { comparison } = shown;
    // The raw responses stay with the host: the panel does not show them, and they can be large.
    const results = comparison.results.map((side) => (isCompareFailure(side) ? side : { ...side, raw: null })) as ProviderComparison['results'];
    const display: CompareDisplay = {
      ...(image ? { image } : {}),
      title: this.title(),
      names: shown.names,
      comparison: { ...comparison, results },
      lowConfidence: this.services.config.current.confidenceThreshold / 100,
      strings: compareStrings(vscode.l10n.t),
    };
    void this.panel.webview.postMessage({ type: 'compare', display } satisfies CompareHostMessage);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isCompareWebviewMessage(message)) {
      this.services.log.warn('compare panel: dropped a malformed message');
      return;
    }
    try {
      await this.act(message);
    } catch (error) {
      reportFailure(error, { source: `compare panel: ${message.type}`, title: vscode.l10n.t('Image Insight'), log: this.services.log, show: true });
    }
  }

  private async act(message: CompareWebviewMessage): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      await this.post();
      return;
    }
    const side = this.shown.comparison.results[message.side];
    if (isCompareFailure(side)) return;
    if (message.type === 'openResult') this.services.openResult(side);
    else {
      const text = side.text?.fullText ?? '';
      await vscode.env.clipboard.writeText(text);
      const lines = text === '' ? 0 : text.split('\n').length;
      void this.panel.webview.postMessage({ type: 'toast', text: vscode.l10n.t('Copied {0} lines of text', lines) } satisfies CompareHostMessage);
    }
  }
}
