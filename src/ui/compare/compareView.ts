/**
 * The Compare Providers page: a column per provider (the picture with its words boxed, the ones
 * that differ marked in that provider's colour, its counts and times), and below, the diff as
 * text. Pointing at a word in the diff finds it in both pictures; pointing at a word in a
 * picture finds it in the diff.
 */
import { allWords } from '../../shared/analysisResult';
import { isCompareFailure, type CompareSide, type DiffOp, type SideIndex } from '../../shared/comparison';
import type { CompareDisplay, CompareWebviewMessage } from '../../shared/protocol';
import { el } from '../dom';
import { CompareColumn } from './compareColumn';
import { DiffText } from './diffText';

export class CompareView {
  readonly element = el('div', 'compare');
  private readonly columns: [CompareColumn, CompareColumn];
  private readonly diff: DiffText | undefined;
  private readonly toastNode = el('div', 'toast');
  private toastTimer: number | undefined;

  constructor(display: CompareDisplay, post: (message: CompareWebviewMessage) => void) {
    const { comparison, names, strings } = display;
    const words = comparison.results.map(wordsOf) as [string[], string[]];
    const ops = comparison.diff?.ops ?? [];
    const imageSrc = display.image ? `data:${display.image.mime};base64,${display.image.base64}` : undefined;
    this.columns = ([0, 1] as const).map(
      (side) =>
        new CompareColumn({
          side,
          name: names[side],
          outcome: comparison.results[side],
          counts: comparison.counts[side],
          timings: comparison.timings[side],
          differing: differingWords(ops, side),
          imageSrc,
          strings,
          lowConfidence: display.lowConfidence,
          post,
          point: (index) => this.pointFromPicture(side, index),
        }),
    ) as [CompareColumn, CompareColumn];
    const columns = el('div', 'columns');
    columns.append(this.columns[0].element, this.columns[1].element);
    this.element.append(columns);
    if (comparison.diff) {
      this.diff = new DiffText(comparison.diff, words, names, strings, (a, b, reveal) => {
        this.columns[0].highlight(a, reveal);
        this.columns[1].highlight(b, reveal);
      });
      this.element.append(this.diff.element);
    } else {
      this.element.append(el('p', 'notice', strings.noDiff));
    }
    this.toastNode.setAttribute('role', 'status');
    this.toastNode.hidden = true;
    this.element.append(this.toastNode);
  }

  /** A word pointed at in one picture: found in the diff, and its counterpart in the other picture. */
  private pointFromPicture(side: SideIndex, index: number | undefined): void {
    const other = index === undefined ? undefined : this.diff?.counterpart(side, index);
    this.columns[side === 0 ? 1 : 0].highlight(other, false);
    this.diff?.mark(side, index);
  }

  toast(text: string): void {
    this.toastNode.textContent = text;
    this.toastNode.hidden = false;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (this.toastNode.hidden = true), 2500);
  }

  dispose(): void {
    window.clearTimeout(this.toastTimer);
    for (const column of this.columns) column.dispose();
  }
}

function wordsOf(side: CompareSide): string[] {
  return isCompareFailure(side) || !side.text ? [] : allWords(side.text).map((w) => w.text);
}

/** The word indices on one side that the diff does not have as equal. */
function differingWords(ops: readonly DiffOp[], side: SideIndex): number[] {
  const out: number[] = [];
  for (const op of ops) {
    if (op.op === 'equal') continue;
    const [start, end] = side === 0 ? op.a : op.b;
    for (let i = start; i < end; i++) out.push(i);
  }
  return out;
}
