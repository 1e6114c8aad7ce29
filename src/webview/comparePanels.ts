import { Disposable } from '../shared/disposable';
import type { NamedComparison } from '../shared/comparison';
import { ComparePanel, type CompareServices } from './comparePanel';

/** The open Compare Providers panels, one per image: comparing the same image again reuses its panel. */
export class ComparePanels extends Disposable {
  private readonly open = new Map<string, ComparePanel>();

  constructor(private readonly services: CompareServices) {
    super();
    this._register({ dispose: () => [...this.open.values()].forEach((panel) => panel.dispose()) });
  }

  show(shown: NamedComparison): void {
    const existing = this.open.get(shown.comparison.uri);
    if (existing) {
      void existing.update(shown);
      existing.reveal();
      return;
    }
    const panel = ComparePanel.create(shown, this.services, (closed) => {
      if (this.open.get(closed.imageKey) === closed) this.open.delete(closed.imageKey);
    });
    this.open.set(panel.imageKey, panel);
  }
}
