/**
 * A list that renders only the rows in view (plus a margin), so a result with 20,000 words
 * lists them all without 20,000 elements. Rows have one fixed height. One tab stop: arrow keys,
 * Home/End and Page keys move the focus, which the list keeps on the row it belongs to.
 */
import { el } from './dom';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;

export interface VirtualListOptions {
  /** Unique among the page's lists (row ids for aria-activedescendant). */
  id: string;
  count: number;
  label: string;
  /** Fills a row element for item `index` (called again when it scrolls back into view). */
  render(row: HTMLElement, index: number): void;
  activate(index: number): void;
  hover(index: number | undefined): void;
  /** Keys besides navigation (e.g. F2 to correct a word). */
  key?(event: KeyboardEvent, index: number): void;
}

export class VirtualList {
  readonly element = el('div', 'vlist');
  private readonly spacer = el('div', 'vlist-spacer');
  private focused = 0;
  private marked: number | undefined;
  private scheduled = false;

  constructor(private readonly options: VirtualListOptions) {
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', options.label);
    this.element.tabIndex = 0;
    this.spacer.style.height = `${options.count * ROW_HEIGHT}px`;
    this.element.style.height = `${Math.min(options.count, 16) * ROW_HEIGHT + 2}px`;
    this.element.appendChild(this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('click', (event) => {
      const index = this.indexOf(event.target);
      if (index === undefined) return;
      this.focus(index, false);
      options.activate(index);
    });
    this.element.addEventListener('mouseover', (event) => options.hover(this.indexOf(event.target)));
    this.element.addEventListener('mouseleave', () => options.hover(undefined));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('focus', () => this.element.setAttribute('aria-activedescendant', this.rowId(this.focused)));
    this.render();
  }

  private rowId(index: number): string {
    return `${this.options.id}-${index}`;
  }

  private indexOf(target: EventTarget | null): number | undefined {
    const row = target instanceof Element ? target.closest('.vrow') : null;
    const index = row ? Number(row.getAttribute('data-index')) : NaN;
    return Number.isInteger(index) ? index : undefined;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  /** Re-renders the rows in view (after a correction changed one). */
  refresh(): void {
    this.render(true);
  }

  private render(force = false): void {
    const height = this.element.clientHeight || 16 * ROW_HEIGHT;
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.options.count - 1, Math.ceil((this.element.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const keep = new Map<number, HTMLElement>();
    for (const row of Array.from(this.spacer.children) as HTMLElement[]) {
      const index = Number(row.getAttribute('data-index'));
      if (!force && index >= first && index <= last) keep.set(index, row);
      else row.remove();
    }
    const fragment = document.createDocumentFragment();
    for (let index = first; index <= last; index++) {
      if (keep.has(index)) continue;
      const row = el('div', 'vrow');
      row.id = this.rowId(index);
      row.setAttribute('role', 'option');
      row.setAttribute('data-index', String(index));
      row.style.top = `${index * ROW_HEIGHT}px`;
      this.options.render(row, index);
      if (index === this.focused) row.classList.add('focused');
      if (index === this.marked) row.classList.add('highlight');
      fragment.appendChild(row);
    }
    this.spacer.appendChild(fragment);
  }

  /** Marks a row (hover in the picture) without moving the focus or scrolling. */
  mark(index: number | undefined): void {
    this.spacer.querySelector('.vrow.highlight')?.classList.remove('highlight');
    this.marked = index;
    if (index !== undefined) this.spacer.querySelector(`.vrow[data-index="${index}"]`)?.classList.add('highlight');
  }

  /** Scrolls a row into view and marks it (a click in the picture). */
  reveal(index: number): void {
    const top = index * ROW_HEIGHT;
    if (top < this.element.scrollTop || top + ROW_HEIGHT > this.element.scrollTop + this.element.clientHeight) {
      this.element.scrollTop = top - this.element.clientHeight / 2;
    }
    this.render();
    this.mark(index);
  }

  private focus(index: number, scroll = true): void {
    this.focused = Math.max(0, Math.min(this.options.count - 1, index));
    this.spacer.querySelector('.vrow.focused')?.classList.remove('focused');
    if (scroll) this.reveal(this.focused);
    this.spacer.querySelector(`.vrow[data-index="${this.focused}"]`)?.classList.add('focused');
    this.element.setAttribute('aria-activedescendant', this.rowId(this.focused));
    this.options.hover(this.focused);
  }

  private onKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) this.focus(this.focused + moves[event.key]!);
    else if (event.key === 'Home') this.focus(0);
    else if (event.key === 'End') this.focus(this.options.count - 1);
    else if (event.key === 'Enter') this.options.activate(this.focused);
    else {
      this.options.key?.(event, this.focused);
      return;
    }
    event.preventDefault();
  }
}
