import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';

/**
 * Where inserted text goes. While the results panel has focus VS Code has no active text editor,
 * so this remembers the last one the user worked in and inserts there (at its cursor, replacing
 * its selections); with none, the text opens in a new untitled document.
 */
export class EditorTarget extends Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor() {
    super();
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    );
  }

  /** The editor to insert into: the active one, else the last one if its document is still open. */
  private target(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.lastEditor;
    if (!last || last.document.isClosed) return undefined;
    // The editor object may be stale (its tab was moved); a visible one for the same document is live.
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document) ?? last;
  }

  async insert(content: string): Promise<boolean> {
    const editor = this.target();
    if (!editor) {
      const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      await vscode.window.showTextDocument(document, { preview: false });
      return true;
    }
    if (!vscode.window.visibleTextEditors.includes(editor)) {
      const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection });
      return shown.edit((edit) => shown.selections.forEach((selection) => edit.replace(selection, content)));
    }
    return editor.edit((edit) => editor.selections.forEach((selection) => edit.replace(selection, content)));
  }
}
