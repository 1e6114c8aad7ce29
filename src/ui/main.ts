/**
 * The results webview's front-end entry (bundled to dist/webview.js): the image with every word
 * boxed over it; a click on a box copies the word. Every untrusted string reaches the DOM via
 * textContent or attribute setters, never as markup.
 */
import { assertNever, isHostMessage, type HostMessage, type ViewModel, type WebviewMessage } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

/** Index of the word a DOM event is about, from the box's data-index. */
function wordIndex(target: EventTarget | null): number | undefined {
  const rect = target instanceof Element ? target.closest('rect.word') : null;
  const index = rect ? Number(rect.getAttribute('data-index')) : NaN;
  return Number.isInteger(index) ? index : undefined;
}

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
  // One fragment, plain attributes, and delegated listeners: thousands of boxes paint in one go.
  const boxes = document.createDocumentFragment();
  view.words.forEach((word, index) => {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', word.confidence !== undefined && word.confidence < 0.6 ? 'word low' : 'word');
    rect.setAttribute('x', String(word.x));
    rect.setAttribute('y', String(word.y));
    rect.setAttribute('width', String(word.width));
    rect.setAttribute('height', String(word.height));
    rect.setAttribute('data-index', String(index));
    rect.setAttribute('role', 'button');
    rect.setAttribute('aria-label', word.text);
    // Roving focus: one tab stop for all boxes; arrow keys move between them.
    if (index === 0) rect.setAttribute('tabindex', '0');
    boxes.appendChild(rect);
  });
  overlay.appendChild(boxes);
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.hidden = true;
  const copy = (index: number | undefined) => {
    if (index !== undefined) vscode.postMessage({ type: 'copyWord', index });
  };
  overlay.addEventListener('click', (event) => copy(wordIndex(event.target)));
  overlay.addEventListener('keydown', (event) => {
    const index = wordIndex(event.target);
    if (index === undefined) return;
    if (event.key === 'Enter') copy(index);
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    const next = overlay.querySelector(`rect.word[data-index="${index + step}"]`);
    if (step === 0 || !next) return;
    event.preventDefault();
    (event.target as Element).removeAttribute('tabindex');
    next.setAttribute('tabindex', '0');
    (next as SVGElement).focus();
  });
  overlay.addEventListener('mouseover', (event) => {
    const index = wordIndex(event.target);
    const word = index === undefined ? undefined : view.words[index];
    if (!word) return;
    tooltip.textContent = word.confidence === undefined ? word.text : `${word.text} (${Math.round(word.confidence * 100)} %)`;
    const box = (event.target as Element).getBoundingClientRect();
    const stageBox = stage.getBoundingClientRect();
    tooltip.style.left = `${box.left - stageBox.left}px`;
    tooltip.style.top = `${box.bottom - stageBox.top + 4}px`;
    tooltip.hidden = false;
  });
  overlay.addEventListener('mouseleave', () => (tooltip.hidden = true));
  stage.append(image, overlay, tooltip);
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
