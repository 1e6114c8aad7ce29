import * as vscode from 'vscode';
import { checkImage } from '../analysis/imageTarget';
import type { ImageSource } from '../images/imageSource';
import { findPerson, nextPersonId, personsIn, type Ledger } from '../providers/smarty/ledger';
import { SPACES } from '../providers/smarty/smartySpaces';
import { registerFailableCommand } from '../services/failableCommand';
import { disposeAll } from '../shared/disposable';
import { UserError } from '../shared/errors';
import { registerEnrollFolder } from './enrollFolder';
import { checkedSpace, pickPerson, pickSpace, withProgress, type SmartyCommandDeps } from './smartyCommands';
import { imageFilters, parseTreeArgs } from './treeArgs';

/** One image of Enroll Image…, as the command returns it. */
export interface EnrolledImageResult {
  uri: string;
  name: string;
  done: boolean;
  error?: string;
}

/**
 * The Smarty tree's actions besides Delete Person and Truncate Space (smartyCommands.ts):
 * Recognize in Space, Enroll Image, Enroll Folder (enrollFolder.ts), Rename Person, Export and
 * Import Ledger. Each works from a tree node, the palette or a script, asks only for what is
 * missing and returns what it did; each change of the ledger refreshes the tree (`changed`).
 */
export function registerSmartyTreeCommands(deps: SmartyCommandDeps): vscode.Disposable {
  const t = vscode.l10n.t;
  const { log } = deps;
  const disposables = [
    registerFailableCommand('imageInsight.smarty.recognizeInSpace', t('Recognize in Space…'), log, async (report, ...args) => {
      const a = parseTreeArgs(args, t('Recognize in Space…'));
      Object.assign(report, { scripted: a.scripted, show: a.show });
      const space = checkedSpace(a.space ?? (await pickSpace(deps, await deps.persons().ledger())));
      const uris = a.uris.length > 0 ? a.uris : await pickImages(t('Recognize persons in space {0}', space));
      try {
        return await vscode.commands.executeCommand('imageInsight.recognizePersons', uris, { space, show: a.show });
      } catch (error) {
        // Recognize Persons has reported it already (shown and logged): reject, but say it once.
        report.show = false;
        throw error;
      }
    }),
    registerFailableCommand('imageInsight.smarty.enrollImage', t('Enroll Image…'), log, async (report, ...args) => {
      const a = parseTreeArgs(args, t('Enroll Image…'));
      Object.assign(report, { scripted: a.scripted, show: a.show });
      const persons = deps.persons();
      const ledger = await persons.ledger();
      const space = checkedSpace(a.space ?? (await pickSpace(deps, ledger)));
      // A person node or a script's personId: that person; a space node or a script without one: a new person.
      const personId = a.personId ?? (a.kind === 'space' || a.scripted ? nextPersonId(ledger, space) : await pickPerson(ledger, space));
      const who = personName(ledger, space, personId);
      const uris = a.uris.length > 0 ? a.uris : await pickImages(t('Images to enroll as {0} in space {1}', who, space));
      const sources: ImageSource[] = [];
      for (const uri of uris) sources.push(await (await checkImage(uri, deps.config.current.maxFileSizeMB))());
      const reports = await (async () => {
        try {
          return await withProgress(a.show, t('Enrolling {0} images as {1} in space {2}…', sources.length, who, space), (token) =>
            deps.persons().enroll(space, sources.map((source) => ({ personId, source })), { token }));
        } finally {
          deps.changed();
        }
      })();
      const images: EnrolledImageResult[] = reports.map((r) => ({ uri: r.uri, name: r.name, done: r.done, ...(r.error ? { error: r.error } : {}) }));
      const done = images.filter((i) => i.done).length;
      const failed = images.find((i) => !i.done);
      if (done === 0 && failed) throw new UserError(t('VK Cloud Smarty did not enroll "{0}": {1}', failed.name, failed.error ?? t('no details')), failed.name);
      if (a.show) {
        const message = t('{0} of {1} images are enrolled as {2} in space {3}.', done, images.length, who, space);
        void (failed ? vscode.window.showWarningMessage(`${message} ${t('"{0}": {1}', failed.name, failed.error ?? t('no details'))}`) : vscode.window.showInformationMessage(message));
      }
      return { space, personId, images };
    }),
    registerEnrollFolder(deps),
    registerFailableCommand('imageInsight.smarty.renamePerson', t('Rename Person…'), log, async (report, ...args) => {
      const a = parseTreeArgs(args, t('Rename Person…'));
      Object.assign(report, { scripted: a.scripted, show: a.show });
      const persons = deps.persons();
      const ledger = await persons.ledger();
      const space = checkedSpace(a.space ?? (await pickSpace(deps, ledger)));
      const personId = a.personId ?? (await pickPerson(ledger, space, false));
      const person = findPerson(ledger, space, personId);
      if (!person) throw new UserError(t('Space {0} has no person {1} in the ledger.', space, personId));
      const name = a.name ?? (await vscode.window.showInputBox({
        title: t('Rename person {0} in space {1}', personId, space),
        prompt: t('The name is kept on this computer only; VK Cloud Smarty knows the person as person{0}. Leave it empty to show person{0}.', personId),
        value: person.name,
        ignoreFocusOut: true,
        validateInput: (value) => (value.length > 200 ? t('At most 200 characters.') : undefined),
      }));
      if (name === undefined) throw new vscode.CancellationError();
      if (name.length > 200) throw new UserError(t('At most 200 characters.'));
      const after = await persons.rename(space, personId, name);
      deps.changed();
      return { space, personId, name: findPerson(after, space, personId)?.name ?? name.trim() };
    }),
    registerFailableCommand('imageInsight.smarty.exportLedger', t('Export Ledger…'), log, async (report, ...args) => {
      const a = parseTreeArgs(args, t('Export Ledger…'));
      Object.assign(report, { scripted: a.scripted, show: a.show });
      const persons = deps.persons();
      const file = a.uris[0] ?? (await vscode.window.showSaveDialog({
        title: t('Export the Smarty ledger'),
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), 'smarty-ledger.json'),
        filters: { JSON: ['json'] },
      }));
      if (!file) throw new vscode.CancellationError();
      const text = await persons.exportText();
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
      const count = countPersons(await persons.ledger());
      if (a.show) void vscode.window.showInformationMessage(t('The Smarty ledger ({0} persons) is saved to {1}.', count, file.fsPath || file.toString()));
      return { file: file.toString(), persons: count };
    }),
    registerFailableCommand('imageInsight.smarty.importLedger', t('Import Ledger…'), log, async (report, ...args) => {
      const a = parseTreeArgs(args, t('Import Ledger…'));
      Object.assign(report, { scripted: a.scripted, show: a.show });
      const persons = deps.persons();
      const file = a.uris[0] ?? (await vscode.window.showOpenDialog({ title: t('Import a Smarty ledger'), canSelectMany: false, filters: { JSON: ['json'] } }))?.[0];
      if (!file) throw new vscode.CancellationError();
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      const before = await persons.ledger();
      let acceptOtherAccount = a.acceptOtherAccount === true;
      if (!acceptOtherAccount && !a.scripted && accountOf(text) !== undefined && accountOf(text) !== before.account) {
        const yes = t('Import');
        const answer = await vscode.window.showWarningMessage(
          t('{0} was exported for another VK Cloud account or endpoint. Import its persons into the ledger of the current credentials anyway? Only do this if both reach the same Smarty persons (a teammate\'s client ID for the same project).', file.fsPath || file.toString()),
          { modal: true },
          yes,
        );
        if (answer !== yes) throw new vscode.CancellationError();
        acceptOtherAccount = true;
      }
      const after = await persons.importText(text, file.fsPath || file.toString(), { acceptOtherAccount });
      deps.changed();
      const added = countPersons(after) - countPersons(before);
      if (a.show) void vscode.window.showInformationMessage(t('The Smarty ledger is imported: {0} persons added, {1} in all.', added, countPersons(after)));
      return { file: file.toString(), added, persons: countPersons(after) };
    }),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}

/** The image files the user picks; none → cancelled. */
export async function pickImages(title: string): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: true, canSelectFiles: true, canSelectFolders: false, filters: imageFilters() });
  if (!picked || picked.length === 0) throw new vscode.CancellationError();
  return picked;
}

function personName(ledger: Ledger, space: string, personId: number): string {
  const known = findPerson(ledger, checkedSpace(space), personId);
  return known?.name || vscode.l10n.t('person {0}', personId);
}

function countPersons(ledger: Ledger): number {
  return SPACES.reduce((sum, space) => sum + personsIn(ledger, space).length, 0);
}

/** The account an export file names, when it is JSON with one (the full check is the import's). */
function accountOf(text: string): string | undefined {
  try {
    const account = (JSON.parse(text) as { account?: unknown } | null)?.account;
    return typeof account === 'string' ? account : undefined;
  } catch {
    return undefined;
  }
}
