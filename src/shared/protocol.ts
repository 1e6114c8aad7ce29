/**
 * Messages between the extension host and the results webview. Both sides import this file;
 * the host runs `isWebviewMessage` on everything it receives (a webview is untrusted input).
 * The results panel issue extends these unions; `ready` is the handshake that precedes the
 * host's first post.
 */

/** A word as the panel draws it: its box in image pixels (upright original). */
export interface ViewWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  confidence?: number;
}

/** Everything the panel shows for one result. */
export interface ViewModel {
  /** The image, as a webview URI the host made with asWebviewUri. */
  imageSrc: string;
  width: number;
  height: number;
  words: ViewWord[];
}

/** Webview → host. */
export type WebviewMessage =
  /** The webview's script has loaded and can receive messages. */
  | { type: 'ready' }
  /** Copy the text of word `index` (the host holds the text; the webview sends only an index). */
  | { type: 'copyWord'; index: number };

/** Host → webview. */
export type HostMessage =
  /** A plain message to show instead of results (e.g. the image is gone). */
  | { type: 'notice'; text: string }
  /** The result to draw. */
  | { type: 'show'; view: ViewModel };

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return Object.keys(message).length === 1;
    case 'copyWord':
      return Object.keys(message).length === 2 && Number.isSafeInteger(message.index) && (message.index as number) >= 0;
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
    case 'show':
      return isViewModel(message.view);
    default:
      return false;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

function isViewModel(value: unknown): value is ViewModel {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Record<string, unknown>;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return (
    typeof view.imageSrc === 'string' &&
    finite(view.width) &&
    finite(view.height) &&
    Array.isArray(view.words) &&
    view.words.every((w: unknown) => {
      const word = w as Record<string, unknown> | null;
      return word !== null && typeof word === 'object' && typeof word.text === 'string' && finite(word.x) && finite(word.y) && finite(word.width) && finite(word.height);
    })
  );
}
