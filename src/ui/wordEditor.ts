/**
 * In-place correction of a word (double-click or F2): an input laid over the word at its size.
 * Enter commits, Escape or losing the focus cancels. It is placed in screen pixels, so a change
 * of zoom closes it rather than leaving it beside its word.
 */
import { boundingBox } from '../shared/geometry';
import { el } from './dom';
import type { Finding } from './findings';

export class WordEditor {
  private input: HTMLInputElement | undefined;

  constructor(
    /** The zoomed canvas the input is placed on. */
    private readonly canvas: HTMLElement,
    private readonly label: string,
    private readonly commit: (index: number, text: string) => void,
    /** Where the keys go back to after Enter or Escape (the picture). */
    private readonly returnFocus: () => void,
  ) {}

  /** Opens over a word, `scale` screen pixels per picture pixel. */
  open(finding: Finding, scale: number): void {
    this.close(false);
    const b = boundingBox(finding.polygon!);
    const input = el('input', 'word-editor');
    input.value = finding.text;
    input.setAttribute('aria-label', this.label);
    input.title = this.label;
    const height = b.height * scale;
    Object.assign(input.style, {
      left: `${b.x * scale}px`,
      top: `${b.y * scale}px`,
      minWidth: `${Math.max(40, b.width * scale)}px`,
      height: `${Math.max(18, height)}px`,
      fontSize: `${Math.max(11, Math.min(40, height * 0.7))}px`,
    });
    input.addEventListener('keydown', (event) => {
      // The page's keys stay out of the typing: Escape here cancels the edit, not the region too.
      event.stopPropagation();
      if (event.key === 'Enter') {
        const text = input.value;
        this.close(true);
        this.commit(finding.index, text);
      } else if (event.key === 'Escape') {
        this.close(true);
      }
    });
    input.addEventListener('blur', () => this.close(false));
    this.input = input;
    this.canvas.appendChild(input);
    input.focus();
    input.select();
  }

  close(refocus: boolean): void {
    const input = this.input;
    if (!input) return;
    // Forgotten before it is removed: removing a focused input blurs it, which calls back here.
    this.input = undefined;
    input.remove();
    if (refocus) this.returnFocus();
  }
}
