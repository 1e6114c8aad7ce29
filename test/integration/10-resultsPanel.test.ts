import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { EditorTarget } from '../../src/analysis/editorTarget';
import { ResultStore } from '../../src/analysis/resultStore';
import { ImagePreparer } from '../../src/images/preparer';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import type { Polygon } from '../../src/shared/geometry';
import type { ExternalProvider } from '../../src/providers/types';
import { ConfigService } from '../../src/services/config';
import { nullLog } from '../../src/services/log';
import { StateSeal } from '../../src/services/stateSeal';
import { ResultsPanels } from '../../src/webview/resultsPanels';
import { makePng } from '../unit/imageBuilders';
import { MemorySecrets } from '../unit/memorySecrets';
import { activateExtension, boxCount, clickPicture, eventually, EXTENSION_ID, findFiles, hasUiBridge, pictureToPage, ui, workspaceFile } from './helpers';

const box = (x: number, y: number, w: number, h: number): Polygon => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];
const word = (text: string, x: number, y: number, confidence = 0.95) => ({ text, polygon: box(x, y, text.length * 14, 26), confidence });

/** fruits.jpg (512×480) with a little price list, a face, an object, labels and copies. */
function richResult(image: ImageSource, features: FeatureId[]): AnalysisResult {
  const rows = [
    [word('Fruit', 40, 40), word('Price', 300, 40)],
    [word('apple', 40, 90), word('1.20', 300, 90, 0.4)],
    [word('pear', 40, 140), word('0.95', 300, 140)],
  ];
  const lines = rows.map((words) => ({ polygon: box(40, words[0]!.polygon[0]!.y, 330, 26), text: words.map((w) => w.text).join(' '), words }));
  return {
    provider: 'panel-double',
    features,
    // The image as it is (fruits.jpg is 512×480); the display-copy test feeds it a TIFF and a 20 MP PNG.
    image: { uri: image.uri, width: image.width ?? 512, height: image.height ?? 480, mime: image.format ? `image/${image.format}` : 'image/jpeg', sha256: '' },
    text: { fullText: 'Fruit Price\napple 1.20\npear 0.95', pages: [{ width: 512, height: 480, blocks: [{ polygon: box(30, 30, 360, 150), lines }] }] },
    faces: [{ polygon: box(380, 300, 100, 120), confidence: 0.97, landmarks: [{ type: 'LEFT_EYE', x: 405, y: 340 }], attributes: { age: 31, emotion: 'joy' }, person: { tag: 'Ann', similarity: 0.91 } }],
    labels: [
      { name: 'Fruit', score: 0.97, group: 'label' },
      { name: 'Bowl', score: 0.71, group: 'object', polygon: box(20, 250, 300, 200) },
    ],
    copies: {
      count: 2,
      matches: [
        { pageUrl: 'https://example.com/fruit', imageUrl: 'https://example.com/fruit.jpg', title: 'Fruit on a table' },
        { pageUrl: 'javascript:alert(1)', title: 'Not a page' },
      ],
    },
    errors: [{ feature: 'labels', code: 3, message: 'CLASSIFICATION is discontinued' }],
    raw: { responses: [{ marker: 'raw-response-marker', fullTextAnnotation: { text: 'Fruit Price' } }] },
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}

const double: ExternalProvider = {
  id: 'panel-double',
  displayName: 'Panel Double',
  capabilities: ['text', 'faces', 'labels', 'copies'],
  isConfigured: () => Promise.resolve(true),
  analyze: (image, features) => Promise.resolve(richResult(image, features)),
};

const ROOT = path.resolve(__dirname, '../../..');
const frame = true;
const count = (selector: string) => ui<number>('count', { selector, frame });
const texts = (selector: string) => ui<string[]>('text', { selector, frame });
const click = (selector: string, extra: Record<string, unknown> = {}) => ui('click', { selector, frame, ...extra });
const SIZE = { width: 512, height: 480 };
/** The middle of a word of the price list (see `richResult`). */
const centreOf = (text: string) => {
  const spots: Record<string, [number, number]> = { Fruit: [75, 53], Price: [335, 53], apple: [75, 103], '1.20': [328, 103], pear: [68, 153], '0.95': [328, 153] };
  const [x, y] = spots[text]!;
  return { x, y };
};
async function clipboardBecomes(expected: string | RegExp): Promise<string> {
  return eventually(async () => {
    const text = await vscode.env.clipboard.readText();
    return (typeof expected === 'string' ? text === expected : expected.test(text)) ? text : undefined;
  }, `the clipboard to hold ${String(expected)}`);
}

describe('results panel (real VS Code, headless Chromium)', function () {
  let registration: vscode.Disposable | undefined;
  const image = () => workspaceFile('images', 'fruits.jpg');

  before(async function () {
    if (!hasUiBridge()) this.skip();
    registration = (await activateExtension()).registerProvider(double);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    registration?.dispose();
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('draws every finding, lists them beside the picture, and shows the provider\'s problem', async () => {
    // An editor to insert into later: the panel takes the focus, the text goes where the user was.
    const notes = await vscode.workspace.openTextDocument({ content: 'Notes:\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(notes);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('imageInsight.analyze', image(), { provider: 'panel-double', features: ['text', 'faces', 'labels', 'copies'] });
    await ui('waitFor', { selector: '.layer-word', frame, state: 'attached', timeoutMs: 20_000 });
    await ui('waitFor', { selector: 'body img.picture-loaded', frame, state: 'attached', timeoutMs: 20_000 });
    assert.equal(await boxCount(), 6);
    assert.equal(await count('polygon.face'), 1);
    assert.equal(await count('polygon.label'), 1, 'the object is outlined');
    assert.equal(await count('circle.landmark'), 1);
    assert.deepEqual(await texts('text.face-tag'), ['Ann (91 % similar)']);
    assert.equal(await count('path.boxes.word.low'), 1, 'the 40 % word is drawn apart');
    assert.deepEqual((await texts('.vrow.low .row-text')), ['1.20']);
    const banner = (await texts('.banner')).join(' ');
    assert.match(banner, /CLASSIFICATION is discontinued/);
    const sections = await texts('.section h2');
    assert.deepEqual(sections, ['Text (6)', 'Faces (1)', 'Labels (1)', 'Objects (1)', 'Image copies (2)']);
    // Copies: addresses as text; "Open" only for the http(s) page; no remote image anywhere.
    assert.deepEqual(await texts('.copies .url-text'), ['https://example.com/fruit', 'https://example.com/fruit.jpg', 'javascript:alert(1)']);
    assert.equal(await count('.copies button'), 2);
    assert.equal(await count('body img'), 1, 'only the picture itself');
  });

  it('copies a word on click, a line at the line level, and the text of a dragged region', async () => {
    await vscode.env.clipboard.writeText('');
    await clickPicture(centreOf('apple'), SIZE);
    await clipboardBecomes('apple');
    await eventually(async () => (await texts('.toast')).some((t) => t.includes('apple')), 'the confirmation');
    await click('.levels button[data-level="line"]');
    await ui('waitFor', { selector: '.layer-line', frame, state: 'attached' });
    assert.equal(await boxCount('line'), 3);
    await clickPicture({ x: 200, y: 153 }, SIZE);
    await clipboardBecomes('pear 0.95');
    await click('.levels button[data-level="word"]');
    // Drag from above-left of "apple" to below-right of "0.95": two rows, in reading order.
    const from = await pictureToPage({ x: 30, y: 82 }, SIZE);
    const to = await pictureToPage({ x: 370, y: 172 }, SIZE);
    await ui('mouse', { action: 'move', x: from.x, y: from.y });
    await ui('mouse', { action: 'down' });
    await ui('mouse', { action: 'move', x: to.x, y: to.y, steps: 8 });
    await ui('mouse', { action: 'up' });
    await clipboardBecomes('apple 1.20\npear 0.95');
    assert.deepEqual(await texts('.region-label'), ['Region: 4 words']);
    await ui('press', { key: 'Escape' });
    await eventually(async () => (await count('.region:not([hidden])')) === 0, 'the selection to clear');
  });

  it('corrects a word in place; copy and insert use the correction', async () => {
    await clickPicture(centreOf('1.20'), SIZE, 2);
    await ui('waitFor', { selector: 'input.word-editor', frame });
    await ui('press', { key: 'Control+A' });
    await ui('type', { text: '1.25' });
    await ui('press', { key: 'Enter' });
    await ui('waitFor', { selector: 'path.boxes.word.edited', frame, state: 'attached' });
    assert.deepEqual(await texts('.vrow.edited .row-text'), ['1.25']);
    await clickPicture(centreOf('1.20'), SIZE);
    await clipboardBecomes('1.25');
    await click('button[aria-label="Insert Text"]');
    const document = vscode.workspace.textDocuments.find((d) => d.getText().startsWith('Notes:'));
    assert.ok(document);
    await eventually(() => /Notes:\nFruit +Price\napple +1\.25\npear +0\.95/.test(document.getText()), 'the text in the editor');
    // The palette command inserts the corrected text too.
    await click('button[aria-label="Copy as Table"]');
    await clipboardBecomes('Fruit\tPrice\napple\t1.25\npear\t0.95');
  });

  it('shows the raw answer in a searchable JSON tab', async () => {
    await click('.tabs button:nth-child(2)');
    await ui('waitFor', { selector: 'pre.json', frame });
    assert.match((await texts('pre.json')).join(''), /raw-response-marker/);
    await click('input.json-search');
    await ui('type', { text: 'RESPONSE' });
    await eventually(async () => (await count('pre.json mark')) === 2, 'two matches');
    assert.match((await texts('.json-status')).join(''), /1 of 2/);
    await click('.tabs button:nth-child(1)');
  });

  it('is theme-aware (README screenshots, light and dark)', async () => {
    const shots = process.env.IMAGE_INSIGHT_SCREENSHOTS;
    // The panel alone in the editor area, so the screenshot shows it at a useful size: the notes
    // editor is closed without saving (its group closes with it).
    const notes = vscode.workspace.textDocuments.find((d) => d.getText().startsWith('Notes:'));
    if (notes) {
      await vscode.window.showTextDocument(notes);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // The panel was hidden meanwhile (its webview discarded): shown again, it draws everything
    // again, with the correction made earlier.
    await ui('waitFor', { selector: 'path.boxes.word.edited', frame, state: 'attached', timeoutMs: 20_000 });
    await ui('waitFor', { selector: 'body img.picture-loaded', frame, state: 'attached', timeoutMs: 20_000 });
    assert.equal(await boxCount(), 6);
    assert.deepEqual(await texts('.vrow.edited .row-text'), ['1.25']);
    for (const [theme, file] of [['Default Light Modern', 'results-panel-light.png'], ['Default Dark Modern', 'results-panel-dark.png']] as const) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await eventually(async () => {
        const colours = await ui<string[]>('attr', { selector: 'html', name: 'style', frame });
        return colours.some((s) => s.includes('--vscode-editor-background'));
      }, 'the theme in the webview');
      await new Promise((r) => setTimeout(r, 500));
      if (shots) await ui('screenshot', { path: path.join(shots, file) });
    }
  });

  it('shows a TIFF and a 20-megapixel image through a downscaled display copy, deleted when the panel closes', async function () {
    if (!process.env.IMAGE_INSIGHT_TEST_USER_DATA) this.skip(); // the copies are looked for in global storage
    /** The display copies in the extension's global storage (`display/<hash>.jpg`). */
    const displayCopies = () => findFiles(process.env.IMAGE_INSIGHT_TEST_USER_DATA!, /^[0-9a-f]{32}\.jpg$/).filter((f) => f.includes(`${path.sep}display${path.sep}`));
    const big = workspaceFile('big-scan.png');
    await vscode.workspace.fs.writeFile(big, makePng(5000, 4000));
    const tiff = vscode.Uri.file(path.join(ROOT, 'test/fixtures/images/image.tiff'));
    for (const file of [big, tiff]) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('imageInsight.extractText', file, { provider: 'panel-double' });
      await ui('waitFor', { selector: '.layer-word', frame, state: 'attached', timeoutMs: 30_000 });
      // The picture arrives as bytes (a Blob URL): the webview loads no file, and it decoded.
      await ui('waitFor', { selector: 'body img.picture-loaded', frame, state: 'attached', timeoutMs: 30_000 });
      const [src] = await ui<string[]>('attr', { selector: 'body img', name: 'src', frame });
      assert.ok(/^data:image\/jpeg;base64,/.test(src!), `${file.path}: ${src!.slice(0, 40)}`);
      const copies = displayCopies();
      assert.equal(copies.length, 1, `one display copy of ${file.path}: ${copies.join(', ')}`);
      const copy = vscode.Uri.file(copies[0]!);
      assert.ok((await vscode.workspace.fs.stat(copy)).size > 0);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await eventually(async () => {
        try {
          await vscode.workspace.fs.stat(copy);
          return false;
        } catch {
          return true;
        }
      }, 'the display copy to be deleted');
    }
    await vscode.workspace.fs.delete(big);
  });

  it('reuses the panel when the same image is analyzed again', async () => {
    await vscode.commands.executeCommand('imageInsight.extractText', image(), { provider: 'panel-double' });
    await new Promise((r) => setTimeout(r, 500));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('imageInsight.results'));
    assert.equal(tabs.length, 1);
  });
});

describe('results panel restored after a reload (the serializer, in real VS Code)', function () {
  let panels: ResultsPanels;
  const owned: vscode.Disposable[] = [];
  // The panels' SecretStorage, in memory: the test seals states with the same key the host checks.
  const secrets = new MemorySecrets();
  const hostSeal = new StateSeal(secrets);
  const sealed = async (result: unknown, edits: Array<[number, string]> = []) => ({ version: 2, result, seal: await hostSeal.seal(JSON.stringify(result)), edits });

  before(async function () {
    if (!hasUiBridge()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Not a second OutputLog: an output channel of the same name is the extension's own, and
    // disposing it here would close the extension's log for the tests that follow.
    const log = nullLog;
    const config = new ConfigService();
    const results = new ResultStore(new vscode.EventEmitter<AnalysisResult>().event);
    const editors = new EditorTarget();
    const preparer = new ImagePreparer(path.join(extension.extensionPath, 'dist', 'imageWorker.js'), vscode.l10n.t, 1000);
    owned.push(config, results, editors, preparer);
    panels = new ResultsPanels({ extensionUri: extension.extensionUri, displayFolder: vscode.Uri.joinPath(extension.extensionUri, '.display-test'), preparer, config, editors, log, secrets }, results);
    owned.push(panels);
  });
  after(async () => {
    for (const d of owned.reverse()) d.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const revive = async (state: unknown) => {
    const panel = vscode.window.createWebviewPanel('imageInsight.results', 'restored', vscode.ViewColumn.Active, {});
    await panels.deserializeWebviewPanel(panel, state);
    return panel;
  };

  it('brings a saved result back with its corrections', async () => {
    const result = richResult({ uri: workspaceFile('images', 'fruits.jpg').toString() } as ImageSource, ['text']);
    const panel = await revive(await sealed(result, [[3, '1.99']]));
    await ui('waitFor', { selector: 'path.boxes.word.edited', frame, state: 'attached', timeoutMs: 20_000 });
    assert.deepEqual(await texts('.vrow.edited .row-text'), ['1.99']);
    panel.dispose();
  });

  it('shows a plain message for a damaged state or a vanished image, never a blank page', async () => {
    const damaged = await revive(await sealed({ provider: 'x' }));
    await eventually(async () => (await texts('p.notice')).some((t) => t.includes('could not be restored')), 'the damaged-state message');
    damaged.dispose();
    const result = richResult({ uri: workspaceFile('images', 'vanished.jpg').toString() } as ImageSource, ['text']);
    const vanished = await revive(await sealed(result));
    await eventually(async () => (await texts('p.notice')).some((t) => t.includes('vanished.jpg') && t.includes('no longer there')), 'the vanished-image message');
    vanished.dispose();
    // A state whose image URI VS Code cannot parse, or that names a web page: a message too, and nothing loaded.
    for (const uri of ['file:////etc/passwd', 'https://evil.example/x.png']) {
      const bad = await revive(await sealed(richResult({ uri } as ImageSource, ['text'])));
      await eventually(async () => (await texts('p.notice')).some((t) => t.includes('could not be restored')), `the message for ${uri}`);
      bad.dispose();
    }
  });

  it('takes back only a state the host sealed: a forged image, link or seal, or an older unsealed state, shows the message', async () => {
    const result = richResult({ uri: workspaceFile('images', 'fruits.jpg').toString() } as ImageSource, ['text', 'copies']);
    const good = await sealed(result);
    const elsewhere = { ...result, image: { ...result.image, uri: workspaceFile('images', 'receipt.png').toString() } };
    const otherKey = new StateSeal(new MemorySecrets());
    const forgeries: Array<[string, unknown]> = [
      ['another file under the old seal', { ...good, result: elsewhere }],
      ['a changed link', { ...good, result: JSON.parse(JSON.stringify(result).replace(/https:\/\/[^"]+/, 'https://evil.example/')) }],
      ['a seal under another key', { ...good, seal: await otherKey.seal(JSON.stringify(result)) }],
      ['no seal', { version: 2, result, edits: [] }],
      ['an older, unsealed state', { version: 1, result, edits: [] }],
    ];
    for (const [what, state] of forgeries) {
      const panel = await revive(state);
      await eventually(async () => (await texts('p.notice')).some((t) => t.includes('could not be restored')), `the message for ${what}`);
      panel.dispose();
    }
  });
});
