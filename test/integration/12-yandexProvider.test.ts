import assert from 'node:assert/strict';
import http from 'node:http';
import type * as net from 'node:net';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import type { Fault } from '../emulators/core';
import { startYandexEmulator, type YandexEmulator } from '../emulators/yandex';
import { activateExtension, assertStoredNowhere, boxCount, clearNotifications, extensionLog, hasUiBridge, notificationButtons, notifications, ui, workspaceFile } from './helpers';
import { useYandexEmulator } from './yandexSuite';

/** The emulator's requests so far, both APIs. */
const sent = (emulator: YandexEmulator) => emulator.vision.requests.length + emulator.ocr.requests.length;

describe('Yandex Vision provider against the local emulator (real VS Code)', function () {
  this.timeout(60_000);
  const yandex = useYandexEmulator({ select: true, key: true });
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  let emulator: YandexEmulator;
  beforeEach(() => (emulator = yandex()));

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
    assert.equal(emulator.vision.requests[0]!.headers['x-data-logging-enabled'], 'false', 'batchAnalyze is asked not to log the image too');
    assert.ok(result.copies, 'copy search answered');
    assert.deepEqual(result.errors.map((e) => e.feature).sort(), ['faces', 'labels']);
    if (!hasUiBridge()) return;
    await ui('waitFor', { selector: '.banner li', frame: true, timeoutMs: 20_000 });
    assert.equal(await ui<number>('count', { selector: '.banner li', frame: true }), 2);
    assert.ok((await boxCount()) > 0);
  });

  it('Detect Faces, Classify Image and Find Image Copies each ask batchAnalyze for their feature, and the panel shows the answer', async () => {
    const expected: Record<string, string> = { 'imageInsight.detectFaces': 'FACE_DETECTION', 'imageInsight.classify': 'CLASSIFICATION', 'imageInsight.findCopies': 'IMAGE_COPY_SEARCH' };
    for (const [command, type] of Object.entries(expected)) {
      emulator.reset();
      const result = await vscode.commands.executeCommand<AnalysisResult>(command, workspaceFile('images', 'messi5.jpg'));
      const body = JSON.parse(emulator.vision.requests[0]!.body.toString()) as { analyzeSpecs: Array<{ features: Array<{ type: string }> }> };
      assert.deepEqual(body.analyzeSpecs[0]!.features.map((f) => f.type), [type], command);
      // Copy search answers; the discontinued features come back as the result's problem, not a
      // rejection — and the panel shows either.
      assert.ok(type === 'IMAGE_COPY_SEARCH' ? result.copies : result.errors.length === 1, command);
      if (hasUiBridge()) {
        const selector = type === 'IMAGE_COPY_SEARCH' ? '.copies .row' : '.banner li';
        await ui('waitFor', { selector, frame: true, timeoutMs: 20_000 });
      }
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
    await (await activateExtension()).setCredentials('yandex', { apiKey: canary });
    await clearNotifications();
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'fruits.jpg'), { show: false })), (e: unknown) => e instanceof Error && /Yandex Vision/.test(e.message) && !e.message.includes(canary));
      await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'fruits.jpg')).then(undefined, () => undefined);
      const shown = (await notifications().catch(() => [])).join('\n');
      assert.match(shown, /Yandex Vision could not process fruits\.jpg/);
      assert.ok(!shown.includes(canary));
      if (hasUiBridge()) {
        const buttons = await notificationButtons();
        assert.ok(buttons.includes('Set Credentials…'), buttons.join(' | '));
      }
      assert.ok(!extensionLog().includes(canary));
    } finally {
      await (await activateExtension()).setCredentials('yandex', { apiKey: emulator.apiKey });
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

  it('a canary key through every failure path appears in no message, log, setting, stored state or webview', async () => {
    const canary = 'AQVN-canary-every-path-7c1e9a3f5b2d8e4a6c0b';
    const own = await startYandexEmulator({ apiKey: canary });
    const settings = vscode.workspace.getConfiguration('imageInsight');
    const messages: string[] = [];
    try {
      await settings.update('yandex.ocrEndpoint', own.ocr.url, vscode.ConfigurationTarget.Global);
      await settings.update('request.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
      await (await activateExtension()).setCredentials('yandex', { apiKey: canary });
      const faults: Fault[][] = [
        // Throttled for an hour: reported at once (neither the client nor the scheduler waits that long).
        [{ kind: 'status', status: 429, retryAfter: '3600', body: JSON.stringify({ code: 8, message: `quota for ${canary}` }) }],
        [{ kind: 'status', status: 500, body: JSON.stringify({ code: 13, message: `internal ${canary}` }) }],
        [{ kind: 'status', status: 401, body: JSON.stringify({ code: 16, message: `Unknown api key ${canary}` }) }],
        [{ kind: 'html', status: 502 }, { kind: 'html', status: 502 }, { kind: 'html', status: 502 }],
        [{ kind: 'malformedJson' }],
        [{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }],
        [{ kind: 'redirect', location: `http://127.0.0.2:9/steal?key=${canary}` }],
        [{ kind: 'stall' }, { kind: 'stall' }, { kind: 'stall' }],
        [{ kind: 'truncated', afterBytes: 40 }, { kind: 'truncated', afterBytes: 40 }, { kind: 'truncated', afterBytes: 40 }],
        // The key in other shapes a server or proxy may echo it in: base64, HTTP Basic, cut in two.
        [{ kind: 'status', status: 400, body: JSON.stringify({ code: 3, message: `bad request for ${Buffer.from(canary).toString('base64')}` }) }],
        [{ kind: 'status', status: 400, body: JSON.stringify({ code: 3, message: `got Authorization: Basic ${Buffer.from(`client-1:${canary}`).toString('base64url')}` }) }],
        [{ kind: 'status', status: 400, body: JSON.stringify({ code: 3, message: `key starts ${canary.slice(0, 22)} and ends ${canary.slice(22)}` }) }],
      ];
      // Every shape the key must not be found in: itself, its base64 and each half.
      const shapes = [canary, Buffer.from(canary).toString('base64').slice(0, 40), canary.slice(0, 22), canary.slice(22)];
      const leaks = (text: string) => shapes.filter((shape) => text.includes(shape));
      for (const fault of faults) {
        own.reset();
        own.ocr.inject(...fault);
        await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'), { show: false }).then(
          () => assert.fail(`${fault[0]!.kind} should fail`),
          (e: unknown) => messages.push(e instanceof Error ? e.message : String(e)),
        );
      }
      // One shown failure, and one success shown in the panel.
      own.ocr.inject({ kind: 'status', status: 500, body: JSON.stringify({ code: 13, message: `internal ${canary}` }) });
      await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'imageTextN.png')).then(undefined, () => undefined);
      await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'));
      assert.equal(messages.length, faults.length);
      for (const message of messages) assert.ok(leaks(message).length === 0 && /Yandex Vision/.test(message), message);
      await assertStoredNowhere(leaks);
      if (hasUiBridge()) {
        await ui('waitFor', { selector: '.layer-word', frame: true, state: 'attached', timeoutMs: 20_000 });
        const html = (await ui<string[]>('html', { selector: 'html', frame: true })).join('\n');
        assert.ok(html.length > 0 && !html.includes(canary), 'webview HTML');
      }
    } finally {
      await settings.update('request.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('yandex.ocrEndpoint', emulator.ocr.url, vscode.ConfigurationTarget.Global);
      await (await activateExtension()).setCredentials('yandex', { apiKey: emulator.apiKey });
      await clearNotifications();
      await own.close();
    }
  });
});
