/**
 * Errors the user can act on. Their messages are already localized and name the file and the
 * cause, so the command wrapper shows them as they are (after redaction).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** @param file the file the error is about (its name is in the message too), if any */
  constructor(message: string, readonly file?: string) {
    super(message);
  }
}

/** Thrown when the user dismissed a prompt or cancelled a progress: never shown as an error. */
export class CancelledError extends Error {
  override readonly name = 'Canceled';
  constructor() {
    super('Canceled');
  }
}

/** True for our CancelledError and for VS Code's `CancellationError` (whose name is also 'Canceled'). */
export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError');
}

/** The message of anything thrown, never `[object Object]`. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
