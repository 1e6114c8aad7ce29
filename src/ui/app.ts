/**
 * The results panel's page: toolbar, problem banner, the picture with its overlay, and the side
 * panel (findings, JSON), wired so that hovering or clicking a finding in one shows it in the
 * other. The page holds the result only to draw it; every action is a message to the host, which
 * names findings by index.
 */
import { allWords, isUnknownFace, type LabelGroup, type TextPreparation } from '../shared/analysisResult';
import type { PanelState } from '../shared/panelState';
import { wordsInside, type Region } from '../shared/geometry';
import type { PanelDisplay, TextLevel, WebviewMessage } from '../shared/protocol';

/** The display as the app uses it: the picture as a URL the webview made from the bytes. */
export type ShownDisplay = Omit<PanelDisplay, 'image'> & { imageSrc?: string };
import { formatUi, type UiStrings } from '../shared/uiStrings';
import { button, el } from './dom';
import { describe, faceFindings, labelFindings, pictureSize, textFindings, type Finding } from './findings';
import { JsonView } from './jsonView';
import { colorRows, copyRows, findingRows, section, webImageRows, type SectionEvents } from './sections';
import { Stage } from './stage';
import { VirtualList } from './virtualList';

export interface Host {
  post(message: WebviewMessage): void;
  save(state: PanelState): void;
}

const LABEL_SECTIONS: Array<[LabelGroup, keyof UiStrings]> = [
  ['classification', 'sectionClassification'],
  ['label', 'sectionLabels'],
  ['safeSearch', 'sectionSafeSearch'],
  ['object', 'sectionObjects'],
  ['logo', 'sectionLogos'],
  ['landmark', 'sectionLandmarks'],
  ['cropHint', 'sectionCropHints'],
  ['webEntity', 'sectionWebEntities'],
];

/** Label groups drawn on the picture (those whose labels have a place in it). */
const DRAWN_GROUPS: LabelGroup[] = ['object', 'logo', 'landmark', 'cropHint'];

export class App {
  private readonly strings: UiStrings;
  private readonly edits: Map<number, string>;
  private readonly originals: string[];
  private text: Record<TextLevel, Finding[]>;
  private level: TextLevel = 'word';
  private region: Region | undefined;
  private readonly stage: Stage;
  private textList: VirtualList | undefined;
  private readonly textSection = el('div', 'text-section');
  private readonly side = el('aside', 'side');
  private readonly regionLabel = el('span', 'region-label');
  private readonly toastNode = el('div', 'toast');
  private toastTimer: number | undefined;

  constructor(
    private readonly display: ShownDisplay,
    private readonly state: PanelState,
    private readonly host: Host,
  ) {
    this.strings = display.strings;
    const { result } = state;
    this.edits = new Map(state.edits);
    this.originals = result.text ? allWords(result.text).map((w) => w.text) : [];
    this.text = textFindings(result, this.edits, display.lowConfidence);
    const size = pictureSize(result);
    this.stage = new Stage(size.width, size.height, display.imageSrc, {
      activate: (finding) => this.activate(finding, 'picture'),
      hover: (finding) => this.markInSide(finding),
      region: (region) => this.setRegion(region),
      edit: (index, text) => this.edit(index, text),
    }, this.strings, (finding) => describe(finding, this.strings));
  }

  render(): void {
    const { result } = this.state;
    const strings = this.strings;
    const hasText = this.text.word.length > 0 || this.text.line.length > 0;
    document.title = this.display.title;

    const toolbar = el('header', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    if (hasText) toolbar.append(this.levelControl());
    toolbar.append(this.stage.zoomControls(strings));
    if (hasText) {
      const actions = el('div', 'group');
      actions.append(
        button(strings.copyAll, () => this.host.post({ type: 'copyRegion', region: this.region })),
        button(strings.copyTable, () => this.host.post({ type: 'copyTable', region: this.region })),
        button(strings.insertText, () => this.host.post({ type: 'insertText', region: this.region })),
        button(strings.insertTable, () => this.host.post({ type: 'insertTable', region: this.region })),
        button(strings.openText, () => this.host.post({ type: 'openText' })),
      );
      const regionGroup = el('div', 'group region');
      regionGroup.append(this.regionLabel, button(strings.clearRegion, () => this.stage.clearRegion(), { glyph: '×' }));
      regionGroup.hidden = true;
      toolbar.append(actions, regionGroup);
    }

    const banner = el('div', 'banner');
    banner.setAttribute('role', 'alert');
    if (result.errors.length > 0) {
      banner.append(el('p', undefined, strings.problems));
      const list = el('ul');
      for (const error of result.errors) {
        const code = error.code === undefined ? '' : ` (${String(error.code)})`;
        list.append(el('li', undefined, `${error.feature}${code}: ${error.message}`));
      }
      banner.append(list);
    } else {
      banner.hidden = true;
    }

    const main = el('div', 'main');
    main.append(this.stage.element, this.side);
    this.toastNode.setAttribute('role', 'status');
    this.toastNode.hidden = true;
    const noImage = this.display.imageSrc ? [] : [el('p', 'notice', strings.noImage)];
    // A result from the cache says so, and when it was made (it may predate a change of the picture's provider).
    const cached = result.cached ? [el('p', 'cache-note', formatUi(strings.fromCache, new Date(result.cached.storedAt).toLocaleString()))] : [];
    document.body.replaceChildren(toolbar, banner, ...cached, ...noImage, main, this.toastNode);

    // Fit first, while the overlay is empty: measuring the viewport then costs a trivial layout,
    // and the thousands of shapes are laid out once, in the frame that paints them.
    this.buildSide();
    this.stage.setZoom('fit');
    this.showLevel(this.level);
    this.drawOtherLayers();
    this.showMatches();
    if (hasText) toolbar.title = strings.regionHint;
  }

  /** Search matches (from "Search Results"): filled on the picture, the first one scrolled into view and outlined. */
  private showMatches(): void {
    const marks = (this.display.marks ?? []).filter((i) => i < this.text.word.length);
    if (marks.length === 0) return;
    this.stage.setMatches(marks.flatMap((i) => (this.text.word[i]!.polygon ? [this.text.word[i]!.polygon] : [])));
    if (this.level === 'word') this.stage.reveal('word', marks[0]!);
  }

  private levelControl(): HTMLElement {
    const group = el('div', 'group levels');
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-label', this.strings.boxes);
    const names: Record<TextLevel, string> = { block: this.strings.blocks, line: this.strings.lines, word: this.strings.words };
    for (const level of ['block', 'line', 'word'] as const) {
      const option = button(names[level], () => {
        group.querySelectorAll('button').forEach((b) => b.setAttribute('aria-checked', String(b === option)));
        this.showLevel(level);
      });
      option.setAttribute('role', 'radio');
      option.setAttribute('aria-checked', String(level === this.level));
      option.dataset.level = level;
      group.append(option);
    }
    return group;
  }

  private showLevel(level: TextLevel): void {
    this.level = level;
    for (const other of ['block', 'line', 'word'] as const) this.stage.setLayer(other, this.text[other], other === level);
    const findings = this.text[level];
    if (findings.length === 0) {
      this.textSection.replaceChildren();
      this.textList = undefined;
      return;
    }
    this.textList = new VirtualList({
      id: `text-${level}`,
      count: findings.length,
      label: formatUi(this.strings.sectionText, findings.length),
      render: (row, index) => {
        const finding = this.text[this.level][index]!;
        row.replaceChildren(el('span', 'row-text', finding.text));
        row.classList.toggle('low', Boolean(finding.low));
        row.classList.toggle('edited', Boolean(finding.edited));
        if (finding.edited) row.append(el('span', 'row-badge', this.strings.edited));
        const detail = describe(finding, this.strings);
        if (detail) row.append(el('span', 'row-detail', detail));
        row.setAttribute('aria-label', detail ? `${finding.text}, ${detail}` : finding.text);
      },
      activate: (index) => this.activate(this.text[this.level][index]!, 'list'),
      hover: (index) => this.stage.highlight(index === undefined ? undefined : this.level, index),
      key: (event, index) => {
        if (event.key === 'F2' && this.level === 'word') this.stage.openEditor(this.text.word[index]!);
      },
    });
    const textSection = section(this.strings.sectionText, findings.length, this.textList.element);
    // What the Local OCR did before reading (turned, deskewed, scaled): the boxes are drawn on the picture as it is.
    const note = preparationNote(this.state.result.text?.preparation, this.strings);
    if (note) textSection.querySelector('h2')?.after(el('p', 'prepared-note', note));
    this.textSection.replaceChildren(textSection);
  }

  private buildSide(): void {
    const { result } = this.state;
    const strings = this.strings;
    const events: SectionEvents = {
      activate: (finding) => this.activate(finding, 'list'),
      hover: (finding) => this.stage.highlight(finding?.kind, finding?.index),
      copy: (finding) => this.host.post({ type: 'copyFinding', kind: finding.kind === 'face' ? 'face' : 'label', index: finding.index }),
      open: (index, target) => this.host.post({ type: 'openLink', index, target }),
      openMap: (index) => this.host.post({ type: 'openMap', index }),
      enroll: (index, newPerson) => this.host.post({ type: 'enrollFace', index, ...(newPerson ? { newPerson: true as const } : {}) }),
    };
    const findings = el('div', 'findings');
    findings.setAttribute('role', 'tabpanel');
    findings.append(this.textSection);
    const faces = faceFindings(result, strings);
    if (faces.length > 0) {
      const named = (f: Finding) => Boolean(result.faces?.[f.index]?.person?.tag);
      const enrollable = (f: Finding) => {
        const face = result.faces?.[f.index];
        return face && isUnknownFace(result, face) ? 'new' : 'person';
      };
      findings.append(section(strings.sectionFaces, faces.length, findingRows(faces, events, strings, { copyable: named, enrollable })));
    }
    const labels = labelFindings(result);
    for (const [group, title] of LABEL_SECTIONS) {
      const mappable = (f: Finding) => (result.labels?.[f.index]?.locations?.length ?? 0) > 0;
      if (labels[group].length > 0) findings.append(section(strings[title], labels[group].length, findingRows(labels[group], events, strings, { copyable: () => true, mappable })));
    }
    const copies = result.copies;
    const webImages = copies?.images ?? [];
    const guesses = copies?.bestGuess ?? [];
    const hasCopies = copies !== undefined && (copies.matches.length > 0 || copies.count !== undefined || webImages.length > 0 || guesses.length > 0);
    if (copies && hasCopies) {
      const body = el('div');
      if (guesses.length > 0) body.append(el('p', 'row-detail', formatUi(strings.bestGuess, guesses.join(', '))));
      if (copies.count !== undefined) body.append(el('p', 'row-detail', formatUi(strings.copiesTotal, copies.count)));
      body.append(copyRows(copies.matches, events, strings));
      findings.append(section(strings.sectionCopies, copies.matches.length, body));
      if (webImages.length > 0) findings.append(section(strings.webImages, webImages.length, webImageRows(webImages, events, strings)));
    }
    const colors = result.colors ?? [];
    if (colors.length > 0) findings.append(section(strings.sectionColors, colors.length, colorRows(colors, strings)));
    // An answer with nothing in it ({} from Google) says so rather than showing an empty panel.
    const empty = this.text.word.length === 0 && this.text.line.length === 0 && faces.length === 0 && (result.labels ?? []).length === 0 && !hasCopies && colors.length === 0;
    if (empty) findings.append(el('p', 'notice', strings.nothingFound));

    const json = new JsonView(result.raw, strings, { copy: () => this.host.post({ type: 'copyJson' }), open: () => this.host.post({ type: 'openJson' }) });
    json.element.setAttribute('role', 'tabpanel');
    json.element.hidden = true;
    const tabs = el('div', 'tabs');
    tabs.setAttribute('role', 'tablist');
    const tab = (label: string, panel: HTMLElement, onShow?: () => void) => {
      const node = button(label, () => {
        tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-selected', String(b === node)));
        findings.hidden = panel !== findings;
        json.element.hidden = panel !== json.element;
        onShow?.();
      });
      node.setAttribute('role', 'tab');
      node.setAttribute('aria-selected', String(panel === findings));
      return node;
    };
    tabs.append(tab(strings.tabFindings, findings), tab(strings.tabJson, json.element, () => json.show()));
    this.side.replaceChildren(tabs, findings, json.element);
  }

  /** Faces and objects stay drawn whatever the text level. */
  private drawOtherLayers(): void {
    const { result } = this.state;
    this.stage.setLayer('face', faceFindings(result, this.strings), true);
    const labels = labelFindings(result);
    for (const group of DRAWN_GROUPS) this.stage.setLayer(group, labels[group].filter((f) => f.polygon !== undefined), true);
  }

  private activate(finding: Finding, from: 'picture' | 'list'): void {
    switch (finding.kind) {
      case 'block':
      case 'line':
      case 'word':
        this.host.post({ type: 'copyText', level: finding.kind, index: finding.index });
        if (from === 'picture') this.textList?.reveal(finding.index);
        break;
      case 'face':
      case 'label':
      case 'copy':
        if (from === 'picture') this.side.querySelector(`[data-key="${finding.kind}:${finding.index}"]`)?.scrollIntoView({ block: 'nearest' });
        break;
    }
    if (from === 'list') this.stage.reveal(finding.kind, finding.index);
  }

  private markInSide(finding: Finding | undefined): void {
    this.side.querySelector('.row.highlight')?.classList.remove('highlight');
    if (!finding) return this.textList?.mark(undefined);
    if (finding.kind === this.level) this.textList?.mark(finding.index);
    else this.side.querySelector(`.row[data-key="${finding.kind}:${finding.index}"]`)?.classList.add('highlight');
  }

  private setRegion(region: Region | undefined): void {
    this.region = region;
    const group = this.regionLabel.parentElement;
    if (group) group.hidden = !region;
    if (!region) return;
    const inside = wordsInside(this.text.word, region).length;
    this.regionLabel.textContent = formatUi(this.strings.region, inside);
    this.host.post({ type: 'copyRegion', region });
  }

  dispose(): void {
    window.clearTimeout(this.toastTimer);
    this.stage.dispose();
  }

  /** Escape: closes a selection, then the highlight. */
  escape(): void {
    if (this.region) this.stage.clearRegion();
    else this.stage.highlight(undefined);
  }

  private edit(index: number, text: string): void {
    const original = this.originals[index];
    if (original === undefined || text === (this.edits.get(index) ?? original)) return;
    if (text === original) this.edits.delete(index);
    else this.edits.set(index, text);
    this.host.post({ type: 'editWord', index, text });
    this.text = textFindings(this.state.result, this.edits, this.display.lowConfidence);
    this.stage.updateWords(this.text.word);
    this.stage.invalidate('line');
    this.stage.invalidate('block');
    this.textList?.refresh();
    this.host.save({ ...this.state, edits: [...this.edits] });
  }

  toast(text: string): void {
    this.toastNode.textContent = text;
    this.toastNode.hidden = false;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (this.toastNode.hidden = true), 2500);
  }
}

/** "Read after preparing the page: turned 180°, deskewed 7.4°, scaled 2×, light evened", or nothing when nothing was done. */
export function preparationNote(preparation: TextPreparation | undefined, strings: UiStrings): string | undefined {
  if (!preparation) return undefined;
  const parts: string[] = [];
  if (preparation.turned !== 0) parts.push(formatUi(strings.preparedTurned, preparation.turned));
  if (preparation.deskewed !== 0) parts.push(formatUi(strings.preparedDeskewed, preparation.deskewed.toFixed(1)));
  if (preparation.scaled !== 1) parts.push(formatUi(strings.preparedScaled, preparation.scaled));
  if (preparation.evenedLight) parts.push(strings.preparedLight);
  if (preparation.smoothed) parts.push(strings.preparedSmoothed);
  return parts.length > 0 ? formatUi(strings.preparedNote, parts.join(', ')) : undefined;
}
