import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import type { ExternalProvider } from '../../src/providers/types';
import { activateExtension, boxCount, clickPicture, eventually, hasUiBridge, ui, workspaceFile } from './helpers';

const row = (name: string) => `.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`;
const MENU_ITEM = '.monaco-menu .action-label';

const WORD_BOX = [{ x: 40, y: 40 }, { x: 200, y: 40 }, { x: 200, y: 120 }, { x: 40, y: 120 }];

/** A provider that answers with the file name, so the test can see which files the menu passed. */
const echo: ExternalProvider = {
  id: 'menu-double',
  displayName: 'Menu Double',
  capabilities: ['text'] as FeatureId[],
  isConfigured: () => Promise.resolve(true),
  analyze: (image: ImageSource, features: FeatureId[]): Promise<AnalysisResult> =>
    Promise.resolve({
      provider: 'menu-double',
      features,
      image: { uri: image.uri, width: 512, height: 480, mime: '', sha256: '' },
      text: {
        fullText: `text of ${image.name}`,
        pages: [{ width: 512, height: 480, blocks: [{ polygon: WORD_BOX, lines: [{ polygon: WORD_BOX, text: 'fruits', words: [{ polygon: WORD_BOX, text: 'fruits' }] }] }] }],
      },
      errors: [],
      raw: {},
      timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
    }),
};

async function openContextMenu(name: string): Promise<string[]> {
  await vscode.commands.executeCommand('revealInExplorer', workspaceFile('images', 'fruits.jpg'));
  await ui('waitFor', { selector: row(name) });
  await ui('click', { selector: row(name), button: 'right' });
  return eventually(async () => {
    const items = await ui<string[]>('text', { selector: MENU_ITEM });
    return items.length > 0 ? items : undefined;
  }, 'the context menu');
}

describe('Explorer context menu (right-click in the real workbench)', function () {
  let registration: vscode.Disposable | undefined;

  before(async function () {
    if (!hasUiBridge()) this.skip();
    const api = await activateExtension();
    registration = api.registerProvider(echo);
  });

  after(async () => {
    registration?.dispose();
    await vscode.workspace.getConfiguration('imageInsight').update('provider', undefined, vscode.ConfigurationTarget.Global);
    if (hasUiBridge()) await ui('press', { key: 'Escape' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the Image Insight submenu on an image; Extract Text boxes the words over the image, and a click copies one', async () => {
    const items = await openContextMenu('fruits.jpg');
    assert.ok(items.includes('Image Insight'), items.join(' | '));
    await ui('hover', { selector: `${MENU_ITEM}[aria-label="Image Insight"]` });
    const submenu = await eventually(async () => {
      const all = await ui<string[]>('text', { selector: MENU_ITEM });
      return all.includes('Extract Text') ? all : undefined;
    }, 'the Image Insight submenu');
    for (const title of ['Detect Faces', 'Classify Image', 'Find Image Copies', 'Analyze Image…', 'Recognize Persons', 'Enroll as Person…']) {
      assert.ok(submenu.includes(title), title);
    }
    const shots = process.env.IMAGE_INSIGHT_SCREENSHOTS;
    if (shots) await ui('screenshot', { path: path.join(shots, 'explorer-menu.png') });
    // Only now (after the README screenshot) does the test double become the current provider.
    await vscode.workspace.getConfiguration('imageInsight').update('provider', 'menu-double', vscode.ConfigurationTarget.Global);
    await ui('click', { selector: `${MENU_ITEM}[aria-label="Extract Text"]` });
    await ui('waitFor', { selector: '.layer-word', frame: true, state: 'attached', timeoutMs: 20_000 });
    assert.equal(await boxCount(), 1);
    assert.deepEqual(await ui<string[]>('text', { selector: '.vrow .row-text', frame: true }), ['fruits']);
    await vscode.env.clipboard.writeText('');
    await clickPicture({ x: 120, y: 80 }, { width: 512, height: 480 });
    await eventually(async () => (await vscode.env.clipboard.readText()) === 'fruits', 'the word on the clipboard');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('does not offer it on a file that is not an image', async () => {
    const items = await openContextMenu('notes.txt');
    assert.ok(!items.includes('Image Insight'), items.join(' | '));
    await ui('press', { key: 'Escape' });
  });
});
