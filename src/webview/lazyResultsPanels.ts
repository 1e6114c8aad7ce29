import { createRequire } from 'node:module';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ResultStore } from '../analysis/resultStore';
import type { AnalysisResult } from '../providers/types';
import { Disposable } from '../shared/disposable';
import type * as PanelModule from './panelModule.js';
import type { PanelServices } from './panelServices';
import type { ResultsPanels } from './resultsPanels';
import { RESULTS_VIEW_TYPE } from './viewType';

/** What the commands need of the results panels. */
export interface PanelHost {
  show(result: AnalysisResult): void;
}

/**
 * The results panels live in dist/panel.js (the panel host, its actions, the state checks: about
 * 20 KB), loaded when the first result is shown or a panel is restored, so activating the
 * extension does not even parse them. VS Code needs a serializer at activation: this thin one.
 */
export class LazyResultsPanels extends Disposable implements vscode.WebviewPanelSerializer, PanelHost {
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
      const module = createRequire(__filename)(path.join(__dirname, 'panel.js')) as typeof PanelModule;
      this.panels = this._register(new module.ResultsPanels(this.services, this.results));
    }
    return this.panels;
  }

  show(result: AnalysisResult): void {
    this.load().show(result);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.load().deserializeWebviewPanel(panel, state);
  }
}
