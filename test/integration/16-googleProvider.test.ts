import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import type { Fault } from '../emulators/core';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google';
import { patternPng } from '../emulators/yandex/image';
import { useGoogleEmulator } from './googleSuite';
import { activateExtension, assertStoredNowhere, clearNotifications, eventually, extensionLog, hasUiBridge, notificationButtons, notifications, pasteImageAsText, ui, workspaceFile } from './helpers';

type Body = { requests: Array<{ features: Array<{ type: string }>; imageContext?: { languageHints?: string[] } }> };
const body = (emulator: GoogleEmulator, i = 0) => JSON.parse(emulator.server.requests[i]!.body.toString()) as Body;

describe('Google Cloud Vision provider against the local emulator (real VS Code)', function () {
  this.timeout(90_000);
  const google = useGoogleEmulator();
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  let emulator: GoogleEmulator;
  beforeEach(() => (emulator = google()));

  it('Extract Text: one annotate request with the key in X-Goog-Api-Key, hints from the languages, lines as Google broke them', async () => {
    await config().update('languages', ['ru', 'en'], vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'));
      assert.equal(result.provider, 'google');
      const [request] = emulator.server.requests;
      assert.equal(request!.path, '/v1/images:annotate');
      assert.equal(request!.headers['x-goog-api-key'], emulator.apiKey);
      assert.ok(!request!.path.includes(emulator.apiKey) && request!.query.toString() === '', 'the key never goes into the URL');
      assert.deepEqual(body(emulator).requests[0]!.features.map((f) => f.type), ['DOCUMENT_TEXT_DETECTION']);
      assert.deepEqual(body(emulator).requests[0]!.imageContext?.languageHints, ['ru', 'en']);
      assert.equal(result.text!.pages[0]!.blocks[0]!.lines[0]!.text, 'Image In-');
      if (hasUiBridge()) await ui('waitFor', { selector: '.layer-word', frame: true, state: 'attached', timeoutMs: 20_000 });
    } finally {
      await config().update('languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Detect Faces, Classify Image and Find Image Copies each send their features, and the panel shows the answer', async () => {
    const expected: Record<string, [string[], string]> = {
      'imageInsight.detectFaces': [['FACE_DETECTION'], '.shape.face'],
      'imageInsight.classify': [['LABEL_DETECTION', 'SAFE_SEARCH_DETECTION'], '.rows .row'],
      'imageInsight.findCopies': [['WEB_DETECTION'], '.copies .row'],
    };
    for (const [command, [types, selector]] of Object.entries(expected)) {
      emulator.reset();
      const result = await vscode.commands.executeCommand<AnalysisResult>(command, workspaceFile('images', 'messi5.jpg'));
      assert.deepEqual(body(emulator).requests[0]!.features.map((f) => f.type), types, command);
      assert.ok(result.faces ?? result.labels ?? result.copies, command);
      if (hasUiBridge()) await ui('waitFor', { selector, frame: true, timeoutMs: 20_000 });
    }
  });

  it('Analyze Image… asks every Google feature in one request; colours, landmarks with a map link, crop hints reach the panel', async () => {
    const features = ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints'];
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.analyze', workspaceFile('images', 'fruits.jpg'), { features });
    assert.equal(emulator.server.requests.length, 1);
    assert.equal(body(emulator).requests[0]!.features.length, 10);
    assert.deepEqual(result.errors, []);
    assert.ok(result.colors!.length > 0 && result.labels!.some((l) => l.group === 'landmark' && l.locations!.length > 0));
    assert.ok(result.copies!.bestGuess!.length > 0);
    if (!hasUiBridge()) return;
    await ui('waitFor', { selector: '.swatch', frame: true, timeoutMs: 20_000 });
    await ui('waitFor', { selector: 'body img.picture-loaded', frame: true, state: 'attached', timeoutMs: 20_000 });
    const buttons = await ui<string[]>('text', { selector: '.row-action', frame: true });
    assert.ok(buttons.includes('Open in map'), buttons.join(' | '));
    const shots = process.env.IMAGE_INSIGHT_SCREENSHOTS;
    if (shots) await ui('screenshot', { path: path.join(shots, 'results-panel-google.png') });
  });

  it('a multi-selection of 20 images: 2 requests (16 + 4), each image its own result; a bad file is reported and not sent', async () => {
    const folder = workspaceFile('google-batch');
    fs.mkdirSync(folder.fsPath, { recursive: true });
    const source = fs.readFileSync(workspaceFile('images', 'fruits.jpg').fsPath);
    const images = Array.from({ length: 20 }, (_, i) => {
      const uri = vscode.Uri.joinPath(folder, `fruit-${String(i).padStart(2, '0')}.jpg`);
      fs.writeFileSync(uri.fsPath, source);
      return uri;
    });
    try {
      const bad = workspaceFile('notes.txt');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // As from the Explorer: the clicked image and the selection, each result in its own panel.
      const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.classify', images[0], [...images, bad]);
      assert.equal(results.length, 21);
      assert.deepEqual(emulator.server.requests.map((_, i) => body(emulator, i).requests.length), [16, 4]);
      results.slice(0, 20).forEach((r, i) => assert.ok(r.image.uri === images[i]!.toString() && r.labels!.length > 0 && r.errors.length === 0, `image ${i}`));
      assert.equal(results[20]!.errors[0]!.feature, '*');
      const panels = () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('imageInsight.results'))
          .map((t) => t.label);
      const titles = await eventually(() => panels().length === 20 && panels(), 'a results panel for each of the 20 images', 30_000);
      images.forEach((uri) => assert.ok(titles.some((title) => title.startsWith(uri.path.split('/').pop()!)), `the panel of ${uri.path}`));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(folder.fsPath, { recursive: true, force: true });
    }
  });

  it('data residency: the project\'s regional method; a location without a project is named to a script, and nothing is sent', async () => {
    try {
      await config().update('google.location', 'eu', vscode.ConfigurationTarget.Global);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false })), (e: unknown) => e instanceof Error && /imageInsight\.google\.projectId/.test(e.message));
      assert.equal(emulator.server.requests.length, 0);
      await config().update('google.projectId', emulator.projectId, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false });
      assert.deepEqual(emulator.server.requests.map((r) => r.path), [`/v1/projects/${emulator.projectId}/locations/eu/images:annotate`]);
    } finally {
      await config().update('google.location', undefined, vscode.ConfigurationTarget.Global);
      await config().update('google.projectId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('data residency from a command: the project is asked for once, saved, and the request goes to its regional method', async function () {
    if (!hasUiBridge()) this.skip();
    try {
      await config().update('google.location', 'asia', vscode.ConfigurationTarget.Global);
      const running = Promise.resolve(vscode.commands.executeCommand<AnalysisResult>('imageInsight.classify', workspaceFile('images', 'fruits.jpg')));
      await ui('waitFor', { selector: '.quick-input-widget input', timeoutMs: 20_000 });
      await ui('type', { text: emulator.projectId });
      await ui('press', { key: 'Enter' });
      const result = await running;
      assert.ok(result.labels!.length > 0);
      assert.deepEqual(emulator.server.requests.map((r) => r.path), [`/v1/projects/${emulator.projectId}/locations/asia/images:annotate`]);
      assert.equal(config().get('google.projectId'), emulator.projectId);
      // Asked once: the next request goes straight to the same method.
      await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false });
      assert.equal(emulator.server.requests.length, 2);
      assert.equal(emulator.server.requests[1]!.path, emulator.server.requests[0]!.path);
    } finally {
      await config().update('google.location', undefined, vscode.ConfigurationTarget.Global);
      await config().update('google.projectId', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('Insert Extracted Text puts Google\'s text, as Google broke its lines, into the editor', async () => {
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'), { show: false });
    const document = await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    try {
      await vscode.commands.executeCommand('imageInsight.insertText');
      await eventually(() => document.getText().trim() !== '', 'the extracted text in the editor');
      assert.match(document.getText(), /^Image In-\nsight /);
      assert.equal(document.getText().trim(), result.text!.fullText.trim(), 'the same text as Google\'s own');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Paste Image as Text with Google selected: the pasted image goes to Google and its text is inserted', async function () {
    if (!hasUiBridge()) this.skip();
    await pasteImageAsText(workspaceFile('images', 'imageTextN.png'), async (document) => {
      await eventually(() => document.getText().trim() !== '', 'Google\'s text in the editor', 30_000);
      assert.match(document.getText(), /^Image In-\nsight /);
      assert.equal(emulator.server.requests.length, 1);
      assert.equal(emulator.server.requests[0]!.headers['x-goog-api-key'], emulator.apiKey);
    });
  });

  it('a blank picture: Google answers {} and the panel says nothing was found', async () => {
    const tiny = workspaceFile('google-blank.png');
    fs.writeFileSync(tiny.fsPath, patternPng('blank', 4, 4));
    try {
      const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.classify', tiny);
      assert.deepEqual([result.labels, result.errors], [undefined, []]);
      if (!hasUiBridge()) return;
      await ui('waitFor', { selector: '.findings .notice', frame: true, timeoutMs: 20_000 });
      assert.match((await ui<string[]>('text', { selector: '.findings .notice', frame: true })).join(' '), /Nothing was found/);
    } finally {
      fs.rmSync(tiny.fsPath, { force: true });
    }
  });

  it('sends nothing for any bad input of the preparation corpus', async () => {
    for (const file of ['empty.png', 'notes.txt', 'page.jpg', 'bomb.png', 'huge.jpg', 'loop.png', 'missing.png']) {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile(file), { show: false })), file);
    }
    assert.equal(emulator.server.requests.length, 0);
  });

  it('a refused key: one clear message offering Set Credentials; a disabled API says where to turn it on', async () => {
    const canary = 'AIzaSyCanary4d1f8e2b9c0a7d6e5f4a3b2c1d0e9';
    await (await activateExtension()).setCredentials('google', { apiKey: canary });
    await clearNotifications();
    const disabled = await startGoogleEmulator({ serviceDisabled: true });
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false })), (e: unknown) => e instanceof Error && /API_KEY_INVALID/.test(e.message) && !e.message.includes(canary));
      // Several images failed by one request-level error: each keeps Google's code beside the message.
      const several = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), [workspaceFile('images', 'fruits.jpg'), workspaceFile('images', 'imageTextN.png')], { show: false });
      assert.deepEqual(several.map((r) => r.errors.map((e) => [e.feature, e.code])), [[['*', 'API_KEY_INVALID']], [['*', 'API_KEY_INVALID']]]);
      assert.ok(several.every((r) => !r.errors[0]!.message.includes(canary)));
      await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg')).then(undefined, () => undefined);
      const shown = (await notifications().catch(() => [])).join('\n');
      assert.match(shown, /Google Cloud Vision could not process fruits\.jpg/);
      assert.ok(!shown.includes(canary));
      if (hasUiBridge()) {
        const buttons = await notificationButtons();
        assert.ok(buttons.includes('Set Credentials…'), buttons.join(' | '));
      }
      await (await activateExtension()).setCredentials('google', { apiKey: disabled.apiKey });
      await config().update('google.endpoint', disabled.url, vscode.ConfigurationTarget.Global);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false })), (e: unknown) => e instanceof Error && /SERVICE_DISABLED/.test(e.message) && /console\.cloud\.google\.com\/apis\/library\/vision\.googleapis\.com/.test(e.message));
      assert.ok(!extensionLog().includes(canary));
    } finally {
      await config().update('google.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
      await (await activateExtension()).setCredentials('google', { apiKey: emulator.apiKey });
      await clearNotifications();
      await disabled.close();
    }
  });

  it('a canary key and token through every failure path appear in no message, log, setting, stored state or webview', async () => {
    const canary = 'AIzaSyCanaryEveryPath7c1e9a3f5b2d8e4a6c0b';
    const token = 'ya29.canary-token-every-path-3e8b1d7a';
    const own = await startGoogleEmulator({ apiKey: canary, accessToken: token });
    const messages: string[] = [];
    try {
      await config().update('google.endpoint', own.url, vscode.ConfigurationTarget.Global);
      await config().update('request.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
      const error = (status: number, message: string, reason?: string) => JSON.stringify({ error: { code: status, message, status: 'X', ...(reason ? { details: [{ reason }] } : {}) } });
      // The faults echo the credential in use, in every shape a server or proxy may echo it in.
      const faults = (secret: string): Fault[][] => [
        // Throttled for an hour: reported at once (neither the client nor the scheduler waits that long).
        [{ kind: 'status', status: 429, retryAfter: '3600', body: error(429, `quota for ${secret}`, 'RATE_LIMIT_EXCEEDED') }],
        [{ kind: 'status', status: 500, body: error(500, `internal ${secret}`) }],
        [{ kind: 'status', status: 400, body: error(400, `API key not valid: ${secret}`, 'API_KEY_INVALID') }],
        [{ kind: 'status', status: 403, body: error(403, `disabled for ${secret}`, 'SERVICE_DISABLED') }],
        [{ kind: 'html', status: 502 }, { kind: 'html', status: 502 }, { kind: 'html', status: 502 }],
        [{ kind: 'malformedJson' }],
        [{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }],
        [{ kind: 'redirect', location: `http://127.0.0.2:9/steal?key=${secret}` }],
        [{ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' }],
        [{ kind: 'status', status: 400, body: error(400, `bad request for ${Buffer.from(secret).toString('base64')}`) }],
        [{ kind: 'status', status: 400, body: error(400, `key starts ${secret.slice(0, 20)} and ends ${secret.slice(20)}`) }],
      ];
      // Every shape a secret must not be found in: itself, its base64 and each half.
      const shapesOf = (secret: string) => [secret, Buffer.from(secret).toString('base64').slice(0, 40), secret.slice(0, 20), secret.slice(20)];
      const shapes = [...shapesOf(canary), ...shapesOf(token)];
      const leaks = (text: string) => shapes.filter((shape) => text.includes(shape));
      const forms: Array<[Record<string, string>, string]> = [[{ apiKey: canary }, canary], [{ accessToken: token, quotaProject: own.projectId }, token]];
      for (const [credentials, secret] of forms) {
        await (await activateExtension()).setCredentials('google', credentials);
        for (const fault of faults(secret)) {
          own.reset();
          own.server.inject(...fault);
          await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'), { show: false }).then(
            () => assert.fail(`${fault[0]!.kind} should fail`),
            (e: unknown) => messages.push(e instanceof Error ? e.message : String(e)),
          );
        }
      }
      own.server.inject({ kind: 'status', status: 500, body: error(500, `internal ${token}`) });
      await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg')).then(undefined, () => undefined);
      await vscode.commands.executeCommand('imageInsight.classify', workspaceFile('images', 'fruits.jpg'));
      assert.equal(messages.length, 2 * faults('').length);
      for (const message of messages) assert.ok(leaks(message).length === 0 && /Google Cloud Vision/.test(message), message);
      await assertStoredNowhere(leaks);
      if (hasUiBridge()) {
        await ui('waitFor', { selector: '.rows .row', frame: true, timeoutMs: 20_000 });
        const html = (await ui<string[]>('html', { selector: 'html', frame: true })).join('\n');
        assert.ok(html.length > 0 && leaks(html).length === 0, 'webview HTML');
      }
    } finally {
      await config().update('request.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await config().update('google.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
      await (await activateExtension()).setCredentials('google', { apiKey: emulator.apiKey });
      await clearNotifications();
      await own.close();
    }
  });
});
