/**
 * The picture with the findings drawn over it, as the page uses it: the parts put together and
 * the pointer and the keyboard wired to them. The parts: the zoomed, scrolling window
 * (`Viewport`), the boxes and what is under the pointer (`Overlay`), the dragged region
 * (`RegionSelector`) and the in-place correction of a word (`WordEditor`). Here: hover (outline
 * and tooltip), click to activate, double-click or F2 to correct, and the picture's keyboard.
 * The list beside the picture is the accessible way through the text; the picture also takes
 * the keyboard (arrows, Enter, F2).
 */
import { boundingBox, type Point, type Region } from '../shared/geometry';
import type { TextLevel } from '../shared/protocol';
import { el } from './dom';
import type { Finding, FindingKind } from './findings';
import { Overlay } from './overlay';
import { RegionSelector } from './regionSelector';
import { Viewport, type ZoomStrings } from './viewport';
import { WordEditor } from './wordEditor';

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

export class Stage {
  private readonly viewport: Viewport;
  private readonly overlay: Overlay;
  private readonly selector: RegionSelector;
  private readonly editor: WordEditor;
  private readonly tooltip = el('div', 'tooltip');
  /** The text finding the keyboard is on (index in the shown level). */
  private cursor = -1;

  constructor(
    width: number,
    height: number,
    imageSrc: string | undefined,
    private readonly events: StageEvents,
    labels: { editWord: string; boxes: string },
    /** Details computed on demand (a word's confidence), not for every shape up front. */
    private readonly describe: (finding: Finding) => string | undefined,
  ) {
    this.viewport = new Viewport(width, height, imageSrc, () => this.editor.close(false));
    this.overlay = new Overlay(width, height, labels.boxes);
    this.selector = new RegionSelector(this.viewport, (region) => events.region(region));
    this.editor = new WordEditor(this.viewport.canvas, labels.editWord, (index, text) => events.edit(index, text), () => this.overlay.element.focus());
    this.overlay.element.append(this.selector.element);
    this.tooltip.hidden = true;
    this.tooltip.setAttribute('role', 'tooltip');
    this.viewport.canvas.append(this.overlay.element, this.tooltip);
    this.listen();
  }

  get element(): HTMLElement {
    return this.viewport.element;
  }

  get zoomLabel(): HTMLElement {
    return this.viewport.zoomLabel;
  }

  /** Lets go of the window's listeners and the resize observer (a new result replaces this stage). */
  dispose(): void {
    this.viewport.dispose();
  }

  /** Draws (once) and shows or hides a layer: a text level, or faces / objects. */
  setLayer(name: string, findings: Finding[], visible: boolean): void {
    const before = this.overlay.level;
    this.overlay.setLayer(name, findings, visible);
    if (this.overlay.level !== before) {
      this.cursor = -1;
      this.mark(undefined);
    }
  }

  /** Redraws the word level after a correction (the lines and blocks holding it are redrawn when shown). */
  updateWords(findings: Finding[]): void {
    this.invalidate('word');
    if (this.overlay.level === 'word') this.setLayer('word', findings, true);
  }

  /** Drops a stale text level (its texts changed after a correction); it is drawn again when shown. */
  invalidate(level: TextLevel): void {
    this.overlay.invalidate(level);
  }

  /** Outlines one finding (from the list's hover), or none. */
  highlight(kind: FindingKind | undefined, index?: number): void {
    this.mark(kind === undefined || index === undefined ? undefined : this.overlay.find(kind, index));
  }

  /** Marks search matches on the picture. */
  setMatches(polygons: ReadonlyArray<readonly Point[]>): void {
    this.overlay.setMatches(polygons);
  }

  /** Scrolls a finding into view (from a click in the list) and outlines it. */
  reveal(kind: FindingKind, index: number): void {
    const finding = this.overlay.find(kind, index);
    this.mark(finding);
    if (finding?.polygon?.length) this.viewport.scrollIntoView(boundingBox(finding.polygon));
  }

  setZoom(zoom: number | 'fit', anchor?: { clientX: number; clientY: number }): void {
    this.viewport.setZoom(zoom, anchor);
  }

  zoomBy(factor: number): void {
    this.viewport.zoomBy(factor);
  }

  /** The toolbar's zoom controls. */
  zoomControls(strings: ZoomStrings): HTMLElement {
    return this.viewport.zoomControls(strings);
  }

  clearRegion(): void {
    this.selector.clear();
  }

  /** An input over the word, at its size; Enter commits, Escape (or losing focus) cancels. */
  openEditor(finding: Finding): void {
    this.editor.open(finding, this.viewport.scale);
  }

  /** The tooltip goes with the outline: hidden whenever nothing is outlined. */
  private mark(finding: Finding | undefined): void {
    if (!this.overlay.mark(finding)) this.tooltip.hidden = true;
  }

  private findingAt(event: MouseEvent): Finding | undefined {
    return this.overlay.findingAt(this.viewport.toPicture(event), event.target);
  }

  private listen(): void {
    const overlay = this.overlay.element;
    overlay.addEventListener('click', (event) => {
      if (this.selector.dragged) return;
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
      if (finding !== this.overlay.marked) this.show(finding);
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
    const scale = this.viewport.scale;
    this.tooltip.style.left = `${b.x * scale}px`;
    this.tooltip.style.top = `${(b.y + b.height) * scale + 4}px`;
    this.tooltip.hidden = false;
  }

  /**
   * The picture's keyboard: arrows step through the shown text level (or the faces and objects
   * when there is no text), Enter copies, F2 corrects a word. The list beside it offers the same.
   */
  private onKey(event: KeyboardEvent): void {
    const findings = this.overlay.keyboardFindings();
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
}
