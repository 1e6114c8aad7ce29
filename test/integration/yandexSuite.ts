import * as vscode from 'vscode';
import { startYandexEmulator, type YandexEmulator } from '../emulators/yandex';
import { activateExtension } from './helpers';

/**
 * For a suite that talks to Yandex: a fresh emulator with the extension's endpoints pointed at it,
 * optionally chosen as the provider and with its key stored; its request log is cleared before
 * each test, and everything is put back after the suite. Call inside `describe`.
 */
export function useYandexEmulator(options: { select: boolean; key: boolean }): () => YandexEmulator {
  let emulator: YandexEmulator | undefined;
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  before(async () => {
    await activateExtension();
    emulator = await startYandexEmulator();
    await config().update('yandex.endpoint', emulator.vision.url, vscode.ConfigurationTarget.Global);
    await config().update('yandex.ocrEndpoint', emulator.ocr.url, vscode.ConfigurationTarget.Global);
    await config().update('provider', options.select ? 'yandex' : undefined, vscode.ConfigurationTarget.Global);
    if (options.key) await (await activateExtension()).setCredentials('yandex', { apiKey: emulator.apiKey });
  });
  beforeEach(() => emulator?.reset());
  after(async () => {
    for (const key of ['provider', 'yandex.endpoint', 'yandex.ocrEndpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).clearCredentials('yandex');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the Yandex emulator is not running (useYandexEmulator outside a describe?)');
    return emulator;
  };
}
