/**
 * The extension's log as its users see it: every line, and every message shown to the user,
 * passes through `redact` first. The real one writes to the "Image Insight" output channel
 * (outputLog.ts); `nullLog` is the double for tests and scripts that need none.
 */
export interface Log {
  /** Text with every known secret and secret-shaped value removed. */
  redact(text: string): string;
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Logs a message and, when given, the error's stack (redacted too: stacks can quote URLs). */
  error(message: string, error?: unknown): void;
  /** Reveals the log to the user. */
  show(): void;
}

/** A log that keeps nothing (and so has nothing to redact). */
export const nullLog: Log = {
  redact: (text) => text,
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  error: () => undefined,
  show: () => undefined,
};
