/**
 * The picture with the findings drawn over it: zoom (wheel, buttons, fit, 100 %), pan (scroll
 * bars, middle button or Space + drag), a rectangle dragged with the left button to select a
 * region, and in-place correction of a word. The overlay is an SVG whose viewBox is the
 * original's pixels, stretched over the <img> (the file or its display copy) — so the boxes stay
 * on their words at every zoom and size without recomputing a coordinate.
 *
 * Text boxes (thousands) are not an element each: a text level is three <path>s (normal,
 * doubtful, corrected), and the box under the pointer is found with a grid index. That paints
 * 5,000 boxes several times faster than 5,000 shapes. Faces and objects (a few) are shapes of
 * their own, with their names for screen readers. The list beside the picture is the accessible
 * way through the text; the picture also takes the keyboard (arrows, Enter, F2).
 */
import { boundingBox } from '../shared/geometry';
import { HitGrid } from '../shared/hitGrid';
import type { Region } from '../shared/geometry';
import type { TextLevel } from '../shared/protocol';
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
  /** Faces' and objects' shapes ↔ their findings. */
  private readonly owner = new WeakMap<Element, Finding>();
  private readonly shapes = new Map<FindingKind, Array<SVGElement | undefined>>();
  /** Per drawn text level: its findings and their grid. */
  private readonly texts = new Map<TextLevel, { findings: Finding[]; grid: HitGrid }>();
  /** The text level shown (the one the pointer and keyboard reach). */
  private level: TextLevel | undefined;
  /** The one outline drawn over the finding the pointer, the keyboard or the list is on. */
  private readonly marker = svg('polygon', { class: 'marker', visibility: 'hidden' });
  private marked: Finding | undefined;
  /** The text finding the keyboard is on (index in the shown level). */
  private cursor = -1;
  private readonly selection = svg('rect', { class: 'selection' });
  private zoom: number | 'fit' = 'fit';
  private scale = 1;
  private editor: HTMLInputElement | undefined;
  private spaceDown = false;
  /** Set by a drag so that the click which ends it does not also copy a word. */
  private dragged = false;
  readonly zoomLabel = el('span', 'zoom-label');
  private readonly resizes = new ResizeObserver(() => {
    if (this.zoom === 'fit') this.applyZoom();
  });
  private readonly windowListeners = new AbortController();

  constructor(
    private readonly width: number,
    private readonly height: number,
    imageSrc: string | undefined,
    private readonly events: StageEvents,
    private readonly labels: { editWord: string; boxes: string },
    /** Details computed on demand (a word's confidence), not for every shape up front. */
    private readonly describe: (finding: Finding) => string | undefined,
  ) {
    this.overlay.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.overlay.setAttribute('tabindex', '0');
    this.overlay.setAttribute('role', 'group');
    this.overlay.setAttribute('aria-label', labels.boxes);
    this.overlay.append(this.marker, this.selection);
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
    this.resizes.observe(this.element);
  }

  /** Lets go of the window's listeners and the resize observer (a new result replaces this stage). */
  dispose(): void {
    this.resizes.disconnect();
    this.windowListeners.abort();
  }

  /** Draws (once) and shows or hides a layer: a text level, or faces / objects. */
  setLayer(name: string, findings: Finding[], visible: boolean): void {
    let layer = this.layers.get(name);
    if (!layer && visible) {
      layer = isTextLevel(name) ? this.drawText(name, findings) : this.drawShapes(name, findings);
      this.layers.set(name, layer);
    }
    if (layer) layer.style.display = visible ? '' : 'none';
    if (visible && isTextLevel(name) && this.level !== name) {
      this.level = name;
      this.cursor = -1;
      this.mark(undefined);
    }
  }

  /** A text level as three paths: one string each, built in one pass, painted in one go. */
  private drawText(level: TextLevel, findings: Finding[]): SVGGElement {
    const layer = svg('g', { class: `layer layer-${level}`, 'data-count': findings.length });
    const outlines = { normal: '', low: '', edited: '' };
    const polygons = findings.map((finding) => {
      const polygon = finding.polygon && finding.polygon.length >= 2 ? finding.polygon : undefined;
      if (polygon) {
        const kind = finding.edited ? 'edited' : finding.low ? 'low' : 'normal';
        outlines[kind] += outlinePath(polygon);
      }
      return polygon;
    });
    for (const [kind, d] of Object.entries(outlines)) {
      if (d) layer.appendChild(svg('path', { d, class: `boxes ${level}${kind === 'normal' ? '' : ` ${kind}`}` }));
    }
    this.texts.set(level, { findings, grid: new HitGrid(polygons, this.width, this.height) });
    this.overlay.insertBefore(layer, this.marker);
    return layer;
  }

  /** Faces and objects: a shape each, named for screen readers, with a face's landmarks and name. */
  private drawShapes(name: string, findings: Finding[]): SVGGElement {
    const layer = svg('g', { class: `layer layer-${name}` });
    const fragment = document.createDocumentFragment();
    for (const finding of findings) {
      if (!finding.polygon || finding.polygon.length < 2) continue;
      const shape = svg('polygon', { points: points(finding.polygon), class: `shape ${finding.kind}`, role: 'img' });
      shape.setAttribute('aria-label', finding.detail ? `${finding.text}, ${finding.detail}` : finding.text);
      this.owner.set(shape, finding);
      this.slot(finding.kind)[finding.index] = shape;
      fragment.appendChild(shape);
      if (finding.kind === 'face') this.drawFaceExtras(fragment, finding);
    }
    layer.appendChild(fragment);
    this.overlay.insertBefore(layer, this.marker);
    return layer;
  }

  private slot(kind: FindingKind): Array<SVGElement | undefined> {
    let shapes = this.shapes.get(kind);
    if (!shapes) this.shapes.set(kind, (shapes = []));
    return shapes;
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

  /** Outlines one finding (from the list's hover), or none. */
  highlight(kind: FindingKind | undefined, index?: number): void {
    this.mark(kind === undefined || index === undefined ? undefined : this.find(kind, index));
  }

  private find(kind: FindingKind, index: number): Finding | undefined {
    if (isTextLevel(kind)) return this.texts.get(kind)?.findings[index];
    const shape = this.shapes.get(kind)?.[index];
    return shape ? this.owner.get(shape) : undefined;
  }

  private mark(finding: Finding | undefined): void {
    this.marked = finding;
    if (!finding?.polygon || finding.polygon.length < 2) {
      this.marker.setAttribute('visibility', 'hidden');
      this.tooltip.hidden = true;
      return;
    }
    this.marker.setAttribute('points', points(finding.polygon));
    this.marker.setAttribute('visibility', 'visible');
  }

  /** Scrolls a finding into view (from a click in the list) and outlines it. */
  reveal(kind: FindingKind, index: number): void {
    const finding = this.find(kind, index);
    this.mark(finding);
    if (!finding?.polygon?.length) return;
    const b = boundingBox(finding.polygon);
    const view = { left: this.element.scrollLeft, top: this.element.scrollTop, width: this.element.clientWidth, height: this.element.clientHeight };
    const x = this.canvas.offsetLeft + b.x * this.scale;
    const y = this.canvas.offsetTop + b.y * this.scale;
    const w = b.width * this.scale;
    const h = b.height * this.scale;
    if (x < view.left || x + w > view.left + view.width || y < view.top || y + h > view.top + view.height) {
      this.element.scrollTo({ left: x + w / 2 - view.width / 2, top: y + h / 2 - view.height / 2 });
    }
  }

  /** Redraws the word level after a correction (the lines and blocks holding it are redrawn when shown). */
  updateWords(findings: Finding[]): void {
    this.invalidate('word');
    if (this.level === 'word') this.setLayer('word', findings, true);
  }

  /** Drops a stale text level (its texts changed after a correction); it is drawn again when shown. */
  invalidate(level: TextLevel): void {
    this.layers.get(level)?.remove();
    this.layers.delete(level);
    this.texts.delete(level);
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

  /** The finding under a pointer event: the smallest text box there, else a face's or object's shape. */
  private findingAt(event: MouseEvent): Finding | undefined {
    // Text first: a word inside a face's or an object's box must stay reachable.
    const text = this.level ? this.texts.get(this.level) : undefined;
    const index = text?.grid.at(this.toPicture(event));
    if (index !== undefined) return text!.findings[index];
    return event.target instanceof Element ? this.owner.get(event.target) : undefined;
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
    const { signal } = this.windowListeners;
    window.addEventListener('keydown', (event) => {
      if (event.key === ' ' && event.target === document.body) this.spaceDown = true;
    }, { signal });
    window.addEventListener('keyup', (event) => {
      if (event.key === ' ') this.spaceDown = false;
    }, { signal });
    this.element.addEventListener('mousedown', (event) => {
      if (event.target instanceof HTMLInputElement) return;
      this.dragged = false;
      if (event.button === 1 || (event.button === 0 && this.spaceDown)) this.pan(event);
      else if (event.button === 0) this.select(event);
    });
    overlay.addEventListener('click', (event) => {
      if (this.dragged) return;
      const finding = this.findingAt(event);
      if (finding) this.events.activate(finding);
    });
    overlay.addEventListener('dblclick', (event) => {
      const finding = this.findingAt(event);
      if (finding?.kind === 'word') this.openEditor(finding);
    });
    overlay.addEventListener('keydown', (event) => this.onKey(event));
    // A grid lookup per move costs microseconds; the page changes only when the finding does.
    overlay.addEventListener('mousemove', (event) => {
      const finding = this.findingAt(event);
      if (finding !== this.marked) this.show(finding);
    });
    overlay.addEventListener('mouseleave', () => this.show(undefined));
  }

  /** Outlines a finding and shows its text and details beside it (or hides both). */
  private show(finding: Finding | undefined): void {
    this.mark(finding);
    this.events.hover(finding);
    if (!finding?.polygon?.length) return;
    const detail = finding.detail ?? this.describe(finding);
    this.tooltip.textContent = detail ? `${finding.text}\n${detail}` : finding.text;
    const b = boundingBox(finding.polygon);
    this.tooltip.style.left = `${b.x * this.scale}px`;
    this.tooltip.style.top = `${(b.y + b.height) * this.scale + 4}px`;
    this.tooltip.hidden = false;
  }

  /**
   * The picture's keyboard: arrows step through the shown text level (or the faces and objects
   * when there is no text), Enter copies, F2 corrects a word. The list beside it offers the same.
   */
  private onKey(event: KeyboardEvent): void {
    const text = this.level ? this.texts.get(this.level) : undefined;
    const findings = text?.findings.length ? text.findings : [...(this.shapes.get('face') ?? []), ...(this.shapes.get('label') ?? [])].flatMap((s) => (s ? [this.owner.get(s)!] : []));
    const current = findings[this.cursor];
    if (event.key === 'Enter' && current) this.events.activate(current);
    else if (event.key === 'F2' && current?.kind === 'word') this.openEditor(current);
    else {
      const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
      if (step === 0 || findings.length === 0) return;
      this.cursor = Math.max(0, Math.min(findings.length - 1, this.cursor + step));
      this.reveal(findings[this.cursor]!.kind, findings[this.cursor]!.index);
      this.show(findings[this.cursor]);
    }
    event.preventDefault();
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
    input.setAttribute('aria-label', this.labels.editWord);
    input.title = this.labels.editWord;
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
    if (refocus) this.overlay.focus();
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


function isTextLevel(name: string): name is TextLevel {
  return name === 'word' || name === 'line' || name === 'block';
}

/** `M x,y L x,y … Z` for one outline. */
function outlinePath(polygon: ReadonlyArray<{ x: number; y: number }>): string {
  let d = `M${polygon[0]!.x},${polygon[0]!.y}`;
  for (let i = 1; i < polygon.length; i++) d += `L${polygon[i]!.x},${polygon[i]!.y}`;
  return `${d}Z`;
}

