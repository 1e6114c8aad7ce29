/**
 * Messages between the extension host and the results webview. Both sides import this file;
 * the host runs `isWebviewMessage` on everything it receives (a webview is untrusted input).
 * The results panel issue extends these unions; `ready` is the handshake that precedes the
 * host's first post.
 */

/** Webview → host. */
export type WebviewMessage =
  /** The webview's script has loaded and can receive messages. */
  | { type: 'ready' };

/** Host → webview. */
export type HostMessage =
  /** A plain message to show instead of results (e.g. the image is gone). */
  | { type: 'notice'; text: string };

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return Object.keys(message).length === 1;
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'notice':
      return typeof message.text === 'string';
    default:
      return false;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
