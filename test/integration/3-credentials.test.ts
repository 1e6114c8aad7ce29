import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, clearNotifications, eventually, extensionLog, findFiles, hasUiBridge, notifications, ui, workspaceFile } from './helpers';

describe('credentials', () => {
  // A unique value: if it shows up anywhere but the secret store, it leaked.
  const canary = `canary-${crypto.randomBytes(12).toString('hex')}`;

  after(async () => {
    await (await activateExtension()).clearCredentials('all');
  });

  it('the API stores and clears credentials without prompting', async () => {
    const api = await activateExtension();
    await api.setCredentials('yandex', { apiKey: canary });
    await api.setCredentials('smarty', { clientId: 'client-1', clientSecret: `${canary}-s` });
    assert.deepEqual(await api.clearCredentials('smarty'), ['smarty']);
    assert.deepEqual(await api.clearCredentials('smarty'), []);
    await assert.rejects(api.clearCredentials('nope'), /Unknown provider "nope"/);
    await assert.rejects(api.selectProvider('nope'), /Unknown provider "nope"/);
  });

  it('called with arguments, Set Credentials, Clear Credentials and Select Provider ask first, naming the change; unanswered, nothing changes', async () => {
    const api = await activateExtension();
    const configured = async () => (await api.providers()).find((p) => p.id === 'yandex')!.configured;
    await api.clearCredentials('all');
    // VS Code's test mode refuses every modal dialog and says what it would have shown: the
    // confirmation's text. A command: link or another extension gets no further.
    const asks = (args: unknown[], question: RegExp) =>
      assert.rejects(Promise.resolve(vscode.commands.executeCommand(...(args as [string, ...unknown[]]))), (e: Error) => /refused to show dialog/.test(e.message) && question.test(e.message) && !e.message.includes(canary));
    await asks(['imageInsight.setCredentials', 'yandex', { apiKey: canary }], /Store new credentials for Yandex Vision\?/);
    assert.equal(await configured(), false, 'nothing stored');
    await api.setCredentials('yandex', { apiKey: canary });
    await asks(['imageInsight.clearCredentials', 'yandex'], /Delete the stored credentials of Yandex Vision\?/);
    await asks(['imageInsight.clearCredentials', 'all'], /Delete the stored credentials of every provider\?/);
    assert.equal(await configured(), true, 'nothing deleted');
    await asks(['imageInsight.selectProvider', 'yandex'], /Use Yandex Vision for every analysis from now on\?/);
    assert.equal(vscode.workspace.getConfiguration('imageInsight').get('provider'), 'local', 'the provider is unchanged');
    await api.clearCredentials('yandex');
  });

  it('refuses malformed credentials with a message that does not echo them, before asking anything', async () => {
    await activateExtension();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: canary, iamToken: canary })),
      (e: Error) => /exactly one of these forms/.test(e.message) && !e.message.includes(canary),
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.setCredentials', 'local', { apiKey: canary })), /needs no credentials/);
    await assert.rejects((await activateExtension()).setCredentials('yandex', { token: canary }), (e: Error) => /exactly one of these forms/.test(e.message) && !e.message.includes(canary));
  });

  it('never lets the secret reach settings, the log, messages or error text', async () => {
    await activateExtension();
    await (await activateExtension()).setCredentials('yandex', { apiKey: canary });
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
