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
