import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { startSmartyEmulator, type SmartyEmulator } from '../emulators/smarty';
import { activateExtension, assertStoredNowhere, clearNotifications, eventually, findFiles, hasUiBridge, ui, workspaceFile } from './helpers';

interface LedgerFile { spaces: Record<string, Array<{ personId: number; images: Array<{ sha256: string }> }>> }

/** The extension's ledger files, as they are on disk (global storage). */
function ledgerFiles(): LedgerFile[] {
  const userData = process.env.IMAGE_INSIGHT_TEST_USER_DATA;
  return userData ? findFiles(userData, /^smarty-ledger-[0-9a-f]{64}\.json$/).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as LedgerFile) : [];
}

/** space → person id → image hashes, from the ledger of the account with persons (the emulator's snapshot shape). */
function ledgerState(): Record<string, Record<number, string[]>> {
  const out: Record<string, Record<number, string[]>> = {};
  for (const ledger of ledgerFiles()) {
    for (const [space, persons] of Object.entries(ledger.spaces)) out[space] = Object.fromEntries(persons.map((p) => [p.personId, p.images.map((i) => i.sha256).sort()]));
  }
  return out;
}

describe('VK Cloud Smarty against the local emulator (real VS Code)', function () {
  this.timeout(90_000);
  let emulator: SmartyEmulator;
  const config = () => vscode.workspace.getConfiguration('imageInsight');

  before(async () => {
    await activateExtension();
    emulator = await startSmartyEmulator();
    await config().update('smarty.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('smarty.tokenEndpoint', emulator.tokenUrl, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).setCredentials('smarty', { accessToken: emulator.accessToken });
  });
  after(async () => {
    for (const key of ['smarty.endpoint', 'smarty.tokenEndpoint', 'request.timeoutSeconds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).clearCredentials('smarty');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator.close();
    fs.rmSync(workspaceFile('images', 'smarty-fruits.jpg').fsPath, { force: true });
  });

  it('enroll 3 persons (one a face crop of messi5.jpg) → recognize tags them → delete one → ledger and server agree → truncate with confirmation → empty', async () => {
    emulator.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const enroll = (file: string, personId: number, extra: object = {}) =>
      vscode.commands.executeCommand<{ done: boolean; personId: number; space: string }>('imageInsight.enrollPerson', workspaceFile('images', file), { space: '5', personId, show: false, ...extra });
    const face = [{ x: 190, y: 40 }, { x: 290, y: 40 }, { x: 290, y: 170 }, { x: 190, y: 170 }];
    assert.deepEqual(await enroll('messi5.jpg', 1, { face }), { space: '5', personId: 1, uri: workspaceFile('images', 'messi5.jpg').toString(), done: true });
    // A copy of its own: the extension remembers the faces other suites found in fruits.jpg, and
    // enrolling without `face` would send that face's crop, which the emulator (it matches whole
    // files) could not match against the whole picture below.
    fs.copyFileSync(workspaceFile('images', 'fruits.jpg').fsPath, workspaceFile('images', 'smarty-fruits.jpg').fsPath);
    assert.equal((await enroll('smarty-fruits.jpg', 2)).done, true);
    assert.equal((await enroll('scenetext01.jpg', 3)).done, true);
    const sets = emulator.server.requests.filter((r) => r.path === '/api/v1/persons/set');
    assert.equal(sets.length, 3, 'enrolling is persons/set, never recognize');
    const account = `token:${emulator.accessToken}`;
    assert.deepEqual(ledgerState(), emulator.state.snapshot()[account]);

    const recognized = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.recognizePersons', workspaceFile('images', 'smarty-fruits.jpg'), { space: '5' });
    assert.equal(recognized.faces![0]!.person!.tag, 'person2');
    assert.equal(recognized.faces![0]!.person!.similarity, 0.98);
    const meta = emulator.server.requests.filter((r) => r.path === '/api/v1/persons/recognize').length;
    assert.equal(meta, 1);
    // The panel tags the face on the picture with the person and the similarity.
    const tags = () => ui<string[]>('text', { selector: 'text.face-tag', frame: true });
    if (hasUiBridge()) await eventually(async () => (await tags()).includes('person2 (98 % similar)'), 'the recognized face tagged in the panel', 20_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const stranger = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.recognizePersons', workspaceFile('images', 'messi5.jpg'), { space: '5' });
    assert.equal(stranger.faces![0]!.person!.tag, 'unknown', 'the whole picture is not the enrolled crop');
    if (hasUiBridge()) {
      await eventually(async () => (await tags()).some((tag) => tag.startsWith('unknown')), 'the unknown face tagged in the panel', 20_000);
      assert.equal(await ui<number>('count', { selector: '.enroll-new', frame: true }), 1, 'an unknown face offers Enroll as New Person…');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.smarty.deletePerson', { space: '5', personId: 2 }), { space: '5', removed: [2] });
    assert.deepEqual(ledgerState(), emulator.state.snapshot()[account]);
    assert.deepEqual(Object.keys(ledgerState()['5']!), ['1', '3']);

    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.smarty.truncateSpace', { space: '5', confirm: '6' })), /must be the space number/);
    assert.deepEqual(Object.keys(ledgerState()['5']!), ['1', '3'], 'a wrong confirmation changes nothing');
    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.smarty.truncateSpace', { space: '5', confirm: '5' }), { space: '5', truncated: true });
    assert.deepEqual(ledgerState(), {});
    assert.deepEqual(emulator.state.snapshot(), {});
  });

  it('Extract Text and Classify Image work with Smarty', async () => {
    emulator.reset();
    const text = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('images', 'fruits.jpg'), { provider: 'smarty', show: false });
    assert.equal(text.text!.fullText, 'emulated');
    const labels = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { provider: 'smarty', show: false });
    assert.ok(labels.labels!.some((l) => l.group === 'safeSearch') && labels.labels!.some((l) => l.group === 'object'));
  });

  it('a canary token through every failure path appears in no message, log, setting, stored state or webview', async () => {
    const canary = 'canary0smarty0token0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const secret = 'canary-client-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const own = await startSmartyEmulator({ accessToken: canary, clientSecret: secret });
    const api = await activateExtension();
    const messages: string[] = [];
    const attempt = async (label: string) =>
      vscode.commands.executeCommand('imageInsight.recognizePersons', workspaceFile('images', 'fruits.jpg'), { space: '1', show: false }).then(
        () => assert.fail(`${label} should fail`),
        (e: unknown) => messages.push(e instanceof Error ? e.message : String(e)),
      );
    try {
      await config().update('smarty.endpoint', own.url, vscode.ConfigurationTarget.Global);
      await config().update('smarty.tokenEndpoint', own.tokenUrl, vscode.ConfigurationTarget.Global);
      await config().update('request.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
      await api.setCredentials('smarty', { accessToken: canary });
      // A 401 that echoes the token (a service token is not renewed: one refusal is the answer).
      own.refuseNextToken();
      await attempt('401 echo');
      own.server.inject({ kind: 'status', status: 403, body: JSON.stringify({ status: 403, body: `access denied: update the access token ${canary}`, htmlencoded: false, last_modified: 0 }) });
      await attempt('403');
      own.server.inject({ kind: 'status', status: 500, body: `internal error for oauth_token=${canary}` });
      await attempt('500 string body');
      own.server.inject({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
      await attempt('network error');
      own.server.inject({ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' });
      await attempt('stall');
      // Client credentials: the token endpoint fails, then a fetched token is refused with its echo.
      await api.setCredentials('smarty', { clientId: own.clientId, clientSecret: secret });
      own.server.injectFor((r) => r.path === '/auth/oauth/v1/token', { kind: 'status', status: 500, body: JSON.stringify({ error: `server_error ${secret}` }) });
      await attempt('token endpoint failure');
      // Refused, renewed once, refused again (echoing the new token): the second refusal is the answer.
      const refusal = { kind: 'status' as const, status: 401, body: JSON.stringify({ status: 401, body: 'authorization failed, provider: mcs, token: expired, reason: token expired', htmlencoded: false, last_modified: 0 }) };
      own.server.injectFor((r) => r.path.startsWith('/api/'), refusal);
      own.refuseNextToken();
      await attempt('refused twice');
      const fetched = [...own.tokens.access.keys()];
      assert.ok(fetched.length > 0, 'a token was fetched');
      // One shown failure: the notification must not carry it either.
      own.server.injectFor((r) => r.path.startsWith('/api/'), refusal);
      own.refuseNextToken();
      await vscode.commands.executeCommand('imageInsight.recognizePersons', workspaceFile('images', 'fruits.jpg'), { space: '1' }).then(undefined, () => undefined);
      const shapes = [canary, canary.slice(0, 16), secret, secret.slice(0, 16), ...fetched, ...fetched.map((t) => t.slice(0, 16))];
      const leaks = (text: string) => shapes.filter((shape) => text.includes(shape));
      for (const message of messages) assert.ok(leaks(message).length === 0 && /VK Cloud Smarty/.test(message), message);
      assert.equal(messages.length, 7);
      await assertStoredNowhere(leaks);
    } finally {
      await config().update('smarty.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
      await config().update('smarty.tokenEndpoint', emulator.tokenUrl, vscode.ConfigurationTarget.Global);
      await config().update('request.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await api.setCredentials('smarty', { accessToken: emulator.accessToken });
      await clearNotifications();
      await own.close();
    }
  });
});
