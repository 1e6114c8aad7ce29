/**
 * The side panel's short lists (faces, labels by group, image copies): plain rows, each a tab
 * stop, synchronized with the picture through `data-key`. Text has its own virtual list.
 */
import { externalUrl } from '../shared/links';
import type { UiStrings } from '../shared/uiStrings';
import { formatUi } from '../shared/uiStrings';
import { button, el } from './dom';
import type { Finding } from './findings';

export interface SectionEvents {
  activate(finding: Finding): void;
  hover(finding: Finding | undefined): void;
  copy(finding: Finding): void;
  open(index: number, target: 'page' | 'image' | 'webImage'): void;
  /** Open the place of `labels[index]` (a landmark) in a map. */
  openMap(index: number): void;
  /** Enroll `faces[index]` as a Smarty person (a new one with `newPerson`). */
  enroll(index: number, newPerson: boolean): void;
}

/** The row actions a finding offers besides activating it. */
export interface RowActions {
  copyable(finding: Finding): boolean;
  mappable?(finding: Finding): boolean;
  /** Faces: `person` offers Enroll as Person…, `new` also Enroll as New Person… (an unknown face). */
  enrollable?(finding: Finding): 'person' | 'new' | undefined;
}

let sections = 0;

/** A titled section with its list. */
export function section(title: string, count: number, body: HTMLElement): HTMLElement {
  const node = el('section', 'section');
  const heading = el('h2', undefined, formatUi(title, count));
  const id = `section-${++sections}`;
  heading.id = id;
  node.setAttribute('aria-labelledby', id);
  node.append(heading, body);
  return node;
}

/** Faces or labels: name, details, a Copy button when there is a name worth copying. */
export function findingRows(findings: Finding[], events: SectionEvents, strings: UiStrings, actions: RowActions): HTMLElement {
  const list = el('ul', 'rows');
  for (const finding of findings) {
    const row = el('li', 'row');
    row.tabIndex = 0;
    row.setAttribute('data-key', `${finding.kind}:${finding.index}`);
    row.append(el('span', 'row-text', finding.text));
    if (finding.detail) row.append(el('span', 'row-detail', finding.detail));
    // A row action must not also activate the row (a click on the row selects the finding).
    const action = (label: string, run: () => void, className = 'row-action') => {
      const node = button(label, run, { className });
      node.addEventListener('click', (event) => event.stopPropagation());
      row.append(node);
    };
    if (actions.copyable(finding)) action(strings.copy, () => events.copy(finding));
    if (actions.mappable?.(finding)) action(strings.openMap, () => events.openMap(finding.index));
    const enroll = actions.enrollable?.(finding);
    if (enroll === 'new') action(strings.enrollNew, () => events.enroll(finding.index, true), 'row-action enroll-new');
    if (enroll) action(strings.enrollFace, () => events.enroll(finding.index, false), 'row-action enroll-face');
    row.addEventListener('click', () => events.activate(finding));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target === row) events.activate(finding);
    });
    row.addEventListener('mouseenter', () => events.hover(finding));
    row.addEventListener('mouseleave', () => events.hover(undefined));
    row.addEventListener('focus', () => events.hover(finding));
    list.appendChild(row);
  }
  return list;
}

/**
 * Image copies: title, description, and the page and image URLs as text. Nothing remote is
 * loaded; "Open" appears only for http(s) URLs, and the host opens them from its own copy.
 */
export function copyRows(matches: ReadonlyArray<{ title?: string; description?: string; pageUrl: string; imageUrl?: string }>, events: SectionEvents, strings: UiStrings): HTMLElement {
  const list = el('ul', 'rows copies');
  matches.forEach((match, index) => {
    const row = el('li', 'row copy');
    row.setAttribute('data-key', `copy:${index}`);
    if (match.title) row.append(el('span', 'row-text', match.title));
    if (match.description) row.append(el('span', 'row-detail', match.description));
    const urls = el('div', 'urls');
    const url = (value: string | undefined, target: 'page' | 'image', label: string) => {
      if (!value) return;
      const line = el('div', 'url');
      line.append(el('span', 'url-text', value));
      if (externalUrl(value)) line.append(button(label, () => events.open(index, target), { className: 'row-action' }));
      urls.append(line);
    };
    url(match.pageUrl, 'page', strings.openPage);
    url(match.imageUrl, 'image', strings.openImage);
    row.append(urls);
    list.appendChild(row);
  });
  return list;
}

/** Matching images found without their page: the URL, how it matches, and "Open" for http(s). */
export function webImageRows(images: ReadonlyArray<{ url: string; match: 'full' | 'partial' | 'similar' }>, events: SectionEvents, strings: UiStrings): HTMLElement {
  const list = el('ul', 'rows copies');
  const how = { full: strings.matchFull, partial: strings.matchPartial, similar: strings.matchSimilar };
  images.forEach((image, index) => {
    const row = el('li', 'row copy');
    const line = el('div', 'url');
    line.append(el('span', 'row-detail', how[image.match]), el('span', 'url-text', image.url));
    if (externalUrl(image.url)) line.append(button(strings.openImage, () => events.open(index, 'webImage'), { className: 'row-action' }));
    row.append(line);
    list.appendChild(row);
  });
  return list;
}

/** Dominant colours as swatches with their share of the picture (no remote content: the colour is a style). */
export function colorRows(colors: ReadonlyArray<{ red: number; green: number; blue: number; score: number; pixelFraction: number }>, strings: UiStrings): HTMLElement {
  const list = el('ul', 'rows colors');
  const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');
  for (const color of [...colors].sort((a, b) => b.score - a.score)) {
    const row = el('li', 'row color');
    const swatch = el('span', 'swatch');
    swatch.style.backgroundColor = `rgb(${Math.round(color.red)}, ${Math.round(color.green)}, ${Math.round(color.blue)})`;
    swatch.setAttribute('aria-hidden', 'true');
    const share = el('span', 'swatch-share');
    share.style.width = `${Math.max(1, Math.round(color.pixelFraction * 100))}%`;
    const bar = el('span', 'swatch-bar');
    bar.append(share);
    row.append(swatch, el('span', 'row-text', `#${hex(color.red)}${hex(color.green)}${hex(color.blue)}`), bar,
      el('span', 'row-detail', formatUi(strings.colorShare, Math.round(color.pixelFraction * 1000) / 10, color.score.toFixed(2))));
    list.appendChild(row);
  }
  return list;
}
