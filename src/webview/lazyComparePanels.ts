import path from 'node:path';
import { lazyModule } from '../services/lazyModule';
import type { NamedComparison } from '../shared/comparison';
import { Disposable } from '../shared/disposable';
import type { ComparePanels } from './comparePanels';
import type { CompareServices } from './comparePanel';
import type * as PanelModule from './panelModule.js';

const loadPanels = lazyModule<typeof PanelModule>(path.join(__dirname, 'panel.js'));

/**
 * The Compare Providers panels live in dist/panel.js beside the results panels, loaded when the
 * first comparison is shown. No serializer: a comparison is not restored after a reload (it
 * would be stale times of a network that has moved on); the command runs it again.
 */
export class LazyComparePanels extends Disposable {
  private panels: ComparePanels | undefined;

  constructor(private readonly services: CompareServices) {
    super();
  }

  show(shown: NamedComparison): void {
    this.panels ??= this._register(new (loadPanels().ComparePanels)(this.services));
    this.panels.show(shown);
  }
}
