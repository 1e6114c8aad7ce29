import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { startSmartyEmulator, type SmartyEmulator } from '../emulators/smarty';
import { activateExtension, eventually, extensionLog, hasUiBridge, pickQuickPickRow, ui, workspaceFile } from './helpers';

interface Shown { label: string; description?: string; icon?: string; children?: Shown[] }
interface FolderReport {
  space: string;
  persons: Array<{ name: string; personId: number; isNew: boolean; enrolled: number }>;
  images: Array<{ file: string; person: string; personId: number; done: boolean; error?: string }>;
  skipped: Array<{ file: string; reason: string }>;
}

/** The tree as the view shows it (the refresh command walks the TreeDataProvider's getChildren). */
const tree = async () => (await vscode.commands.executeCommand<Shown[]>('imageInsight.smarty.refresh'));
const spaceOf = async (space: string) => (await tree()).find((s) => s.label === `Space ${space}`);
const exported = async (): Promise<{ account: string; spaces: Record<string, Array<{ personId: number; name: string; images: Array<{ sha256: string }> }>> }> => {
  const file = workspaceFile('smarty-export', 'ledger.json');
  await vscode.commands.executeCommand('imageInsight.smarty.exportLedger', { file, show: false });
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as never;
};
/** space → person id → image hashes: the shape of the emulator's snapshot. */
const ledgerState = async (space: string) =>
  Object.fromEntries(((await exported()).spaces[space] ?? []).map((p) => [p.personId, p.images.map((i) => i.sha256).sort()]));

describe('Smarty Persons tree and its actions against the emulator (real VS Code)', function () {
  this.timeout(90_000);
  let emulator: SmartyEmulator;
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  const serverState = (space: string) => emulator.state.snapshot()[`token:${emulator.accessToken}`]?.[space] ?? {};
  const truncate = (space: string) => vscode.commands.executeCommand('imageInsight.smarty.truncateSpace', { space, confirm: space });

  before(async () => {
    const api = await activateExtension();
    emulator = await startSmartyEmulator();
    await config().update('smarty.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('smarty.tokenEndpoint', emulator.tokenUrl, vscode.ConfigurationTarget.Global);
    await api.setCredentials('smarty', { accessToken: emulator.accessToken });
  });
  after(async () => {
    if (hasUiBridge()) await ui('press', { key: 'Escape' });
    for (const key of ['smarty.endpoint', 'smarty.tokenEndpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).clearCredentials('smarty');
    await emulator.close();
  });

  it('shows nothing (so VS Code shows its welcome) without credentials, and with credentials but no person yet', async () => {
    const api = await activateExtension();
    const welcome = async (expected: RegExp) => {
      if (!hasUiBridge()) return;
      await vscode.commands.executeCommand('imageInsight.smarty.focus');
      await ui('waitFor', { selector: `.welcome-view-content >> text=${expected.source}`, timeoutMs: 15_000 });
    };
    await api.clearCredentials('smarty');
    assert.deepEqual(await tree(), []);
    await welcome(/Set Smarty Credentials/);
    await api.setCredentials('smarty', { accessToken: `${emulator.accessToken.slice(0, -3)}new` });
    assert.deepEqual(await tree(), [], 'a fresh account has an empty ledger');
    await welcome(/Enroll Folder/);
    await api.setCredentials('smarty', { accessToken: emulator.accessToken });
  });

  it('enroll 3 persons → the tree shows them with counts → rename one → delete one → tree and server agree', async () => {
    emulator.reset();
    await truncate('6');
    const enroll = (file: string) =>
      vscode.commands.executeCommand<{ personId: number; images: Array<{ done: boolean }> }>('imageInsight.smarty.enrollImage', { space: '6', images: [workspaceFile('images', file)], show: false });
    const ids = [];
    for (const file of ['fruits.jpg', 'scenetext01.jpg', 'messi5.jpg']) {
      const done = await enroll(file);
      assert.deepEqual(done.images.map((i) => i.done), [true], file);
      ids.push(done.personId);
    }
    assert.deepEqual(ids, [1, 2, 3], 'a script without personId enrolls a new person each time');
    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.smarty.renamePerson', { space: '6', personId: 1, name: ' Anna ' }), { space: '6', personId: 1, name: 'Anna' });

    const six = await spaceOf('6');
    assert.equal(six?.description, '3 persons');
    assert.deepEqual(six?.children?.map((p) => [p.label, p.description]), [['Anna', '1 images'], ['person2', '1 images'], ['person3', '1 images']]);
    const [image] = six.children[0]!.children!;
    assert.equal(image!.label, 'fruits.jpg');
    assert.match(image!.description ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(image!.icon, 'thumbnail', 'the ledger has a face thumbnail: the icon is its file');
    assert.equal((await spaceOf('4'))?.description, '0 persons');
    assert.deepEqual((await spaceOf('4'))?.children, [], 'an empty space is shown closed, with nothing in it');
    assert.deepEqual(await ledgerState('6'), serverState('6'));
    const recognized = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.smarty.recognizeInSpace', { space: '6', images: [workspaceFile('images', 'fruits.jpg')], show: false });
    assert.equal(recognized.faces![0]!.person!.tag, 'Anna', 'Recognize in Space tags the face with the local name');

    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.smarty.deletePerson', { space: '6', personId: 2 }), { space: '6', removed: [2] });
    assert.deepEqual((await spaceOf('6'))?.children?.map((p) => p.label), ['Anna', 'person3']);
    assert.deepEqual(Object.keys(serverState('6')), ['1', '3']);
    assert.deepEqual(await ledgerState('6'), serverState('6'));
    await truncate('6');
  });

  it('Enroll Folder with 3 sub-folders: the ledger and the emulator agree, the tree names the persons, the report lists each image', async () => {
    emulator.reset();
    await truncate('7');
    const team = workspaceFile('enroll-team');
    await vscode.workspace.fs.delete(team, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    const layout: Record<string, string[]> = { Anna: ['fruits.jpg'], Boris: ['scenetext01.jpg', 'messi5.jpg'], Vera: ['text_motion.jpg'] };
    for (const [person, files] of Object.entries(layout)) {
      for (const file of files) await vscode.workspace.fs.copy(workspaceFile('images', file), vscode.Uri.joinPath(team, person, file), { overwrite: true });
    }
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(team, 'Vera', 'notes.txt'), new TextEncoder().encode('not an image'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(team, 'Vera', 'broken.jpg'), new TextEncoder().encode('a text file named like a JPEG'));

    const report = await vscode.commands.executeCommand<FolderReport>('imageInsight.smarty.enrollFolder', { folder: team, space: '7', show: false });
    assert.deepEqual(report.persons.map((p) => [p.name, p.personId, p.isNew, p.enrolled]), [['Anna', 1, true, 1], ['Boris', 2, true, 2], ['Vera', 3, true, 1]]);
    assert.deepEqual(report.images.map((i) => [i.file, i.person, i.done]), [
      ['Anna/fruits.jpg', 'Anna', true], ['Boris/messi5.jpg', 'Boris', true], ['Boris/scenetext01.jpg', 'Boris', true], ['Vera/broken.jpg', 'Vera', false], ['Vera/text_motion.jpg', 'Vera', true],
    ]);
    assert.match(report.images[3]!.error ?? '', /broken\.jpg/, 'a file that is not an image is reported with its reason and stops nothing');
    assert.deepEqual(report.skipped, [{ file: 'Vera/notes.txt', reason: 'notImage' }]);
    // The report in the log (Show Report opens it): a summary and a line per image and per skipped file (the log may lag a moment behind).
    const logged = async (pattern: RegExp) => {
      for (let i = 0; i < 50 && !pattern.test(extensionLog()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(extensionLog(), pattern);
    };
    await logged(/Enroll Folder "enroll-team" → space 7: 4 of 5 images enrolled, 1 skipped\./);
    for (const line of [/✓ Anna\/fruits\.jpg → Anna \(person 1\)/, /✓ Boris\/messi5\.jpg → Boris \(person 2\)/, /✗ Vera\/broken\.jpg → Vera \(person 3\): /, /– Vera\/notes\.txt: skipped \(not an image\)/]) await logged(line);
    assert.equal(emulator.server.requests.filter((r) => r.path === '/api/v1/persons/set').length, 1, 'one batched set for the 4 images');
    assert.deepEqual(await ledgerState('7'), serverState('7'));
    assert.deepEqual((await spaceOf('7'))?.children?.map((p) => [p.label, p.description]), [['Anna', '1 images'], ['Boris', '2 images'], ['Vera', '1 images']]);

    // Again: the same names are the same persons (no new ids), the same images are not listed twice.
    const again = await vscode.commands.executeCommand<FolderReport>('imageInsight.smarty.enrollFolder', { folder: team, space: '7', show: false });
    assert.deepEqual(again.persons.map((p) => [p.personId, p.isNew]), [[1, false], [2, false], [3, false]]);
    assert.deepEqual(await ledgerState('7'), serverState('7'));
  });

  it('export then import round trip; a damaged file or another account\'s changes nothing', async () => {
    const before = await exported();
    assert.ok((before.spaces['7'] ?? []).length === 3, 'the previous test left 3 persons in space 7');
    const file = workspaceFile('smarty-export', 'shared.json');
    // A teammate's export: the same ledger with one more person named in space 8.
    const theirs = structuredClone(before);
    theirs.spaces['8'] = [{ ...before.spaces['7']![0]!, personId: 41, name: 'Grigory' }];
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(theirs)));
    const imported = await vscode.commands.executeCommand<{ added: number; persons: number }>('imageInsight.smarty.importLedger', { file, show: false });
    assert.deepEqual([imported.added, imported.persons], [1, 4]);
    assert.deepEqual((await spaceOf('8'))?.children?.map((p) => p.label), ['Grigory']);
    const after = await exported();
    assert.deepEqual(after.spaces['7'], before.spaces['7'], 'what was there is kept as it was');

    const damaged = workspaceFile('smarty-export', 'damaged.json');
    for (const text of [JSON.stringify(after).slice(0, 200), JSON.stringify({ ...after, spaces: { 7: [{ personId: 'x' }] } })]) {
      await vscode.workspace.fs.writeFile(damaged, new TextEncoder().encode(text));
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.smarty.importLedger', { file: damaged, show: false })), /cannot be imported \(nothing was changed\)/);
      assert.deepEqual(await exported(), after);
    }
    const other = workspaceFile('smarty-export', 'other.json');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode(JSON.stringify({ ...theirs, account: 'f'.repeat(64) })));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.smarty.importLedger', { file: other, show: false })), /another VK Cloud account/);
    assert.deepEqual(await exported(), after);
    await truncate('7');
    await truncate('8');
  });
  it('Import Ledger from the tree asks before taking another account\'s export; unanswered, nothing changes', async () => {
    const before = await exported();
    const other = workspaceFile('smarty-export', 'other-account.json');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode(JSON.stringify({ ...before, account: 'e'.repeat(64), spaces: { 3: [{ personId: 77, name: 'Stranger', notes: '', images: [{ sha256: 'a'.repeat(64), source: 'file:///elsewhere/stranger.jpg', enrolledAt: '2026-12-01T10:00:00.000Z' }] }] } })));
    // From the tree (a node names its kind) the user is asked; VS Code's test mode refuses the
    // modal, and the refusal, quoting the question, is the failure the log records.
    const mark = extensionLog().length;
    await vscode.commands.executeCommand('imageInsight.smarty.importLedger', { kind: 'root', file: other });
    await eventually(() => /another VK Cloud account or endpoint\. Import its persons into the ledger of the current credentials anyway\?/.test(extensionLog().slice(mark)), 'the question in the log');
    assert.deepEqual(await exported(), before);
  });

  it('Enroll Folder… from a folder\'s Explorer menu: asks the space, shows progress, and Cancel stops it with nothing recorded that the server did not accept', async function () {
    if (!hasUiBridge()) this.skip();
    emulator.reset();
    await truncate('4');
    const folder = workspaceFile('enroll-cancel');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    for (const [person, file] of [['Dina', 'fruits.jpg'], ['Egor', 'messi5.jpg'], ['Fedor', 'scenetext01.jpg']]) {
      await vscode.workspace.fs.copy(workspaceFile('images', file!), vscode.Uri.joinPath(folder, person!, file!), { overwrite: true });
    }
    // The server never answers: the request hangs until the user cancels.
    for (let i = 0; i < 3; i++) emulator.server.injectFor((r) => r.path === '/api/v1/persons/set', { kind: 'stall' });
    await vscode.commands.executeCommand('revealInExplorer', folder);
    const row = '.explorer-folders-view .monaco-list-row[aria-label^="enroll-cancel"]';
    await ui('waitFor', { selector: row });
    await ui('click', { selector: row, button: 'right' });
    // A click on a menu that has only just opened can be lost (the menu stays open): click until it closes.
    const item = '.monaco-menu .action-label[aria-label="Enroll Folder…"]';
    for (let attempt = 1; ; attempt++) {
      await ui('click', { selector: item, timeoutMs: 10_000 });
      try {
        await ui('waitFor', { selector: '.monaco-menu', state: 'hidden', timeoutMs: 3_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await pickQuickPickRow('4');
    await eventually(() => emulator.server.requests.some((r) => r.path === '/api/v1/persons/set'), 'the batched persons/set', 20_000);
    const mark = extensionLog().length;
    await vscode.commands.executeCommand('notifications.showList');
    const cancel = '.notifications-center .notification-list-item .monaco-button[aria-label="Cancel"], .notifications-center .notification-list-item .monaco-button:text-is("Cancel")';
    await ui('click', { selector: cancel, timeoutMs: 10_000 });
    await vscode.commands.executeCommand('notifications.hideList');
    await eventually(() => /Enroll Folder "enroll-cancel" → space 4: 0 of 3 images enrolled, 0 skipped\./.test(extensionLog().slice(mark)), 'the report in the log', 20_000);
    assert.match(extensionLog().slice(mark), /✗ Dina\/fruits\.jpg → Dina \(person 1\): /);
    assert.deepEqual(serverState('4'), {});
    assert.deepEqual(await ledgerState('4'), {}, 'the ledger records nothing the server did not accept');
    assert.equal((await spaceOf('4'))?.children, undefined, 'no person appears in the tree');
  });
});
