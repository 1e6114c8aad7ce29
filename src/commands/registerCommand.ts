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
      const message = log.redact(
        error instanceof UserError ? error.message : vscode.l10n.t('{0} failed: {1}', title, messageOf(error)),
      );
      log.error(`${id}: ${message}`, error instanceof UserError ? undefined : error);
      if (report.show) void showError(message, log);
      // No `cause`: the original error's message is not redacted, and callers could read it.
      // eslint-disable-next-line preserve-caught-error
      if (report.scripted) throw new Error(message);
      return undefined;
    }
  });
}

async function showError(message: string, log: Log): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  if ((await vscode.window.showErrorMessage(message, showLog)) === showLog) log.show();
}
