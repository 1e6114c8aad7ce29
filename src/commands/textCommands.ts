import * as vscode from 'vscode';
import { UserError } from '../shared/errors';
import type { EditorTarget } from '../analysis/editorTarget';
import type { ResultStore } from '../analysis/resultStore';
import { textOf } from '../text/resultText';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';

/**
 * "Insert Extracted Text": the latest extracted text, with the user's corrections (or the string
 * passed as argument), into the editor at the cursor, replacing a selection, or into a new editor
 * when none is open. The text keeps the image's layout: line breaks, blank lines between blocks,
 * indentation.
 */
export function registerTextCommands(results: ResultStore, editors: EditorTarget, log: Log): vscode.Disposable {
  const title = vscode.l10n.t('Insert Extracted Text');
  return registerFailableCommand('imageInsight.insertText', title, log, async (report, text?: unknown) => {
    report.scripted = text !== undefined;
    if (text !== undefined && typeof text !== 'string') {
      throw new UserError(vscode.l10n.t('{0}: the argument must be the text to insert.', title));
    }
    const last = results.lastText;
    const content = text ?? (last?.result.text ? textOf(last.result.text, last.edits) : undefined);
    if (content === undefined) {
      throw new UserError(vscode.l10n.t('There is no extracted text yet: run "Extract Text" on an image first.'));
    }
    return editors.insert(content);
  });
}
