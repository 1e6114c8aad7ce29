/**
 * The scrolling window onto the picture: zoom (wheel, buttons, fit, 1:1) and pan (scroll bars,
 * middle button, Space + drag). Zooming only resizes the canvas; what is drawn on it (the <img>
 * and the overlay, whose viewBox is the original's pixels) stretches with it, so nothing is
 * recomputed per zoom. Everything else maps between the pointer and picture pixels through
 * `toPicture` and `scale`.
 */
import type { Point, Region } from '../shared/geometry';
import { button, el } from './dom';

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 16;

export interface ZoomStrings {
  zoomIn: string;
  zoomOut: string;
  zoomFit: string;
  zoomActual: string;
}

export class Viewport {
  readonly element = el('div', 'viewport');
  /** Sized to the picture at the current zoom; holds the picture and whatever is drawn over it. */
  readonly canvas = el('div', 'canvas');
  readonly zoomLabel = el('span', 'zoom-label');
  private zoom: number | 'fit' = 'fit';
  private currentScale = 1;
  private spaceDown = false;
  // At "fit", the picture follows the panel's size.
  private readonly resizes = new ResizeObserver(() => {
    if (this.zoom === 'fit') this.applyZoom();
  });
  private readonly windowListeners = new AbortController();

  constructor(
    /** The picture's size in original pixels (the overlay's coordinates). */
    readonly width: number,
    readonly height: number,
    imageSrc: string | undefined,
    /** After every change of scale: whatever is placed in screen pixels (the word editor) is stale. */
    private readonly onZoom: () => void,
  ) {
    if (imageSrc) {
      const image = el('img');
      image.alt = '';
      image.draggable = false;
      // Marked for the tests and styles: a picture that did not decode leaves the boxes on a blank canvas.
      image.addEventListener('load', () => image.classList.add('picture-loaded'), { once: true });
      image.addEventListener('error', () => image.classList.add('picture-broken'), { once: true });
      image.src = imageSrc;
      this.canvas.appendChild(image);
    } else {
      this.canvas.classList.add('no-image');
    }
    this.element.appendChild(this.canvas);
    this.element.tabIndex = -1;
    this.listen();
    this.resizes.observe(this.element);
  }

  /** Screen pixels per picture pixel. */
  get scale(): number {
    return this.currentScale;
  }

  /** Lets go of the window's listeners and the resize observer. */
  dispose(): void {
    this.resizes.disconnect();
    this.windowListeners.abort();
  }

  setZoom(zoom: number | 'fit', anchor?: { clientX: number; clientY: number }): void {
    const view = this.element.getBoundingClientRect();
    const ax = anchor ? anchor.clientX - view.left : view.width / 2;
    const ay = anchor ? anchor.clientY - view.top : view.height / 2;
    // The picture point under the anchor stays under it.
    const px = (this.element.scrollLeft + ax) / this.currentScale;
    const py = (this.element.scrollTop + ay) / this.currentScale;
    this.zoom = zoom === 'fit' ? 'fit' : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    this.applyZoom();
    if (zoom !== 'fit') {
      this.element.scrollLeft = px * this.currentScale - ax;
      this.element.scrollTop = py * this.currentScale - ay;
    }
  }

  zoomBy(factor: number): void {
    this.setZoom(this.currentScale * factor);
  }

  private applyZoom(): void {
    if (this.zoom === 'fit') {
      const box = this.element.getBoundingClientRect();
      const fit = Math.min((box.width - 2) / this.width, (box.height - 2) / this.height);
      // Fit shrinks a large picture but never blows up a small one.
      this.currentScale = Number.isFinite(fit) && fit > 0 ? Math.min(1, fit) : 1;
    } else {
      this.currentScale = this.zoom;
    }
    this.canvas.style.width = `${Math.max(1, Math.round(this.width * this.currentScale))}px`;
    this.canvas.style.height = `${Math.max(1, Math.round(this.height * this.currentScale))}px`;
    this.zoomLabel.textContent = `${Math.round(this.currentScale * 100)} %`;
    this.onZoom();
  }

  /** The toolbar's zoom controls. */
  zoomControls(strings: ZoomStrings): HTMLElement {
    const group = el('div', 'group');
    group.setAttribute('role', 'group');
    group.append(
      button(strings.zoomOut, () => this.zoomBy(1 / 1.25), { glyph: '−' }),
      this.zoomLabel,
      button(strings.zoomIn, () => this.zoomBy(1.25), { glyph: '+' }),
      button(strings.zoomFit, () => this.setZoom('fit'), { glyph: '⤢' }),
      button(strings.zoomActual, () => this.setZoom(1), { glyph: '1:1' }),
    );
    return group;
  }

  /** Picture pixels under a pointer event. */
  toPicture(event: MouseEvent): Point {
    const box = this.canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * this.width, y: ((event.clientY - box.top) / box.height) * this.height };
  }

  /** Scrolls so that a rectangle of the picture is centred, unless it is wholly in view already. */
  scrollIntoView(b: Region): void {
    const view = { left: this.element.scrollLeft, top: this.element.scrollTop, width: this.element.clientWidth, height: this.element.clientHeight };
    const x = this.canvas.offsetLeft + b.x * this.currentScale;
    const y = this.canvas.offsetTop + b.y * this.currentScale;
    const w = b.width * this.currentScale;
    const h = b.height * this.currentScale;
    if (x < view.left || x + w > view.left + view.width || y < view.top || y + h > view.top + view.height) {
      this.element.scrollTo({ left: x + w / 2 - view.width / 2, top: y + h / 2 - view.height / 2 });
    }
  }

  /** Whether a press pans (middle button, or left with Space held) rather than being the page's. */
  isPan(event: MouseEvent): boolean {
    return event.button === 1 || (event.button === 0 && this.spaceDown);
  }

  private listen(): void {
    this.element.addEventListener(
      'wheel',
      (event) => {
        if (event.shiftKey) return; // Shift + wheel scrolls sideways, as everywhere
        event.preventDefault();
        this.setZoom(this.currentScale * Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event);
      },
      { passive: false },
    );
    // Space pans only while nothing has the keys: typed into the word editor or the JSON search it is a space.
    const { signal } = this.windowListeners;
    window.addEventListener('keydown', (event) => {
      if (event.key === ' ' && event.target === document.body) this.spaceDown = true;
    }, { signal });
    window.addEventListener('keyup', (event) => {
      if (event.key === ' ') this.spaceDown = false;
    }, { signal });
    this.element.addEventListener('mousedown', (event) => {
      // A press in the word editor is the editor's (placing the caret, selecting).
      if (event.target instanceof HTMLInputElement) return;
      if (this.isPan(event)) this.pan(event);
    });
  }

  private pan(start: MouseEvent): void {
    start.preventDefault();
    const origin = { x: start.clientX, y: start.clientY, left: this.element.scrollLeft, top: this.element.scrollTop };
    this.element.classList.add('panning');
    const move = (event: MouseEvent) => {
      this.element.scrollLeft = origin.left - (event.clientX - origin.x);
      this.element.scrollTop = origin.top - (event.clientY - origin.y);
    };
    const up = () => {
      this.element.classList.remove('panning');
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }
}
