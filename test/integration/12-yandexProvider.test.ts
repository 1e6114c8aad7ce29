import assert from 'node:assert/strict';
import http from 'node:http';
import type * as net from 'node:net';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/providers/types';
import { startYandexEmulator, type YandexEmulator } from '../emulators/yandex';
import { activateExtension, boxCount, extensionLog, hasUiBridge, notifications, clearNotifications, ui, workspaceFile } from './helpers';

/** The emulator's requests so far, both APIs. */
const sent = (emulator: YandexEmulator) => emulator.vision.requests.length + emulator.ocr.requests.length;

describe('Yandex Vision provider against the local emulator (real VS Code)', function () {
  this.timeout(60_000);
  let emulator: YandexEmulator;
  const config = () => vscode.workspace.getConfiguration('imageInsight');

  before(async () => {
    await activateExtension();
    emulator = await startYandexEmulator();
    await config().update('yandex.endpoint', emulator.vision.url, vscode.ConfigurationTarget.Global);
    await config().update('yandex.ocrEndpoint', emulator.ocr.url, vscode.ConfigurationTarget.Global);
    await config().update('provider', 'yandex', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: emulator.apiKey });
  });
  beforeEach(() => emulator.reset());
  after(async () => {
    for (const key of ['provider', 'yandex.endpoint', 'yandex.ocrEndpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('imageInsight.clearCredentials', 'yandex');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator.close();
  });

  it('Extract Text goes to the OCR API with the key in a header and logging off, and comes back as text', async () => {
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'), { show: false });
    assert.equal(result.provider, 'yandex');
    assert.ok(result.text!.pages[0]!.blocks.length > 0);
    const request = emulator.ocr.requests[0]!;
    assert.equal(request.headers.authorization, `Api-Key ${emulator.apiKey}`);
    assert.equal(request.headers['x-data-logging-enabled'], 'false');
    assert.ok(!request.path.includes(emulator.apiKey), 'the key never goes into the URL');
  });

  it('Analyze Image… asks batchAnalyze for every other feature in one request; discontinued ones come back as problems beside the findings, shown in the panel', async function () {
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.analyze', workspaceFile('images', 'fruits.jpg'), { features: ['text', 'faces', 'labels', 'copies'] });
    assert.equal(emulator.vision.requests.length, 1);
    assert.ok(result.copies, 'copy search answered');
    assert.deepEqual(result.errors.map((e) => e.feature).sort(), ['faces', 'labels']);
    if (!hasUiBridge()) return;
    await ui('waitFor', { selector: '.banner li', frame: true, timeoutMs: 20_000 });
    assert.equal(await ui<number>('count', { selector: '.banner li', frame: true }), 2);
    assert.ok((await boxCount()) > 0);
  });

  it('Detect Faces, Classify Image and Find Image Copies each ask batchAnalyze for their feature', async () => {
    const expected: Record<string, string> = { 'imageInsight.detectFaces': 'FACE_DETECTION', 'imageInsight.classify': 'CLASSIFICATION', 'imageInsight.findCopies': 'IMAGE_COPY_SEARCH' };
    for (const [command, type] of Object.entries(expected)) {
      emulator.reset();
      const result = await vscode.commands.executeCommand<AnalysisResult>(command, workspaceFile('images', 'messi5.jpg'), { show: false });
      const body = JSON.parse(emulator.vision.requests[0]!.body.toString()) as { analyzeSpecs: Array<{ features: Array<{ type: string }> }> };
      assert.deepEqual(body.analyzeSpecs[0]!.features.map((f) => f.type), [type], command);
      // Copy search answers; the discontinued features come back as the result's problem, not a rejection.
      assert.ok(type === 'IMAGE_COPY_SEARCH' ? result.copies : result.errors.length === 1, command);
    }
  });

  it('a multi-selection goes in one batchAnalyze request; a bad file is reported and not sent', async () => {
    const images = ['fruits.jpg', 'messi5.jpg', 'scenetext01.jpg'].map((name) => workspaceFile('images', name));
    const bad = workspaceFile('notes.txt');
    const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.findCopies', images[0], [...images, bad], { show: false });
    assert.equal(results.length, 4);
    assert.equal(emulator.vision.requests.length, 1);
    const body = JSON.parse(emulator.vision.requests[0]!.body.toString()) as { analyzeSpecs: unknown[] };
    assert.equal(body.analyzeSpecs.length, 3);
    assert.ok(results.slice(0, 3).every((r) => r.copies && r.errors.length === 0));
    assert.equal(results[3]!.errors[0]!.feature, '*');
    assert.equal(results[3]!.image.uri, bad.toString());
  });

  it('sends nothing for any bad input of the preparation corpus', async () => {
    for (const file of ['empty.png', 'notes.txt', 'page.jpg', 'bomb.png', 'huge.jpg', 'loop.png', 'missing.png']) {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile(file), { show: false })), file);
    }
    assert.equal(sent(emulator), 0);
  });

  it('a refused key: one clear message offering Set Credentials; the key appears nowhere', async () => {
    const canary = 'AQVN-canary-4d1f8e2b9c0a7d6e5f4a3b2c1d0e9f8a';
    await vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: canary });
    await clearNotifications();
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'fruits.jpg'), { show: false })), (e: unknown) => e instanceof Error && /Yandex Vision/.test(e.message) && !e.message.includes(canary));
      await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'fruits.jpg')).then(undefined, () => undefined);
      const shown = (await notifications().catch(() => [])).join('\n');
      assert.match(shown, /Yandex Vision could not process fruits\.jpg/);
      assert.ok(!shown.includes(canary));
      if (hasUiBridge()) {
        await vscode.commands.executeCommand('notifications.showList');
        const buttons = await ui<string[]>('text', { selector: '.notifications-center .monaco-button' });
        await vscode.commands.executeCommand('notifications.hideList');
        assert.ok(buttons.includes('Set Credentials…'), buttons.join(' | '));
      }
      assert.ok(!extensionLog().includes(canary));
    } finally {
      await vscode.commands.executeCommand('imageInsight.setCredentials', 'yandex', { apiKey: emulator.apiKey });
    }
  });

  it('goes through the proxy set in http.proxy (and the key is not in what the proxy sees)', async () => {
    const seen: string[] = [];
    // A company proxy, as far as this test needs one: it records the CONNECT a client sends for
    // an https endpoint and refuses it, so nothing leaves the machine.
    const proxy = http.createServer();
    proxy.on('connect', (request: http.IncomingMessage, socket: net.Socket) => {
      seen.push(`${request.method} ${request.url} ${JSON.stringify(request.headers)}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    proxy.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(502).end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      await vscode.workspace.getConfiguration('http').update('proxy', `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, vscode.ConfigurationTarget.Global);
      await config().update('yandex.ocrEndpoint', 'https://ocr.example.invalid', vscode.ConfigurationTarget.Global);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'), { show: false })));
      assert.ok(seen.some((line) => line.startsWith('CONNECT ocr.example.invalid:443')), seen.join('\n') || 'nothing went through the proxy');
      assert.ok(!seen.join('\n').includes(emulator.apiKey));
    } finally {
      await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
      await config().update('yandex.ocrEndpoint', emulator.ocr.url, vscode.ConfigurationTarget.Global);
      proxy.close();
    }
  });
});
