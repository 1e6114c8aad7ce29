/**
 * The findings drawn over the picture, and which one is under a point. An SVG whose viewBox is
 * the original's pixels, stretched over the picture, so the boxes stay on their words at every
 * zoom without recomputing a coordinate.
 *
 * Text boxes (thousands) are not an element each: a text level is three <path>s (normal,
 * doubtful, corrected), and the box under the pointer is found with a grid index. That paints
 * 5,000 boxes several times faster than 5,000 shapes. Faces and objects (a few) are shapes of
 * their own, with their names for screen readers.
 */
import { boundingBox, type Point, type Polygon } from '../shared/geometry';
import { HitGrid } from '../shared/hitGrid';
import type { TextLevel } from '../shared/protocol';
import { points, svg } from './dom';
import type { Finding, FindingKind } from './findings';

export class Overlay {
  readonly element = svg('svg', { class: 'overlay', preserveAspectRatio: 'none' });
  private readonly layers = new Map<string, SVGGElement>();
  /** Faces' and objects' shapes ↔ their findings. */
  private readonly owner = new WeakMap<Element, Finding>();
  private readonly shapes = new Map<FindingKind, Array<SVGElement | undefined>>();
  /** Per drawn text level: its findings and their grid. */
  private readonly texts = new Map<TextLevel, { findings: Finding[]; grid: HitGrid }>();
  private shownLevel: TextLevel | undefined;
  /** The one outline drawn over the finding the pointer, the keyboard or the list is on. */
  private readonly marker = svg('polygon', { class: 'marker', visibility: 'hidden' });
  private markedFinding: Finding | undefined;

  constructor(
    private readonly width: number,
    private readonly height: number,
    label: string,
  ) {
    this.element.setAttribute('viewBox', `0 0 ${width} ${height}`);
    // The picture takes the keyboard too (arrows, Enter, F2), as a group of boxes.
    this.element.setAttribute('tabindex', '0');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', label);
    this.element.append(this.marker);
  }

  /** The text level shown (the one the pointer and keyboard reach). */
  get level(): TextLevel | undefined {
    return this.shownLevel;
  }

  /** The finding outlined. */
  get marked(): Finding | undefined {
    return this.markedFinding;
  }

  /** Draws (once) and shows or hides a layer: a text level, or faces / objects. */
  setLayer(name: string, findings: Finding[], visible: boolean): void {
    let layer = this.layers.get(name);
    if (!layer && visible) {
      layer = isTextLevel(name) ? this.drawText(name, findings) : this.drawShapes(name, findings);
      this.layers.set(name, layer);
    }
    if (layer) layer.style.display = visible ? '' : 'none';
    if (visible && isTextLevel(name)) this.shownLevel = name;
  }

  /** Drops a stale text level (its texts changed after a correction); it is drawn again when shown. */
  invalidate(level: TextLevel): void {
    this.layers.get(level)?.remove();
    this.layers.delete(level);
    this.texts.delete(level);
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
    this.element.insertBefore(layer, this.marker);
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
      if (finding.kind === 'face') drawFaceExtras(fragment, finding, finding.polygon);
    }
    layer.appendChild(fragment);
    this.element.insertBefore(layer, this.marker);
    return layer;
  }

  private slot(kind: FindingKind): Array<SVGElement | undefined> {
    let shapes = this.shapes.get(kind);
    if (!shapes) this.shapes.set(kind, (shapes = []));
    return shapes;
  }

  /** A drawn finding by its key (`undefined` when its layer is not drawn, or it has no outline). */
  find(kind: FindingKind, index: number): Finding | undefined {
    if (isTextLevel(kind)) return this.texts.get(kind)?.findings[index];
    const shape = this.shapes.get(kind)?.[index];
    return shape ? this.owner.get(shape) : undefined;
  }

  /**
   * The finding at a picture point: the smallest box of the shown text level there, else the face's
   * or object's shape the pointer event went to (`target`).
   */
  findingAt(point: Point, target: EventTarget | null): Finding | undefined {
    // Text first: a word inside a face's or an object's box must stay reachable.
    const text = this.shownLevel ? this.texts.get(this.shownLevel) : undefined;
    const index = text?.grid.at(point);
    if (index !== undefined) return text!.findings[index];
    return target instanceof Element ? this.owner.get(target) : undefined;
  }

  /** What the keyboard steps through: the shown text level, or the faces and objects when there is no text. */
  keyboardFindings(): Finding[] {
    const text = this.shownLevel ? this.texts.get(this.shownLevel) : undefined;
    if (text?.findings.length) return text.findings;
    return [...(this.shapes.get('face') ?? []), ...(this.shapes.get('label') ?? [])].flatMap((s) => (s ? [this.owner.get(s)!] : []));
  }

  /** Fills the given outlines as search matches (one path, under the marker), or removes them. */
  setMatches(polygons: ReadonlyArray<readonly Point[]>): void {
    this.element.querySelector('.matches')?.remove();
    const d = polygons.filter((p) => p.length >= 2).map(outlinePath).join('');
    if (d) this.element.insertBefore(svg('path', { d, class: 'matches' }), this.marker);
  }

  /** Outlines a finding, or none; false when nothing is outlined (no finding, or no outline to draw). */
  mark(finding: Finding | undefined): boolean {
    this.markedFinding = finding;
    if (!finding?.polygon || finding.polygon.length < 2) {
      this.marker.setAttribute('visibility', 'hidden');
      return false;
    }
    this.marker.setAttribute('points', points(finding.polygon));
    this.marker.setAttribute('visibility', 'visible');
    return true;
  }
}

function isTextLevel(name: string): name is TextLevel {
  return name === 'word' || name === 'line' || name === 'block';
}

/** `M x,y L x,y … Z` for one outline. */
function outlinePath(polygon: readonly Point[]): string {
  let d = `M${polygon[0]!.x},${polygon[0]!.y}`;
  for (let i = 1; i < polygon.length; i++) d += `L${polygon[i]!.x},${polygon[i]!.y}`;
  return `${d}Z`;
}

/** A face's landmarks as dots, and the person's name (or "Face n") above its box, sized to the face. */
function drawFaceExtras(fragment: DocumentFragment, finding: Finding, polygon: Polygon): void {
  const b = boundingBox(polygon);
  const size = b.width;
  for (const mark of finding.landmarks ?? []) fragment.appendChild(svg('circle', { cx: mark.x, cy: mark.y, r: Math.max(1.5, size / 80), class: 'landmark' }));
  const tag = svg('text', { x: b.x, y: Math.max(0, b.y - size / 30), class: 'face-tag', 'font-size': Math.max(10, size / 8) });
  tag.textContent = finding.text;
  fragment.appendChild(tag);
}
