/**
 * Small DOM builders. Every string from a result reaches the page through `textContent` or an
 * attribute setter here, never as markup.
 */
import type { Point } from '../shared/geometry';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** A button with an accessible name (and a tooltip when it shows only an icon-like glyph). */
export function button(label: string, onClick: () => void, options: { glyph?: string; className?: string } = {}): HTMLButtonElement {
  const node = el('button', options.className, options.glyph ?? label);
  node.type = 'button';
  node.setAttribute('aria-label', label);
  if (options.glyph) node.title = label;
  node.addEventListener('click', onClick);
  return node;
}

/** `points` attribute of an SVG polygon. */
export function points(polygon: readonly Point[]): string {
  let out = '';
  for (const p of polygon) out += `${out ? ' ' : ''}${p.x},${p.y}`;
  return out;
}
