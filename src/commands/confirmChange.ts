import * as vscode from 'vscode';

/**
 * A modal confirmation naming a change to keys or settings, for commands called with arguments:
 * any extension, and a `command:` link in trusted Markdown or a notebook, can call them. Anything
 * but the action is a quiet cancellation that changes nothing. (Scripts and tests use the API's
 * functions, which do not ask.)
 */
export async function confirmChange(message: string, action: string): Promise<void> {
  const answer = await vscode.window.showWarningMessage(message, { modal: true }, action);
  if (answer !== action) throw new vscode.CancellationError();
}
