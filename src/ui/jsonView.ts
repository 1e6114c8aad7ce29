/**
 * The JSON tab: the provider's raw response, pretty-printed (built on first open, not with the
 * panel), searchable (case-insensitive; Enter / Shift+Enter step through the matches), with
 * Copy and Open buttons that ask the host (the clipboard and editors are the host's).
 */
import type { UiStrings } from '../shared/uiStrings';
import { formatUi } from '../shared/uiStrings';
import { button, el } from './dom';

/** Marks at most this many matches: enough to step through, cheap on a 10 MB response. */
const MAX_MARKS = 2000;

export class JsonView {
  readonly element = el('div', 'json-view');
  private readonly pre = el('pre', 'json');
  private readonly status = el('span', 'json-status');
  private readonly search = el('input', 'json-search');
  private text: string | undefined;
  private marks: HTMLElement[] = [];
  private current = -1;
  private timer: number | undefined;

  constructor(
    private readonly raw: unknown,
    private readonly strings: UiStrings,
    actions: { copy(): void; open(): void },
  ) {
    this.search.type = 'search';
    this.search.placeholder = strings.searchJson;
    this.search.setAttribute('aria-label', strings.searchJson);
    this.status.setAttribute('aria-live', 'polite');
    const bar = el('div', 'json-bar');
    bar.append(this.search, this.status, button(strings.copyJson, () => actions.copy()), button(strings.openJson, () => actions.open()));
    this.pre.tabIndex = 0;
    this.element.append(bar, this.pre);
    this.search.addEventListener('input', () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.find(this.search.value), 150);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || this.marks.length === 0) return;
      event.preventDefault();
      this.step(event.shiftKey ? -1 : 1);
    });
  }

  /** Builds the text the first time the tab is shown. */
  show(): void {
    if (this.text !== undefined) return;
    this.text = JSON.stringify(this.raw, null, 2) ?? 'null';
    this.pre.textContent = this.text;
  }

  private find(query: string): void {
    const text = this.text ?? '';
    this.marks = [];
    this.current = -1;
    if (query === '') {
      this.pre.textContent = text;
      this.status.textContent = '';
      return;
    }
    const haystack = text.toLowerCase();
    const needle = query.toLowerCase();
    const fragment = document.createDocumentFragment();
    let from = 0;
    let count = 0;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      count++;
      if (this.marks.length >= MAX_MARKS) continue;
      fragment.appendChild(document.createTextNode(text.slice(from, at)));
      const mark = el('mark', undefined, text.slice(at, at + needle.length));
      this.marks.push(mark);
      fragment.appendChild(mark);
      from = at + needle.length;
    }
    fragment.appendChild(document.createTextNode(text.slice(from)));
    this.pre.replaceChildren(fragment);
    if (count === 0) this.status.textContent = this.strings.searchNone;
    else this.step(1, count);
  }

  private step(direction: number, total = Number(this.status.dataset.total)): void {
    this.marks[this.current]?.classList.remove('current');
    this.current = (this.current + direction + this.marks.length) % this.marks.length;
    const mark = this.marks[this.current]!;
    mark.classList.add('current');
    mark.scrollIntoView({ block: 'center' });
    this.status.dataset.total = String(total);
    this.status.textContent = formatUi(this.strings.searchMatches, this.current + 1, total);
  }
}
