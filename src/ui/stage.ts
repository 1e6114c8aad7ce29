/**
 * The picture with the findings drawn over it: zoom (wheel, buttons, fit, 100 %), pan (scroll
 * bars, middle button or Space + drag), a rectangle dragged with the left button to select a
 * region, and in-place correction of a word. The overlay is an SVG whose viewBox is the
 * original's pixels, stretched over the <img> (the file or its display copy) — so the boxes stay
 * on their words at every zoom and size without recomputing a coordinate.
 */
import type { Region } from '../shared/protocol';
import { button, el, points, svg } from './dom';
import type { Finding, FindingKind } from './findings';

export interface StageEvents {
  /** A finding was clicked or activated with Enter. */
  activate(finding: Finding): void;
  /** The pointer entered (finding) or left (undefined) a finding. */
  hover(finding: Finding | undefined): void;
  /** A region was selected (or cleared). */
  region(region: Region | undefined): void;
  /** A word's correction was committed. */
  edit(index: number, text: string): void;
}

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 16;

export class Stage {
  readonly element = el('div', 'viewport');
  private readonly canvas = el('div', 'canvas');
  private readonly overlay = svg('svg', { class: 'overlay', preserveAspectRatio: 'none' });
  private readonly tooltip = el('div', 'tooltip');
  private readonly layers = new Map<string, SVGGElement>();
  private readonly findings = new Map<string, Finding>();
  private readonly selection = svg('rect', { class: 'selection' });
  private zoom: number | 'fit' = 'fit';
  private scale = 1;
  private highlighted: Element | undefined;
  private editor: HTMLInputElement | undefined;
  private spaceDown = false;
  /** Set by a drag so that the click which ends it does not also copy a word. */
  private dragged = false;
  readonly zoomLabel = el('span', 'zoom-label');

  constructor(
    private readonly width: number,
    private readonly height: number,
    imageSrc: string | undefined,
    private readonly events: StageEvents,
    private readonly editLabel: string,
  ) {
    this.overlay.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.overlay.appendChild(this.selection);
    this.selection.setAttribute('visibility', 'hidden');
    if (imageSrc) {
      const image = el('img');
      image.src = imageSrc;
      image.alt = '';
      image.draggable = false;
      this.canvas.appendChild(image);
    } else {
      this.canvas.classList.add('no-image');
    }
    this.tooltip.hidden = true;
    this.tooltip.setAttribute('role', 'tooltip');
    this.canvas.append(this.overlay, this.tooltip);
    this.element.appendChild(this.canvas);
    this.element.tabIndex = -1;
    this.listen();
    new ResizeObserver(() => {
      if (this.zoom === 'fit') this.applyZoom();
    }).observe(this.element);
  }

  /** Draws (once) and shows a layer of findings; `exclusive` hides the other text levels. */
  setLayer(name: string, findings: Finding[], visible: boolean): void {
    let layer = this.layers.get(name);
    if (!layer && visible) {
      layer = this.drawLayer(name, findings);
      this.layers.set(name, layer);
    }
    if (layer) layer.style.display = visible ? '' : 'none';
  }

  private drawLayer(name: string, findings: Finding[]): SVGGElement {
    const layer = svg('g', { class: `layer layer-${name}` });
    // One fragment, plain attributes, delegated listeners: thousands of shapes paint in one go.
    const fragment = document.createDocumentFragment();
    let first = true;
    for (const finding of findings) {
      if (!finding.polygon || finding.polygon.length < 2) continue;
      const key = `${finding.kind}:${finding.index}`;
      this.findings.set(key, finding);
      const shape = svg('polygon', { points: points(finding.polygon), class: this.shapeClass(finding), 'data-key': key, role: 'button' });
      shape.setAttribute('aria-label', finding.detail ? `${finding.text}, ${finding.detail}` : finding.text);
      // Roving focus: one tab stop per layer; arrow keys move between shapes.
      if (first) shape.setAttribute('tabindex', '0');
      first = false;
      fragment.appendChild(shape);
      if (finding.kind === 'face') this.drawFaceExtras(fragment, finding);
    }
    layer.appendChild(fragment);
    this.overlay.insertBefore(layer, this.selection);
    return layer;
  }

  private shapeClass(finding: Finding): string {
    const classes = ['shape', finding.kind];
    if (finding.low) classes.push('low');
    if (finding.edited) classes.push('edited');
    return classes.join(' ');
  }

  /** Landmarks as dots, and the person's name (or "Face n") above the box. */
  private drawFaceExtras(fragment: DocumentFragment, finding: Finding): void {
    const xs = finding.polygon!.map((p) => p.x);
    const ys = finding.polygon!.map((p) => p.y);
    const size = Math.max(...xs) - Math.min(...xs);
    for (const mark of finding.landmarks ?? []) fragment.appendChild(svg('circle', { cx: mark.x, cy: mark.y, r: Math.max(1.5, size / 80), class: 'landmark' }));
    const tag = svg('text', { x: Math.min(...xs), y: Math.max(0, Math.min(...ys) - size / 30), class: 'face-tag', 'font-size': Math.max(10, size / 8) });
    tag.textContent = finding.text;
    fragment.appendChild(tag);
  }

  /** Marks one finding's shape (from the list's hover), or none. */
  highlight(kind: FindingKind | undefined, index?: number): void {
    this.highlighted?.classList.remove('highlight');
    this.highlighted = kind === undefined ? undefined : (this.overlay.querySelector(`[data-key="${kind}:${index}"]`) ?? undefined);
    this.highlighted?.classList.add('highlight');
  }

  /** Scrolls a finding's shape into view (from a click in the list) and marks it. */
  reveal(kind: FindingKind, index: number): void {
    this.highlight(kind, index);
    const shape = this.highlighted as SVGGraphicsElement | undefined;
    if (!shape) return;
    const box = shape.getBoundingClientRect();
    const view = this.element.getBoundingClientRect();
    if (box.left < view.left || box.right > view.right || box.top < view.top || box.bottom > view.bottom) {
      this.element.scrollBy({ left: box.left + box.width / 2 - (view.left + view.width / 2), top: box.top + box.height / 2 - (view.top + view.height / 2) });
    }
  }

  /** Updates one word after a correction. */
  updateFinding(finding: Finding): void {
    const key = `${finding.kind}:${finding.index}`;
    this.findings.set(key, finding);
    const shape = this.overlay.querySelector(`[data-key="${key}"]`);
    if (!shape) return;
    shape.setAttribute('class', this.shapeClass(finding) + (shape === this.highlighted ? ' highlight' : ''));
    shape.setAttribute('aria-label', finding.detail ? `${finding.text}, ${finding.detail}` : finding.text);
  }

  /** Drops stale layers (a text level whose texts changed after a correction). */
  invalidate(name: string): void {
    this.layers.get(name)?.remove();
    this.layers.delete(name);
  }

  setZoom(zoom: number | 'fit', anchor?: { clientX: number; clientY: number }): void {
    const view = this.element.getBoundingClientRect();
    const ax = anchor ? anchor.clientX - view.left : view.width / 2;
    const ay = anchor ? anchor.clientY - view.top : view.height / 2;
    // The picture point under the anchor stays under it.
    const px = (this.element.scrollLeft + ax) / this.scale;
    const py = (this.element.scrollTop + ay) / this.scale;
    this.zoom = zoom === 'fit' ? 'fit' : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    this.applyZoom();
    if (zoom !== 'fit') {
      this.element.scrollLeft = px * this.scale - ax;
      this.element.scrollTop = py * this.scale - ay;
    }
  }

  zoomBy(factor: number): void {
    this.setZoom(this.scale * factor);
  }

  private applyZoom(): void {
    if (this.zoom === 'fit') {
      const box = this.element.getBoundingClientRect();
      const fit = Math.min((box.width - 2) / this.width, (box.height - 2) / this.height);
      this.scale = Number.isFinite(fit) && fit > 0 ? Math.min(1, fit) : 1;
    } else {
      this.scale = this.zoom;
    }
    this.canvas.style.width = `${Math.max(1, Math.round(this.width * this.scale))}px`;
    this.canvas.style.height = `${Math.max(1, Math.round(this.height * this.scale))}px`;
    this.zoomLabel.textContent = `${Math.round(this.scale * 100)} %`;
    this.closeEditor(false);
  }

  /** Picture pixels under a pointer event. */
  private toPicture(event: MouseEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * this.width, y: ((event.clientY - box.top) / box.height) * this.height };
  }

  private findingOf(target: EventTarget | null): Finding | undefined {
    const shape = target instanceof Element ? target.closest('[data-key]') : null;
    return shape ? this.findings.get(shape.getAttribute('data-key') ?? '') : undefined;
  }

  clearRegion(): void {
    this.selection.setAttribute('visibility', 'hidden');
    this.events.region(undefined);
  }

  private listen(): void {
    const overlay = this.overlay;
    this.element.addEventListener(
      'wheel',
      (event) => {
        if (event.shiftKey) return; // Shift + wheel scrolls sideways, as everywhere
        event.preventDefault();
        this.setZoom(this.scale * Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event);
      },
      { passive: false },
    );
    window.addEventListener('keydown', (event) => {
      if (event.key === ' ' && event.target === document.body) this.spaceDown = true;
    });
    window.addEventListener('keyup', (event) => {
      if (event.key === ' ') this.spaceDown = false;
    });
    this.element.addEventListener('mousedown', (event) => {
      if (event.target instanceof HTMLInputElement) return;
      this.dragged = false;
      if (event.button === 1 || (event.button === 0 && this.spaceDown)) this.pan(event);
      else if (event.button === 0) this.select(event);
    });
    overlay.addEventListener('click', (event) => {
      if (this.dragged) return;
      const finding = this.findingOf(event.target);
      if (finding) this.events.activate(finding);
    });
    overlay.addEventListener('dblclick', (event) => {
      const finding = this.findingOf(event.target);
      if (finding?.kind === 'word') this.openEditor(finding);
    });
    overlay.addEventListener('keydown', (event) => {
      const finding = this.findingOf(event.target);
      if (!finding) return;
      if (event.key === 'Enter') this.events.activate(finding);
      else if (event.key === 'F2' && finding.kind === 'word') this.openEditor(finding);
      else this.moveFocus(event);
    });
    overlay.addEventListener('focusin', (event) => this.hoverShape(event.target));
    overlay.addEventListener('mouseover', (event) => this.hoverShape(event.target));
    overlay.addEventListener('mouseleave', () => {
      this.tooltip.hidden = true;
      this.events.hover(undefined);
    });
  }

  private hoverShape(target: EventTarget | null): void {
    const finding = this.findingOf(target);
    if (!finding || !(target instanceof Element)) return;
    this.tooltip.textContent = finding.detail ? `${finding.text}\n${finding.detail}` : finding.text;
    const box = target.getBoundingClientRect();
    const stage = this.canvas.getBoundingClientRect();
    this.tooltip.style.left = `${box.left - stage.left}px`;
    this.tooltip.style.top = `${box.bottom - stage.top + 4}px`;
    this.tooltip.hidden = false;
    this.events.hover(finding);
  }

  /** Arrow keys move the single tab stop from shape to shape within a layer. */
  private moveFocus(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    const current = event.target as SVGElement;
    if (step === 0) return;
    let next = step > 0 ? current.nextElementSibling : current.previousElementSibling;
    while (next && !next.hasAttribute('data-key')) next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
    if (!next) return;
    event.preventDefault();
    current.removeAttribute('tabindex');
    next.setAttribute('tabindex', '0');
    (next as SVGElement).focus();
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

  /** A left-button drag draws the selection; a drag of less than 4 screen pixels is a click. */
  private select(start: MouseEvent): void {
    const from = this.toPicture(start);
    const origin = { x: start.clientX, y: start.clientY };
    let region: Region | undefined;
    const move = (event: MouseEvent) => {
      if (!this.dragged && Math.hypot(event.clientX - origin.x, event.clientY - origin.y) < 4) return;
      if (!this.dragged) start.preventDefault();
      this.dragged = true;
      const to = this.toPicture(event);
      const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
      const x1 = clamp(Math.min(from.x, to.x), this.width), x2 = clamp(Math.max(from.x, to.x), this.width);
      const y1 = clamp(Math.min(from.y, to.y), this.height), y2 = clamp(Math.max(from.y, to.y), this.height);
      region = { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
      for (const [name, value] of Object.entries(region)) this.selection.setAttribute(name, String(value));
      this.selection.setAttribute('visibility', 'visible');
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      if (region) this.events.region(region);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  /** An input over the word, at its size; Enter commits, Escape (or losing focus) cancels. */
  openEditor(finding: Finding): void {
    this.closeEditor(false);
    const xs = finding.polygon!.map((p) => p.x);
    const ys = finding.polygon!.map((p) => p.y);
    const input = el('input', 'word-editor');
    input.value = finding.text;
    input.setAttribute('aria-label', this.editLabel);
    input.title = this.editLabel;
    const height = (Math.max(...ys) - Math.min(...ys)) * this.scale;
    Object.assign(input.style, {
      left: `${Math.min(...xs) * this.scale}px`,
      top: `${Math.min(...ys) * this.scale}px`,
      minWidth: `${Math.max(40, (Math.max(...xs) - Math.min(...xs)) * this.scale)}px`,
      height: `${Math.max(18, height)}px`,
      fontSize: `${Math.max(11, Math.min(40, height * 0.7))}px`,
    });
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') {
        const text = input.value;
        this.closeEditor(true);
        this.events.edit(finding.index, text);
      } else if (event.key === 'Escape') {
        this.closeEditor(true);
      }
    });
    input.addEventListener('blur', () => this.closeEditor(false));
    this.editor = input;
    this.canvas.appendChild(input);
    input.focus();
    input.select();
  }

  private closeEditor(refocus: boolean): void {
    const editor = this.editor;
    if (!editor) return;
    this.editor = undefined;
    editor.remove();
    if (refocus) this.overlay.querySelector<SVGElement>('[tabindex="0"]')?.focus();
  }

  /** The toolbar's zoom controls. */
  zoomControls(strings: { zoomIn: string; zoomOut: string; zoomFit: string; zoomActual: string }): HTMLElement {
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
}
