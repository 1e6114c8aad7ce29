import * as vscode from 'vscode';
import { registerFailableCommand } from '../services/failableCommand';
import type { Log } from '../services/log';
import { Disposable } from '../shared/disposable';

/**
 * The "Smarty Persons" view. Its ledger of spaces and persons comes with the Smarty provider;
 * until then the tree is empty, which is what makes VS Code show the view's welcome content
 * (what the view will hold, and a Set Credentials link).
 */
export class SmartyView extends Disposable implements vscode.TreeDataProvider<never> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(log: Log) {
    super();
    this._register(vscode.window.registerTreeDataProvider('imageInsight.smarty', this));
    this._register(registerFailableCommand('imageInsight.smarty.refresh', vscode.l10n.t('Refresh'), log, () => Promise.resolve(this.changed.fire())));
  }

  /** The ledger changed (an enroll, a delete, a truncate): the tree reads it again. */
  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
