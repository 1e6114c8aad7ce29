/**
 * The results webview's front-end entry (bundled to dist/webview.js): the image with every word
 * boxed over it; a click on a box copies the word. Every untrusted string reaches the DOM via
 * textContent or attribute setters, never as markup.
 */
import { assertNever, isHostMessage, type HostMessage, type ViewModel, type WebviewMessage } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

function renderView(view: ViewModel): void {
  const stage = document.createElement('div');
  stage.className = 'stage';
  const image = document.createElement('img');
  image.src = view.imageSrc;
  image.alt = '';
  const overlay = document.createElementNS(SVG, 'svg');
  overlay.setAttribute('viewBox', `0 0 ${view.width} ${view.height}`);
  overlay.setAttribute('preserveAspectRatio', 'none');
  overlay.setAttribute('class', 'overlay');
  view.words.forEach((word, index) => {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', word.confidence !== undefined && word.confidence < 0.6 ? 'word low' : 'word');
    rect.setAttribute('x', String(word.x));
    rect.setAttribute('y', String(word.y));
    rect.setAttribute('width', String(word.width));
    rect.setAttribute('height', String(word.height));
    rect.setAttribute('tabindex', '0');
    rect.setAttribute('role', 'button');
    rect.setAttribute('aria-label', word.text);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = word.text;
    rect.appendChild(title);
    const copy = () => vscode.postMessage({ type: 'copyWord', index });
    rect.addEventListener('click', copy);
    rect.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') copy();
    });
    overlay.appendChild(rect);
  });
  stage.append(image, overlay);
  document.body.replaceChildren(stage);
}

function render(message: HostMessage): void {
  switch (message.type) {
    case 'notice': {
      const notice = document.createElement('p');
      notice.className = 'notice';
      notice.textContent = message.text;
      document.body.replaceChildren(notice);
      break;
    }
    case 'show':
      renderView(message.view);
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) render(event.data);
});

vscode.postMessage({ type: 'ready' });
