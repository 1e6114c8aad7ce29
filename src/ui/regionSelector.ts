/**
 * A rectangle dragged with the left button over the picture selects a region (whose words the
 * toolbar's actions then take). Drawn as one SVG rect in picture pixels, clamped to the picture.
 */
import { boundingBox, type Point, type Region } from '../shared/geometry';
import { svg } from './dom';
import type { Viewport } from './viewport';

/** Below this many screen pixels of movement a press is a click, not a drag. */
const DRAG_THRESHOLD = 4;

export class RegionSelector {
  /** The rectangle, to be placed in the overlay (above the boxes). */
  readonly element = svg('rect', { class: 'selection' });
  private wasDragged = false;

  constructor(
    private readonly viewport: Viewport,
    private readonly onRegion: (region: Region | undefined) => void,
  ) {
    this.element.setAttribute('visibility', 'hidden');
    viewport.element.addEventListener('mousedown', (event) => {
      if (event.target instanceof HTMLInputElement) return;
      this.wasDragged = false;
      if (event.button === 0 && !viewport.isPan(event)) this.select(event);
    });
  }

  /** Whether the last press became a drag: the click that ends it must not also copy a word. */
  get dragged(): boolean {
    return this.wasDragged;
  }

  clear(): void {
    this.element.setAttribute('visibility', 'hidden');
    this.onRegion(undefined);
  }

  private select(start: MouseEvent): void {
    const { width, height } = this.viewport;
    const clamp = (p: Point): Point => ({ x: Math.min(width, Math.max(0, p.x)), y: Math.min(height, Math.max(0, p.y)) });
    const from = clamp(this.viewport.toPicture(start));
    const origin = { x: start.clientX, y: start.clientY };
    let region: Region | undefined;
    const move = (event: MouseEvent) => {
      if (!this.wasDragged && Math.hypot(event.clientX - origin.x, event.clientY - origin.y) < DRAG_THRESHOLD) return;
      if (!this.wasDragged) start.preventDefault();
      this.wasDragged = true;
      region = boundingBox([from, clamp(this.viewport.toPicture(event))]);
      for (const [name, value] of Object.entries(region)) this.element.setAttribute(name, String(value));
      this.element.setAttribute('visibility', 'visible');
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      if (region) this.onRegion(region);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }
}
