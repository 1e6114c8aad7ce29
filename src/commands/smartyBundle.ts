import type * as vscode from 'vscode';
import { disposeAll } from '../shared/disposable';
import { registerSmartyCommands, type SmartyCommandDeps } from './smartyCommands';
import { registerSmartyTreeCommands } from './smartyTreeCommands';

/**
 * dist/smarty.js: the Smarty commands' handlers (enroll, recognize, the tree's actions, Enroll
 * Folder; about 18 KB), loaded the first time one of SMARTY_COMMAND_IDS runs, so activating the
 * extension does not even parse them.
 */
export function registerAllSmartyCommands(deps: SmartyCommandDeps): vscode.Disposable {
  const registrations = [registerSmartyCommands(deps), registerSmartyTreeCommands(deps)];
  return { dispose: () => disposeAll(registrations) };
}
