import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import type { AnalysisResult } from '../providers/types';

/**
 * Remembers the latest result with text, for "Insert Extracted Text", and keeps the
 * `imageInsight.hasText` context key (which shows that command in the palette) in step.
 */
export class ResultStore extends Disposable {
  private last: AnalysisResult | undefined;

  constructor(onDidAnalyze: vscode.Event<AnalysisResult>) {
    super();
    void vscode.commands.executeCommand('setContext', 'imageInsight.hasText', false);
    this._register(
      onDidAnalyze((result) => {
        if (!result.text) return;
        this.last = result;
        void vscode.commands.executeCommand('setContext', 'imageInsight.hasText', true);
      }),
    );
  }

  get lastText(): AnalysisResult | undefined {
    return this.last;
  }
}

/**
 * Shows a result until the results panel exists: the text in a new editor, anything else as
 * JSON, so every analysis has something to look at.
 */
export async function showResult(result: AnalysisResult): Promise<void> {
  const document = result.text
    ? await vscode.workspace.openTextDocument({ content: result.text.fullText, language: 'plaintext' })
    : await vscode.workspace.openTextDocument({ content: JSON.stringify({ ...result, raw: undefined }, null, 2), language: 'json' });
  await vscode.window.showTextDocument(document, { preview: false });
}
