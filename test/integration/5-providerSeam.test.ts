import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import type { ExternalProvider } from '../../src/providers/types';
import { activateExtension, workspaceFile } from './helpers';

/** A test double registered through the public API; the shipped extension registers no fake. */
class RecordingProvider implements ExternalProvider {
  readonly id = 'test-double';
  readonly displayName = 'Test Double';
  readonly capabilities: FeatureId[] = ['text', 'faces'];
  readonly seen: string[] = [];
  isConfigured() {
    return Promise.resolve(true);
  }
  async analyze(image: ImageSource, features: FeatureId[]): Promise<AnalysisResult> {
    const bytes = await image.read();
    this.seen.push(image.name);
    const word = { polygon: [{ x: 1, y: 1 }, { x: 9, y: 1 }, { x: 9, y: 5 }, { x: 1, y: 5 }], text: `bytes:${bytes.length}` };
    return {
      provider: this.id,
      features,
      image: { uri: image.uri, width: 10, height: 10, mime: 'image/jpeg', sha256: '' },
      text: { fullText: word.text, pages: [{ width: 10, height: 10, blocks: [{ polygon: word.polygon, lines: [{ polygon: word.polygon, text: word.text, words: [word] }] }] }] },
      errors: [],
      raw: {},
      timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
    };
  }
}

describe('the provider seam (with a test double)', () => {
  const double = new RecordingProvider();
  let registration: vscode.Disposable;

  before(async () => {
    const api = await activateExtension();
    registration = api.registerProvider(double);
  });
  after(() => {
    registration.dispose();
  });

  it('a command returns the provider\'s result and fires onDidAnalyze', async () => {
    const api = await activateExtension();
    const fired: AnalysisResult[] = [];
    const listener = api.onDidAnalyze((r) => fired.push(r));
    const image = workspaceFile('images', 'fruits.jpg');
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', image, { provider: 'test-double', show: false });
    listener.dispose();
    assert.equal(result.provider, 'test-double');
    assert.match(result.text!.fullText, /^bytes:\d+$/);
    assert.equal(fired.length, 1);
    assert.ok((await api.providers()).some((p) => p.id === 'test-double' && p.configured && p.features.includes('text')));
  });

  it('a multi-select returns one result per image, with a bad file\'s cause in its errors and nothing sent for it', async () => {
    const good = workspaceFile('images', 'messi5.jpg');
    const bad = workspaceFile('notes.txt');
    double.seen.length = 0;
    const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.extractText', good, [good, bad], { provider: 'test-double', show: false });
    assert.equal(results.length, 2);
    assert.deepEqual(results[0]!.errors, []);
    assert.match(results[1]!.errors[0]!.message, /"notes.txt" is not an image: it is a text file/);
    assert.equal(results[1]!.image.uri, bad.toString());
    assert.deepEqual(double.seen, ['messi5.jpg']);
  });

  it('asking for a feature the provider lacks is an error that says so', async () => {
    const image = workspaceFile('images', 'fruits.jpg');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('imageInsight.findCopies', image, { provider: 'test-double', show: false })),
      /Test Double does not offer copies/,
    );
  });

  it('the API analyzes without opening anything', async () => {
    const api = await activateExtension();
    const result = (await api.analyze(workspaceFile('images', 'fruits.jpg'), { provider: 'test-double' })) as AnalysisResult;
    assert.equal(result.provider, 'test-double');
  });

  it('Insert Extracted Text puts the latest text at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'before  after' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 7, 0, 7);
    await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'fruits.jpg'), { provider: 'test-double', show: false });
    await vscode.commands.executeCommand('imageInsight.insertText');
    assert.match(document.getText(), /^before bytes:\d+ after$/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
