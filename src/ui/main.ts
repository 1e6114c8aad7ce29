/**
 * The results webview's entry (bundled to dist/webview.js): receives the result from the host,
 * keeps it as the webview's state (so VS Code can restore the panel after a reload), and draws
 * it. Messages from the host are checked before use; everything sent back names findings by
 * index only.
 */
import { assertNever, isHostMessage, type HostMessage, type PanelImage, type WebviewMessage } from '../shared/protocol';
import type { PanelState } from '../shared/panelState';
import { App } from './app';
import { el } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; setState(state: PanelState): void };

const vscode = acquireVsCodeApi();
let app: App | undefined;
/** The picture as a URL for <img>: its type is one of the raster types the guard allowed. */
const picture = (image: PanelImage | undefined): string | undefined => (image ? `data:${image.mime};base64,${image.base64}` : undefined);

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'notice':
      app?.dispose();
      app = undefined;
      document.body.replaceChildren(el('p', 'notice', message.text));
      break;
    case 'show': {
      app?.dispose();
      const { image, ...display } = message.display;
      app = new App({ ...display, imageSrc: picture(image) }, message.state, { post: (m) => vscode.postMessage(m), save: (state) => vscode.setState(state) });
      app.render();
      // Saved for a window reload after the first paint: serializing a big result takes a while.
      window.setTimeout(() => vscode.setState(message.state), 0);
      break;
    }
    case 'toast':
      app?.toast(message.text);
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) receive(event.data);
});
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') app?.escape();
});

vscode.postMessage({ type: 'ready' });
