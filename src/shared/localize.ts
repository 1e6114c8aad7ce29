/**
 * A message formatter with the signature of `vscode.l10n.t` (message, then placeholder values).
 * Pure modules take one as a parameter so that they stay free of the `vscode` import (and so
 * unit-testable in plain Node), while the extension passes the real `vscode.l10n.t`.
 * Every call site passes a string literal as the message: a unit test collects those literals
 * and checks that each has a Russian translation.
 */
export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

/** Formats `{0}`-style placeholders without translating: for unit tests and as a fallback. */
export const formatOnly: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
