import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import type { YandexEmulator } from '../emulators/yandex';
import { activateExtension, clearNotifications, eventually, hasUiBridge, notifications, ui, workspaceFile } from './helpers';
import { useYandexEmulator } from './yandexSuite';

/** Clicks a button of the notification whose message matches, in the notification center. */
async function clickNotificationButton(message: RegExp, button: string): Promise<void> {
  await eventually(async () => (await notifications()).some((m) => message.test(m)), `a notification matching ${message}`, 20_000);
  await vscode.commands.executeCommand('notifications.showList');
  await ui('click', { selector: `.notifications-center .notification-list-item .monaco-button:has-text("${button}")` });
}

describe('no dead ends: a provider without the feature offers those that have it', function () {
  this.timeout(60_000);
  const yandex = useYandexEmulator({ select: false, key: false }); // Local, the default
  let emulator: YandexEmulator;
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  const image = () => workspaceFile('images', 'messi5.jpg');
  beforeEach(async () => {
    emulator = yandex();
    await clearNotifications();
  });
  after(clearNotifications);

  it('from a script: rejects naming the providers that have the feature, and sends nothing', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('imageInsight.detectFaces', image(), { show: false })),
      /Local \(offline\) does not offer faces\. Providers that do: Yandex Vision, Google Cloud Vision\./,
    );
    assert.equal(emulator.vision.requests.length, 0);
  });

  it('from a menu: picking the offered provider runs the command with it, and offers to make it the default', async function () {
    if (!hasUiBridge()) this.skip();
    await (await activateExtension()).setCredentials('yandex', { apiKey: emulator.apiKey });
    const running = vscode.commands.executeCommand<AnalysisResult>('imageInsight.detectFaces', image(), [image()]);
    await clickNotificationButton(/does not offer faces/, 'Use Yandex Vision');
    const result = await running;
    assert.equal(result.provider, 'yandex');
    assert.equal(emulator.vision.requests.length, 1);
    assert.equal(config().get('provider'), 'local', 'the default is unchanged until the user says so');
    await clickNotificationButton(/Use Yandex Vision for every analysis/, 'Make Default');
    await eventually(() => config().get('provider') === 'yandex', 'the provider setting to change');
    await config().update('provider', undefined, vscode.ConfigurationTarget.Global);
  });

  it('from a menu, with no credentials for the offered provider: asks for them first, then runs', async function () {
    if (!hasUiBridge()) this.skip();
    await (await activateExtension()).clearCredentials('yandex');
    const running = vscode.commands.executeCommand<AnalysisResult>('imageInsight.classify', image(), [image()]);
    await clickNotificationButton(/does not offer labels/, 'Use Yandex Vision');
    // Set Credentials…: the kind of credentials (the API key is first), then the key itself.
    await ui('waitFor', { selector: '.quick-input-widget .quick-input-list .monaco-list-row' });
    await ui('press', { key: 'Enter' });
    await ui('waitFor', { selector: '.quick-input-widget input[type="password"]' });
    await ui('type', { text: emulator.apiKey });
    await ui('press', { key: 'Enter' });
    const result = await running;
    assert.equal(result.provider, 'yandex');
    assert.equal(emulator.vision.requests.length, 1);
    assert.equal(emulator.vision.requests[0]!.headers.authorization, `Api-Key ${emulator.apiKey}`);
  });
});
