import * as vscode from 'vscode';
import { isCancellation, messageOf, UserError } from '../shared/errors';
import type { Log } from './log';

export interface FailureContext {
  /** What failed, for the log (a command id, "results panel: copyText"). */
  source: string;
  /** What the user did, for an unexpected error's message ("Extract Text failed: …"). */
  title: string;
  log: Log;
  /** False when the caller asked for no UI (`{ show: false }`): logged only. */
  show: boolean;
}

/**
 * The one way an error reaches the user, for commands, the results panel, the paste option and
 * the views alike: cancellation is silence; anything else is logged (redacted) and shown once,
 * localized, with "Show Log" — and "Set Credentials…" when a provider refused the credentials.
 * Returns the redacted message (undefined for a cancellation), for a scripted caller's rejection.
 */
export function reportFailure(error: unknown, context: FailureContext): string | undefined {
  const { log } = context;
  if (isCancellation(error)) {
    log.debug(`${context.source}: cancelled`);
    return undefined;
  }
  // A provider's error already names the file, the provider and the cause, like a UserError.
  const explained = error instanceof UserError || isProviderError(error);
  const message = log.redact(explained ? (error as Error).message : vscode.l10n.t('{0} failed: {1}', context.title, messageOf(error)));
  log.error(`${context.source}: ${message}`, explained ? undefined : error);
  if (context.show) void showError(message, log, isProviderError(error) && error.category === 'auth');
  return message;
}

/** ProviderError without importing the providers (its name says what it is; it may come from another bundle). */
function isProviderError(error: unknown): error is Error & { category: string } {
  return error instanceof Error && error.name === 'ProviderError' && typeof (error as { category?: unknown }).category === 'string';
}

/** One error message; refused credentials also offer to set them. */
async function showError(message: string, log: Log, offerCredentials: boolean): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  const setCredentials = vscode.l10n.t('Set Credentials…');
  const choice = await vscode.window.showErrorMessage(message, ...(offerCredentials ? [setCredentials] : []), showLog);
  if (choice === showLog) log.show();
  if (choice === setCredentials) void vscode.commands.executeCommand('imageInsight.setCredentials');
}
