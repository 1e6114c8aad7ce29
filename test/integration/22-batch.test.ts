import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { allWords, type AnalysisResult } from '../../src/shared/analysisResult';
import { patternPng } from '../emulators/yandex/image';
import { useGoogleEmulator } from './googleSuite';
import { eventually, hasUiBridge, ui, workspaceFile } from './helpers';

/** Issue 16 in a real VS Code: 30 images in one batch through the scheduler, the summary, cancel, the cache, search and export. */
describe('Many images at once (real VS Code)', function () {
  this.timeout(120_000);
  const emulator = useGoogleEmulator();
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  const folder = workspaceFile('batch30');
  let uris: vscode.Uri[] = [];

  before(async () => {
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
    fs.mkdirSync(folder.fsPath, { recursive: true });
    // Thirty different pictures (the emulator's words depend on the content).
    uris = Array.from({ length: 30 }, (_, i) => {
      const name = `page-${String(i).padStart(2, '0')}.png`;
      fs.writeFileSync(path.join(folder.fsPath, name), patternPng(name, 320, 200));
      return vscode.Uri.joinPath(folder, name);
    });
    await config().update('cache.enabled', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('imageInsight.clearCache');
  });
  after(async () => {
    await config().update('cache.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('imageInsight.clearCache');
    await vscode.commands.executeCommand('imageInsight.batch.clear');
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
  });

  it('30 images → Extract Text with Google: two requests, 30 rows in the summary, and a second run comes from the cache', async () => {
    const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.extractText', uris[0], uris, { show: false });
    assert.equal(results.length, 30);
    assert.ok(results.every((r) => r.errors.length === 0 && r.text && allWords(r.text).length > 0));
    assert.deepEqual(results.map((r) => r.image.uri), uris.map((u) => u.toString()), 'one result per image, in order');
    assert.equal(emulator().server.requests.length, 2, '16 + 14 images');
    if (hasUiBridge()) {
      await vscode.commands.executeCommand('imageInsight.batch.focus');
      await ui('waitFor', { selector: '.pane-header .description >> text=/30 images · 0 failed/', timeoutMs: 15_000 });
    }
    emulator().reset();
    const again = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.extractText', uris[0], uris, { show: false });
    assert.equal(emulator().server.requests.length, 0, 'every image from the cache');
    assert.ok(again.every((r) => r.cached && r.cached.storedAt > 0));
    assert.deepEqual(again.map((r) => r.text!.fullText), results.map((r) => r.text!.fullText));
  });

  it('search finds a word in the cached results and opens its image with the match marked', async () => {
    const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.extractText', uris[0], uris, { show: false });
    const target = results[7]!;
    const word = allWords(target.text!).map((w) => w.text).find((w) => /^[\p{L}\d]{4,}$/u.test(w) && !results.some((r, i) => i !== 7 && r.text!.fullText.includes(w)));
    assert.ok(word, 'a word only image 7 has');
    const hits = await vscode.commands.executeCommand<Array<{ uri: string; count: number }>>('imageInsight.searchResults', { query: word.toUpperCase() });
    assert.deepEqual(hits.map((h) => h.uri), [target.image.uri], 'case does not matter');
    await vscode.commands.executeCommand('imageInsight.searchResults', { query: word, open: true });
    await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => tab.label.includes('page-07.png')), 'the image\'s results panel');
    const none = await vscode.commands.executeCommand<unknown[]>('imageInsight.searchResults', { query: 'no-such-word-anywhere' });
    assert.deepEqual(none, []);
  });

  it('exports the batch as a searchable PDF and as Markdown', async () => {
    const out = workspaceFile('batch30-export');
    fs.rmSync(out.fsPath, { recursive: true, force: true });
    fs.mkdirSync(out.fsPath, { recursive: true });
    const pdf = vscode.Uri.joinPath(out, 'all.pdf');
    const written = await vscode.commands.executeCommand<string[]>('imageInsight.exportResults', { uris: uris.slice(0, 3).map(String), format: 'pdf', combined: true, to: pdf.toString() });
    assert.deepEqual(written, [pdf.toString()]);
    assert.equal(fs.readFileSync(pdf.fsPath).subarray(0, 5).toString('latin1'), '%PDF-');
    const each = await vscode.commands.executeCommand<string[]>('imageInsight.exportResults', { uris: uris.slice(0, 3).map(String), format: 'markdown', combined: false, to: out.toString() });
    assert.equal(each.length, 3);
    assert.match(fs.readFileSync(vscode.Uri.parse(each[0]!).fsPath, 'utf8'), /page-00\.png/);
    fs.rmSync(out.fsPath, { recursive: true, force: true });
  });

  it('cancel half-way: nothing is in flight afterwards, and the summary says which images were not analyzed', async function () {
    if (!hasUiBridge()) this.skip();
    await vscode.commands.executeCommand('imageInsight.clearCache');
    const server = emulator().server;
    // Both requests answer only after a long while: the cancel comes while they are in flight.
    server.inject({ kind: 'latency', ms: 60_000 }, { kind: 'latency', ms: 60_000 });
    const run = vscode.commands.executeCommand<AnalysisResult[] | undefined>('imageInsight.extractText', uris[0], uris, { show: false });
    await eventually(() => server.requests.length === 2 && server.open === 2, 'two requests in flight', 20_000);
    await vscode.commands.executeCommand('notifications.showList');
    const cancel = '.notifications-center .notification-list-item .monaco-button[aria-label="Cancel"], .notifications-center .notification-list-item .monaco-button:text-is("Cancel")';
    await ui('click', { selector: cancel, timeoutMs: 10_000 });
    await vscode.commands.executeCommand('notifications.hideList');
    await run.then(() => undefined, () => undefined);
    await eventually(() => server.open === 0, 'no request in flight', 10_000);
    assert.equal(server.requests.length, 2, 'no request was sent after the cancel');
    await ui('waitFor', { selector: '.pane-header .description >> text=/30 images · 30 failed/', timeoutMs: 15_000 });
  });
});
