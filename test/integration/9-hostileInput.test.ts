import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId, ImageSource, Provider, Word } from '../../src/providers/types';
import { activateExtension, hasUiBridge, ui, workspaceFile } from './helpers';
import { hostileStrings } from './hostileStrings';

const COUNT = 1000;

/** Answers with hostile words laid out in a grid over the image. */
const hostile: Provider = {
  id: 'hostile-double',
  displayName: 'Hostile Double',
  capabilities: ['text'] as FeatureId[],
  isConfigured: () => Promise.resolve(true),
  analyze: (image: ImageSource, features: FeatureId[]): Promise<AnalysisResult> => {
    const words: Word[] = hostileStrings(COUNT).map((text, i) => {
      const x = (i % 40) * 12;
      const y = Math.floor(i / 40) * 18;
      return { text, polygon: [{ x, y }, { x: x + 10, y }, { x: x + 10, y: y + 16 }, { x, y: y + 16 }] };
    });
    const box = [{ x: 0, y: 0 }, { x: 480, y: 0 }, { x: 480, y: 460 }, { x: 0, y: 460 }];
    return Promise.resolve({
      provider: 'hostile-double',
      features,
      image: { uri: image.uri, width: image.width, height: image.height, mime: 'image/jpeg', sha256: '' },
      text: { fullText: '', pages: [{ width: image.width, height: image.height, blocks: [{ polygon: box, lines: [{ polygon: box, text: '', words }] }] }] },
      errors: [],
      raw: {},
      timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
    });
  },
};

describe('hostile text in the results panel (headless Chromium)', function () {
  let registration: vscode.Disposable | undefined;
  before(async function () {
    if (!hasUiBridge()) this.skip();
    registration = (await activateExtension()).registerProvider(hostile);
  });
  after(async () => {
    registration?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it(`renders ${COUNT} hostile strings as text only: no injected element, attribute or link`, async () => {
    const inputs = hostileStrings(COUNT);
    await vscode.commands.executeCommand('imageInsight.extractText', workspaceFile('images', 'messi5.jpg'), { provider: 'hostile-double' });
    await ui('waitFor', { selector: 'polygon.word', frame: true, timeoutMs: 30_000 });
    const count = (selector: string) => ui<number>('count', { selector, frame: true });
    assert.equal(await count('polygon.word'), COUNT);
    // The page's head holds VS Code's own styles and our style sheet; results go into the body.
    assert.equal(await count('script'), 1, 'only our own script');
    assert.equal(await count('body img'), 1, 'only the image');
    assert.equal(await count('body iframe, body object, body embed, body a, body link, body meta, body style, body foreignObject, body b'), 0);
    assert.equal(await count('body[onload], body [onerror], body [onload], body [onclick], body [href], body [src^="javascript"], body [src^="data"]'), 0);
    assert.deepEqual(await ui<string[]>('attr', { selector: 'head link', name: 'rel', frame: true }), ['stylesheet'], 'only our style sheet');
    // The texts arrive intact, as text.
    const labels = await ui<string[]>('attr', { selector: 'polygon.word', name: 'aria-label', frame: true });
    assert.deepEqual(labels.slice(0, 40), inputs.slice(0, 40));
    assert.equal(labels[COUNT - 1]!.length, inputs[COUNT - 1]!.length);
  });
});
