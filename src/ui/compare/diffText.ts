/**
 * The diff as text, in reading order: words read alike plain, A's words struck through in A's
 * colour, B's underlined in B's. Each word names its index on its side (`data-a`, `data-b`), so
 * one listener for the whole text finds the word pointed at, and the pictures can be told.
 */
import type { CompareStrings } from '../../shared/compareStrings';
import type { SideIndex, WordDiff } from '../../shared/comparison';
import { formatUi } from '../../shared/uiStrings';
import { el } from '../dom';

export class DiffText {
  readonly element = el('section', 'diff');
  /** The spans by word index, per side (an equal word's span is in both). */
  private readonly spans: [HTMLElement[], HTMLElement[]] = [[], []];
  /** For each word on a side, the other side's word at its place (equal or replaced), if any. */
  private readonly partners: [Array<number | undefined>, Array<number | undefined>] = [[], []];
  private marked: HTMLElement | undefined;

  constructor(
    diff: WordDiff,
    words: [string[], string[]],
    names: [string, string],
    strings: CompareStrings,
    /** A word of the diff is pointed at (`reveal`: clicked, so scroll the pictures to it). */
    private readonly point: (a: number | undefined, b: number | undefined, reveal: boolean) => void,
  ) {
    this.element.setAttribute('aria-label', strings.diffTitle);
    const percent = Math.round(diff.similarity * 1000) / 10;
    this.element.append(
      el('h2', undefined, strings.diffTitle),
      el('p', 'diff-summary', formatUi(strings.diffSummary, percent, diff.same, diff.changed, diff.onlyA, names[0], diff.onlyB, names[1])),
      el('p', 'diff-legend', diff.same === words[0].length && diff.same === words[1].length ? strings.sameText : formatUi(strings.diffLegend, names[0], names[1])),
    );
    const text = el('p', 'diff-text');
    const fragment = document.createDocumentFragment();
    const word = (tag: 'span' | 'del' | 'ins', content: string, a: number | undefined, b: number | undefined) => {
      const span = el(tag, 'word', content);
      if (a !== undefined) {
        span.dataset.a = String(a);
        this.spans[0][a] = span;
        this.partners[0][a] = b;
      }
      if (b !== undefined) {
        span.dataset.b = String(b);
        this.spans[1][b] = span;
        this.partners[1][b] = a;
      }
      fragment.append(span, ' ');
    };
    for (const op of diff.ops) {
      const [a0, a1] = op.a;
      const [b0, b1] = op.b;
      if (op.op === 'equal') {
        for (let i = 0; i < a1 - a0; i++) word('span', words[0][a0 + i] ?? '', a0 + i, b0 + i);
        continue;
      }
      // A replacement pairs its words in order, so pointing at one also finds the other's reading.
      const pair = (i: number, length: number) => (op.op === 'replace' && i < length ? i : undefined);
      for (let i = a0; i < a1; i++) {
        const partner = pair(i - a0, b1 - b0);
        word('del', words[0][i] ?? '', i, undefined);
        this.partners[0][i] = partner === undefined ? undefined : b0 + partner;
      }
      for (let i = b0; i < b1; i++) {
        const partner = pair(i - b0, a1 - a0);
        word('ins', words[1][i] ?? '', undefined, i);
        this.partners[1][i] = partner === undefined ? undefined : a0 + partner;
      }
    }
    text.append(fragment);
    this.element.append(text);
    const target = (event: Event) => (event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('.word') : null);
    const indices = (span: HTMLElement): [number | undefined, number | undefined] => {
      const a = span.dataset.a === undefined ? undefined : Number(span.dataset.a);
      const b = span.dataset.b === undefined ? undefined : Number(span.dataset.b);
      return [a ?? (b === undefined ? undefined : this.partners[1][b]), b ?? (a === undefined ? undefined : this.partners[0][a])];
    };
    text.addEventListener('mouseover', (event) => {
      const span = target(event);
      if (!span || span === this.marked) return;
      this.setMarked(span);
      this.point(...indices(span), false);
    });
    text.addEventListener('click', (event) => {
      const span = target(event);
      if (span) this.point(...indices(span), true);
    });
    text.addEventListener('mouseleave', () => {
      this.setMarked(undefined);
      this.point(undefined, undefined, false);
    });
  }

  /** The other side's word at the place of word `index` of `side`, if it has one. */
  counterpart(side: SideIndex, index: number): number | undefined {
    return this.partners[side][index];
  }

  /** Marks word `index` of `side` (pointed at in its picture), or none. */
  mark(side: SideIndex, index: number | undefined): void {
    const span = index === undefined ? undefined : this.spans[side][index];
    this.setMarked(span);
    span?.scrollIntoView({ block: 'nearest' });
  }

  private setMarked(span: HTMLElement | undefined): void {
    this.marked?.classList.remove('pointed');
    this.marked = span;
    span?.classList.add('pointed');
  }
}
