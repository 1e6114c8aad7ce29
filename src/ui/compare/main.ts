/**
 * The Compare Providers panel's entry (bundled to dist/compareView.js): receives the comparison
 * from the host, checks it, and draws it. What it sends back names a side (0 or 1) only. The
 * panel is not restored after a window reload (no state is kept): the comparison is run again.
 */
import { assertNever, isCompareHostMessage, type CompareHostMessage, type CompareWebviewMessage } from '../../shared/protocol';
import { CompareView } from './compareView';

declare function acquireVsCodeApi(): { postMessage(message: CompareWebviewMessage): void };

const vscode = acquireVsCodeApi();
let view: CompareView | undefined;

function receive(message: CompareHostMessage): void {
  switch (message.type) {
    case 'compare':
      view?.dispose();
      view = new CompareView(message.display, (m) => vscode.postMessage(m));
      document.body.replaceChildren(view.element);
      document.title = message.display.title;
      break;
    case 'toast':
      view?.toast(message.text);
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isCompareHostMessage(event.data)) receive(event.data);
});

vscode.postMessage({ type: 'ready' });
