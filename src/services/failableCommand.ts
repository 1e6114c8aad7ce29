import * as vscode from 'vscode';
import type { Log } from './log';
import { reportFailure } from './reportFailure';

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
 * The one wrapper every command goes through: a failure is reported through `reportFailure`
 * (logged redacted, shown once with "Show Log", silent on cancellation). A failure of a command
 * called from code also rejects the promise with the same (redacted) message, so scripts can tell.
 */
export function registerFailableCommand(id: string, title: string, log: Log, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    // Until the handler has parsed its arguments, a failure is reported like a UI invocation.
    const report: FailureReport = { scripted: args.length > 0, show: true };
    try {
      return await handler(report, ...args);
    } catch (error) {
      const message = reportFailure(error, { source: id, title, log, show: report.show });
      // No `cause`: the original error's message is not redacted, and callers could read it.
      // eslint-disable-next-line preserve-caught-error
      if (message !== undefined && report.scripted) throw new Error(message);
      return undefined;
    }
  });
}
