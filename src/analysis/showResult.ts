import * as vscode from 'vscode';
import { allWords, type AnalysisResult } from '../providers/types';
import type { Log } from '../services/log';
import { ResultsPanel } from '../webview/resultsPanel';
import { layoutText } from '../text/layout';

/**
 * Shows a result: words in the results panel, boxed over the image; a result without words (or
 * until the panel draws faces, labels and copies) as text or JSON in an editor.
 */
export async function showResult(result: AnalysisResult, extensionUri: vscode.Uri, log: Log): Promise<void> {
  if (result.text && allWords(result.text).length > 0 && result.image.width > 0) {
    ResultsPanel.show(result, extensionUri, log);
    return;
  }
  const document = result.text
    ? await vscode.workspace.openTextDocument({ content: layoutText(result.text) || result.text.fullText, language: 'plaintext' })
    : await vscode.workspace.openTextDocument({ content: JSON.stringify({ ...result, raw: undefined }, null, 2), language: 'json' });
  await vscode.window.showTextDocument(document, { preview: false });
}
