import * as vscode from 'vscode';
import type { AnalysisResult } from '../providers/types';
import { layoutText } from '../text/layout';

/**
 * Shows a result until the results panel exists: the text in a new editor, anything else as
 * JSON, so every analysis has something to look at.
 */
export async function showResult(result: AnalysisResult): Promise<void> {
  const document = result.text
    ? await vscode.workspace.openTextDocument({ content: layoutText(result.text) || result.text.fullText, language: 'plaintext' })
    : await vscode.workspace.openTextDocument({ content: JSON.stringify({ ...result, raw: undefined }, null, 2), language: 'json' });
  await vscode.window.showTextDocument(document, { preview: false });
}
