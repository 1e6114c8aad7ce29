/**
 * The results webview's front-end entry (bundled to dist/webview.js). It announces itself with
 * `ready` and renders host messages; every untrusted string reaches the DOM via textContent.
 */
import { assertNever, isHostMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };

const vscode = acquireVsCodeApi();

function render(message: HostMessage): void {
  switch (message.type) {
    case 'notice': {
      const notice = document.createElement('p');
      notice.className = 'notice';
      notice.textContent = message.text;
      document.body.replaceChildren(notice);
      break;
    }
    default:
      assertNever(message.type);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) render(event.data);
});

vscode.postMessage({ type: 'ready' });
