import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { isWebviewMessage, type HostMessage, type ViewModel } from '../shared/protocol';
import { providerName } from '../providers/catalog';
import { allWords, boundingBox, type AnalysisResult } from '../providers/types';
import type { Log } from '../services/log';
import { resultsHtml } from './html';

/**
 * The results panel: the image with every word boxed over it; a click copies the word. One panel
 * per image, reused when the same image is analyzed again. The host keeps the words: the webview
 * only ever sends an index back, validated here.
 */
export class ResultsPanel extends Disposable {
  private static readonly open = new Map<string, ResultsPanel>();
  private words: string[] = [];
  private view: ViewModel | undefined;
  private ready = false;

  static show(result: AnalysisResult, extensionUri: vscode.Uri, log: Log): ResultsPanel {
    const existing = ResultsPanel.open.get(result.image.uri);
    const panel = existing ?? new ResultsPanel(vscode.Uri.parse(result.image.uri), extensionUri, log);
    if (!existing) ResultsPanel.open.set(result.image.uri, panel);
    panel.update(result);
    panel.panel.reveal(undefined, true);
    return panel;
  }

  /** Closes every panel (on deactivation). */
  static closeAll(): void {
    for (const panel of [...ResultsPanel.open.values()]) panel.panel.dispose();
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    private readonly image: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    super();
    this.panel = this._register(
      vscode.window.createWebviewPanel('imageInsight.results', '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(image, '..')],
      }),
    );
    this.panel.webview.html = resultsHtml(this.panel.webview, extensionUri);
    this._register(this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    this._register(
      this.panel.onDidDispose(() => {
        ResultsPanel.open.delete(this.image.toString());
        this.dispose();
      }),
    );
  }

  private update(result: AnalysisResult): void {
    const name = this.image.path.split('/').pop() ?? '';
    this.panel.title = vscode.l10n.t('{0} · {1}', name, providerName(result.provider, vscode.l10n.t));
    const words = result.text ? allWords(result.text) : [];
    this.words = words.map((w) => w.text);
    this.view = {
      imageSrc: this.panel.webview.asWebviewUri(this.image).toString(),
      width: result.image.width,
      height: result.image.height,
      words: words.map((w) => ({ text: w.text, confidence: w.confidence, ...boundingBox(w.polygon) })),
    };
    if (this.ready) this.post({ type: 'show', view: this.view });
  }

  private onMessage(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.log.warn('results panel: dropped a malformed message');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.view) this.post({ type: 'show', view: this.view });
        break;
      case 'copyWord': {
        const word = this.words[message.index];
        if (word === undefined) {
          this.log.warn(`results panel: no word ${message.index}`);
          return;
        }
        void vscode.env.clipboard.writeText(word).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Copied "{0}"', word.slice(0, 60)), 2000));
        break;
      }
    }
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
