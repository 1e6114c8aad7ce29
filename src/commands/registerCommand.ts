import * as vscode from 'vscode';
import { isCancellation, messageOf, UserError } from '../shared/errors';
import type { Log } from '../services/log';

export interface FailureReport {
  /** False for a failure from a script (`executeCommand` with arguments): it rejects instead. */
  scripted: boolean;
  /** False when the caller asked for no UI (`{ show: false }`). */
  show: boolean;
}

/**
 * What a command handler returns besides its value, so the wrapper knows how to report a failure
 * that happens after the arguments were read.
 */
export type CommandHandler = (report: FailureReport, ...args: unknown[]) => Promise<unknown>;

/**
 * The one wrapper every command goes through: it catches, logs (redacted), shows one localized
 * error with a "Show Log" action, and stays silent on cancellation. A failure of a command called
 * from code rejects the promise with the same (redacted) message, so scripts can tell.
 */
export function registerFailableCommand(id: string, title: string, log: Log, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    // Until the handler has parsed its arguments, a failure is reported like a UI invocation.
    const report: FailureReport = { scripted: args.length > 0, show: true };
    try {
      return await handler(report, ...args);
    } catch (error) {
      if (isCancellation(error)) {
        log.debug(`${id}: cancelled`);
        return undefined;
      }
      // A provider's error already names the file, the provider and the cause, like a UserError.
      const explained = error instanceof UserError || isProviderError(error);
      const message = log.redact(explained ? (error as Error).message : vscode.l10n.t('{0} failed: {1}', title, messageOf(error)));
      log.error(`${id}: ${message}`, explained ? undefined : error);
      if (report.show) void showError(message, log, isProviderError(error) && error.category === 'auth');
      // No `cause`: the original error's message is not redacted, and callers could read it.
      // eslint-disable-next-line preserve-caught-error
      if (report.scripted) throw new Error(message);
      return undefined;
    }
  });
}

/** ProviderError without importing the providers into every command (its name says what it is). */
function isProviderError(error: unknown): error is Error & { category: string } {
  return error instanceof Error && error.name === 'ProviderError' && typeof (error as { category?: unknown }).category === 'string';
}

/** One error message; refused credentials also offer to set them. */
async function showError(message: string, log: Log, offerCredentials = false): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  const setCredentials = vscode.l10n.t('Set Credentials…');
  const choice = await vscode.window.showErrorMessage(message, ...(offerCredentials ? [setCredentials] : []), showLog);
  if (choice === showLog) log.show();
  if (choice === setCredentials) void vscode.commands.executeCommand('imageInsight.setCredentials');
}
