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
  open(index: number, target: 'page' | 'image'): void;
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
export function findingRows(findings: Finding[], events: SectionEvents, strings: UiStrings, copyable: (f: Finding) => boolean): HTMLElement {
  const list = el('ul', 'rows');
  for (const finding of findings) {
    const row = el('li', 'row');
    row.tabIndex = 0;
    row.setAttribute('data-key', `${finding.kind}:${finding.index}`);
    row.append(el('span', 'row-text', finding.text));
    if (finding.detail) row.append(el('span', 'row-detail', finding.detail));
    if (copyable(finding)) {
      const copy = button(strings.copy, () => events.copy(finding), { className: 'row-action' });
      copy.addEventListener('click', (event) => event.stopPropagation());
      row.append(copy);
    }
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
