import * as vscode from 'vscode';
import { UserError } from '../shared/errors';
import type { ResultStore } from '../analysis/resultStore';
import { layoutText } from '../text/layout';
import type { Log } from '../services/log';
import { registerFailableCommand } from './registerCommand';

/**
 * "Insert Extracted Text": the latest extracted text (or the string passed as argument) into the
 * active editor at the cursor, replacing a selection, or into a new editor when none is open. The
 * text keeps the image's layout: line breaks, blank lines between blocks, indentation.
 */
export function registerTextCommands(results: ResultStore, log: Log): vscode.Disposable {
  const title = vscode.l10n.t('Insert Extracted Text');
  return registerFailableCommand('imageInsight.insertText', title, log, async (report, text?: unknown) => {
    report.scripted = text !== undefined;
    if (text !== undefined && typeof text !== 'string') {
      throw new UserError(vscode.l10n.t('{0}: the argument must be the text to insert.', title));
    }
    const last = results.lastText?.text;
    const content = text ?? (last ? layoutText(last) || last.fullText : undefined);
    if (content === undefined) {
      throw new UserError(vscode.l10n.t('There is no extracted text yet: run "Extract Text" on an image first.'));
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      await vscode.window.showTextDocument(document);
      return true;
    }
    return editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, content);
    });
  });
}
