import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, clearNotifications, eventually, extensionLog, hasUiBridge, notifications, workspaceFile } from './helpers';

/** Runs a command the way a menu or the palette would, then returns the error message shown. */
async function shownError(run: () => Thenable<unknown>, expected: RegExp): Promise<void> {
  await clearNotifications();
  assert.equal(await run(), undefined, 'a UI invocation resolves with nothing when it fails');
  if (hasUiBridge()) {
    const shown = await eventually(async () => (await notifications()).find((m) => expected.test(m)), `a message matching ${expected}`);
    assert.match(shown, expected);
  }
  assert.match(extensionLog() || 'no log file here', process.env.IMAGE_INSIGHT_TEST_USER_DATA ? expected : /./);
}

describe('bad input', () => {
  before(activateExtension);
  after(clearNotifications);

  it('from the palette with no image open: says an image is needed', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await shownError(() => vscode.commands.executeCommand('imageInsight.extractText'), /Extract Text needs an image/);
  });

  it('with a folder: says it is a folder', async () => {
    const folder = workspaceFile('images');
    await shownError(() => vscode.commands.executeCommand('imageInsight.detectFaces', folder, [folder]), /"images" is a folder/);
  });

  it('with an untitled document: says it is unsaved', async () => {
    const untitled = vscode.Uri.parse('untitled:Untitled-1.png');
    await shownError(() => vscode.commands.executeCommand('imageInsight.classify', untitled, [untitled]), /unsaved document/);
  });

  it('with a URI of a scheme no file system serves: says so', async () => {
    const remote = vscode.Uri.parse('nosuchscheme://host/photo.png');
    await shownError(() => vscode.commands.executeCommand('imageInsight.findCopies', remote, [remote]), /no file system is available for "nosuchscheme:"/);
  });

  it('with a missing, empty, non-image or bomb file: names the file and the cause', async () => {
    for (const [name, expected] of [
      ['missing.png', /"missing.png" does not exist/],
      ['empty.png', /"empty.png" is empty/],
      ['notes.txt', /"notes.txt" is not an image: it is a text file/],
      ['page.jpg', /"page.jpg" is not an image: it is an HTML page/],
      ['bomb.png', /"bomb.png" declares 60000×60000 pixels/],
    ] as const) {
      const uri = workspaceFile(name);
      await shownError(() => vscode.commands.executeCommand('imageInsight.extractText', uri, [uri]), expected);
    }
  });

  it('with an argument of the wrong type: rejects with a specific message', async () => {
    for (const arg of [42, 'file:///x.png', { colour: 'red' }]) {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', arg)), /Extract Text/);
    }
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.setCredentials', 42, {})), /first argument must be one of/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.selectProvider', 42)), /must be a provider id/);
  });

  it('with a provider that is not there (another extension\'s, not installed): says so plainly and leaves the setting', async () => {
    const image = workspaceFile('images', 'fruits.jpg');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', image, { provider: 'acme.vision', show: false })),
      /provider "acme\.vision" is not available/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.selectProvider', 'acme.vision')), /Unknown provider "acme\.vision"\. Providers: local, yandex, google, smarty/);
    assert.equal(vscode.workspace.getConfiguration('imageInsight').get('provider'), 'local');
  });
});
