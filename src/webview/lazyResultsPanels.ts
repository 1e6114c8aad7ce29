import path from 'node:path';
import * as vscode from 'vscode';
import type { ResultStore } from '../analysis/resultStore';
import type { AnalysisResult } from '../shared/analysisResult';
import type { ShowOptions } from './resultsPanel';
import { lazyModule } from '../services/lazyModule';
import { Disposable } from '../shared/disposable';
import type * as PanelModule from './panelModule.js';
import type { PanelServices } from './panelServices';
import type { ResultsPanels } from './resultsPanels';
import { RESULTS_VIEW_TYPE } from './viewType';

const loadPanels = lazyModule<typeof PanelModule>(path.join(__dirname, 'panel.js'));

/**
 * The results panels live in dist/panel.js (the panel host, its actions, the state checks: about
 * 20 KB), loaded when the first result is shown or a panel is restored, so activating the
 * extension does not even parse them. VS Code needs a serializer at activation: this thin one.
 */
export class LazyResultsPanels extends Disposable implements vscode.WebviewPanelSerializer {
  private panels: ResultsPanels | undefined;

  constructor(
    private readonly services: PanelServices,
    private readonly results: ResultStore,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, this));
  }

  private load(): ResultsPanels {
    if (!this.panels) {
      this.panels = this._register(new (loadPanels().ResultsPanels)(this.services, this.results));
    }
    return this.panels;
  }

  show(result: AnalysisResult, options?: ShowOptions): void {
    this.load().show(result, options);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.load().deserializeWebviewPanel(panel, state);
  }
}
