import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, clearNotifications, eventually, extensionLog, findFiles, hasUiBridge, notifications, ui, workspaceFile } from './helpers';

describe('credentials', () => {
  // A unique value: if it shows up anywhere but the secret store, it leaked.
  const canary = `canary-${crypto.randomBytes(12).toString('hex')}`;

  after(async () => {
    await vscode.commands.executeCommand('imageInsight.clearCredentials', 'all');
  });

  it('stores credentials passed as arguments without prompting, and clears them', async () => {
    await activateExtension();
    assert.equal(await vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: canary }), true);
    assert.equal(await vscode.commands.executeCommand('imageInsight.setCredentials', 'smarty', { clientId: 'client-1', clientSecret: `${canary}-s` }), true);
    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.clearCredentials', 'smarty'), ['smarty']);
    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.clearCredentials', 'smarty'), []);
  });

  it('refuses malformed credentials with a message that does not echo them', async () => {
    await activateExtension();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: canary, iamToken: canary })),
      (e: Error) => /exactly one of these forms/.test(e.message) && !e.message.includes(canary),
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.setCredentials', 'local', { apiKey: canary })), /needs no credentials/);
  });

  it('never lets the secret reach settings, the log, messages or error text', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: canary });
    // A failure path whose message could carry the key: a bad provider call and a bad file.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('missing.png'), { provider: canary })));
    await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images'), [workspaceFile('images')]);

    const settings = JSON.stringify(vscode.workspace.getConfiguration().inspect('imageInsight')) + JSON.stringify(vscode.workspace.getConfiguration('imageInsight'));
    assert.ok(!settings.includes(canary), 'settings');
    const userData = process.env.IMAGE_INSIGHT_TEST_USER_DATA;
    if (userData) {
      for (const file of findFiles(userData, /\.(json|log)$/)) {
        assert.ok(!fs.readFileSync(file, 'utf8').includes(canary), file);
      }
    }
    const log = extensionLog();
    if (userData) assert.ok(log.includes('credentials stored for yandex'), 'the log file was found and written');
    assert.ok(!log.includes(canary), 'log file');
    if (hasUiBridge()) {
      const shown = await eventually(async () => ((await notifications()).length > 0 ? notifications() : undefined), 'a notification');
      assert.ok(!shown.join('\n').includes(canary), 'notifications');
      // globalState and everything else the workbench keeps in the browser: the canary may only
      // be inside VS Code's own secret store entries.
      const entries = await ui<Array<{ db: string; store: string; key: string; value: string }>>('webStorageDump');
      const leaks = entries.filter((e) => (e.value.includes(canary) || e.key.includes(canary)) && !/secret/i.test(e.key));
      assert.deepEqual(leaks.map((e) => `${e.db}/${e.store}/${e.key}`), []);
      await clearNotifications();
    }
  });
});
