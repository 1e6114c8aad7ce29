/**
 * One provider's column: its name, counts and times, its actions, any failure, and the picture
 * with its words boxed (the results panel's `Viewport` and `Overlay`), those that differ from the
 * other provider's filled in this side's colour.
 */
import { isCompareFailure, type CompareSide, type ResultCounts, type SideIndex, type SideTimings } from '../../shared/comparison';
import type { CompareStrings } from '../../shared/compareStrings';
import type { CompareWebviewMessage } from '../../shared/protocol';
import { boundingBox } from '../../shared/geometry';
import { formatUi } from '../../shared/uiStrings';
import { button, el } from '../dom';
import { pictureSize, textFindings, type Finding } from '../findings';
import { Overlay } from '../overlay';
import { Viewport } from '../viewport';

export interface ColumnOptions {
  side: SideIndex;
  name: string;
  outcome: CompareSide;
  counts: ResultCounts | null;
  timings: SideTimings;
  /** Word indices (in `allWords` order) the other provider did not read alike. */
  differing: number[];
  imageSrc: string | undefined;
  strings: CompareStrings;
  lowConfidence: number;
  post(message: CompareWebviewMessage): void;
  /** The pointer is on word `index` of this picture (undefined: on none). */
  point(index: number | undefined): void;
}

const ms = (value: number | undefined) => String(Math.round(value ?? 0));

export class CompareColumn {
  readonly element: HTMLElement;
  private viewport: Viewport | undefined;
  private overlay: Overlay | undefined;
  private words: Finding[] = [];

  constructor(options: ColumnOptions) {
    const { side, name, outcome, strings } = options;
    this.element = el('section', `column side-${side}`);
    this.element.setAttribute('aria-label', name);
    const header = el('header', 'column-header');
    header.append(el('h2', 'provider', name));
    if (options.counts) {
      const c = options.counts;
      header.append(el('p', 'counts', formatUi(strings.counts, c.words, c.lines, c.faces, c.labels)));
      const t = options.timings;
      header.append(el('p', 'timings', formatUi(strings.timings, ms(t.prepareMs), ms(t.requestMs), ms(t.parseMs), ms(t.totalMs))));
    }
    this.element.append(header);

    if (isCompareFailure(outcome)) {
      const banner = el('div', 'banner failure');
      banner.setAttribute('role', 'alert');
      banner.append(el('p', undefined, formatUi(strings.failedAfter, ms(options.timings.totalMs))), el('p', 'error-text', outcome.error));
      this.element.append(banner);
      return;
    }
    if (outcome.errors.length > 0) {
      const banner = el('div', 'banner');
      banner.append(el('p', undefined, strings.problems));
      const list = el('ul');
      for (const error of outcome.errors) list.append(el('li', undefined, `${error.feature}${error.code === undefined ? '' : ` (${String(error.code)})`}: ${error.message}`));
      banner.append(list);
      this.element.append(banner);
    }
    const size = pictureSize(outcome);
    const viewport = new Viewport(size.width, size.height, options.imageSrc, () => undefined);
    const overlay = new Overlay(size.width, size.height, formatUi(strings.pictureLabel, name));
    this.viewport = viewport;
    this.overlay = overlay;
    this.words = textFindings(outcome, new Map(), options.lowConfidence).word;
    overlay.setLayer('word', this.words, true);
    overlay.setMatches(options.differing.flatMap((i) => (this.words[i]?.polygon ? [this.words[i].polygon] : [])));
    viewport.canvas.append(overlay.element);

    const actions = el('div', 'group');
    actions.append(viewport.zoomControls(strings), button(strings.copyText, () => options.post({ type: 'copyText', side })), button(strings.openResult, () => options.post({ type: 'openResult', side })));
    header.append(actions);
    if (!options.imageSrc) this.element.append(el('p', 'notice', strings.noImage));
    this.element.append(viewport.element);

    overlay.element.addEventListener('mousemove', (event) => {
      const found = overlay.findingAt(viewport.toPicture(event), event.target);
      const index = found?.kind === 'word' ? found.index : undefined;
      if (found !== overlay.marked) {
        overlay.mark(found);
        options.point(index);
      }
    });
    overlay.element.addEventListener('mouseleave', () => {
      overlay.mark(undefined);
      options.point(undefined);
    });
  }

  /** Outlines word `index` (undefined: none), scrolling it into view when asked. */
  highlight(index: number | undefined, reveal: boolean): void {
    const word = index === undefined ? undefined : this.overlay?.find('word', index);
    this.overlay?.mark(word);
    if (reveal && word?.polygon?.length) this.viewport?.scrollIntoView(boundingBox(word.polygon));
  }

  dispose(): void {
    this.viewport?.dispose();
  }
}
