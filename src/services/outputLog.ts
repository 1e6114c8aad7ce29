import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import type { Log } from './log';
import { redact } from './redact';

/**
 * The extension's log: a `LogOutputChannel` ("Image Insight" in the Output view) behind
 * `redact()`. Every line, and every message shown to the user, passes through `redact` with the
 * secrets the credentials service currently holds.
 */
export class OutputLog extends Disposable implements Log {
  private readonly channel = this._register(vscode.window.createOutputChannel('Image Insight', { log: true }));

  constructor(private readonly secrets: () => Iterable<string>) {
    super();
  }

  /** Text with every known secret and secret-shaped value removed. */
  redact(text: string): string {
    return redact(text, this.secrets());
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }

  /** Logs a message and, when given, the error's stack (redacted too: stacks can quote URLs). */
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error && error.stack ? `\n${error.stack}` : '';
    this.channel.error(this.redact(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }
}
