import * as vscode from 'vscode';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google';
import { activateExtension } from './helpers';

/**
 * For a suite that talks to Google: a fresh emulator with `imageInsight.google.endpoint` pointed
 * at it, Google selected and the emulator's key stored; its request log is cleared before each
 * test, and everything is put back after the suite. Call inside `describe`.
 */
export function useGoogleEmulator(): () => GoogleEmulator {
  let emulator: GoogleEmulator | undefined;
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  before(async () => {
    await activateExtension();
    emulator = await startGoogleEmulator();
    await config().update('google.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('provider', 'google', vscode.ConfigurationTarget.Global);
    await (await activateExtension()).setCredentials('google', { apiKey: emulator.apiKey });
  });
  beforeEach(() => emulator?.reset());
  after(async () => {
    for (const key of ['provider', 'google.endpoint', 'google.location', 'google.projectId', 'languages']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).clearCredentials('google');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the Google emulator is not running (useGoogleEmulator outside a describe?)');
    return emulator;
  };
}
