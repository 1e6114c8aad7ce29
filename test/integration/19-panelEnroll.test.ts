import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import { probeImage } from '../../src/images/probe';
import type { ExternalProvider } from '../../src/providers/types';
import { nullLog, type Log } from '../../src/services/log';
import type { Polygon } from '../../src/shared/geometry';
import { formatOnly } from '../../src/shared/localize';
import { runPanelAction } from '../../src/webview/panelActions';
import { EditorTarget } from '../../src/analysis/editorTarget';
import { parseMultipart } from '../emulators/smarty/multipart';
import { startSmartyEmulator, type SmartyEmulator } from '../emulators/smarty';
import { activateExtension, eventually, findFiles, hasUiBridge, pickQuickPickRow, ui, workspaceFile } from './helpers';

const box = (x: number, y: number, w: number, h: number): Polygon => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];

/** What the double answers: how many of its faces, and the content hash it names (none: the faces are not remembered). */
const answer = { faces: 2, sha256: '' };

/** fruits.jpg (512×480) with two faces: a known person, and one the recognize did not know. */
function twoFaces(image: ImageSource, features: FeatureId[]): AnalysisResult {
  return {
    provider: 'enroll-double',
    features,
    image: { uri: image.uri, width: 512, height: 480, mime: 'image/jpeg', sha256: answer.sha256 },
    faces: [
      { polygon: box(60, 60, 100, 120), confidence: 0.97, person: { tag: 'Ann', similarity: 0.91 } },
      { polygon: box(330, 250, 90, 100), confidence: 0.93 },
    ].slice(0, answer.faces),
    errors: [],
    raw: {},
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}

const double: ExternalProvider = {
  id: 'enroll-double',
  displayName: 'Enroll Double',
  capabilities: ['faces', 'persons'],
  isConfigured: () => Promise.resolve(true),
  analyze: (image, features) => Promise.resolve(twoFaces(image, features)),
};

const frame = true;

/** The one image part of each persons/set the emulator received, with the meta's person ids. */
function sets(emulator: SmartyEmulator): Array<{ space: string; personId: number; bytes: Buffer }> {
  return emulator.server.requests.filter((r) => r.path === '/api/v1/persons/set').map((request) => {
    const type = request.headers['content-type'];
    const parts = parseMultipart(request.body, Array.isArray(type) ? type[0] : type);
    const meta = JSON.parse(parts.find((p) => p.name === 'meta')!.data.toString('utf8')) as { space: string; images: Array<{ name: string; person_id: number }> };
    const image = meta.images[0]!;
    return { space: meta.space, personId: image.person_id, bytes: parts.find((p) => p.name === image.name)!.data };
  });
}

/**
 * Clicks a face's action until its quick pick opens: a click that lands while the webview redraws
 * (it draws on `ready` and again on the result) is lost, and a second enroll only replaces the
 * first one's quick pick (which then cancels, silently).
 */
async function clickForQuickPick(selector: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await ui('click', { selector, frame });
    try {
      await ui('waitFor', { selector: '.quick-input-widget .quick-input-list .monaco-list-row:visible', timeoutMs: 8_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe('enroll from a face in the results panel (real VS Code, Smarty emulator)', function () {
  this.timeout(90_000);
  let emulator: SmartyEmulator;
  let registration: vscode.Disposable | undefined;
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  // A copy of fruits.jpg of this suite's own: the extension remembers per image the space it was
  // last recognized in (other suites recognize fruits.jpg), and *Enroll as New Person…* uses it.
  const image = () => workspaceFile('enroll-faces.jpg');

  before(async function () {
    if (!hasUiBridge()) this.skip();
    fs.copyFileSync(workspaceFile('images', 'fruits.jpg').fsPath, image().fsPath);
    const api = await activateExtension();
    registration = api.registerProvider(double);
    emulator = await startSmartyEmulator();
    await config().update('smarty.endpoint', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('smarty.tokenEndpoint', emulator.tokenUrl, vscode.ConfigurationTarget.Global);
    await api.setCredentials('smarty', { accessToken: emulator.accessToken });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    registration?.dispose();
    fs.rmSync(image().fsPath, { force: true });
    if (!emulator) return;
    for (const key of ['smarty.endpoint', 'smarty.tokenEndpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await activateExtension()).clearCredentials('smarty');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await emulator.close();
  });

  it('Enroll as Person… on face 0 sends its crop with persons/set; Enroll as New Person… on the unknown face asks only for the space', async () => {
    emulator.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('imageInsight.analyze', image(), { provider: 'enroll-double', features: ['faces', 'persons'] });
    await ui('waitFor', { selector: '.enroll-face', frame, state: 'attached', timeoutMs: 20_000 });
    assert.equal(await ui<number>('count', { selector: '.enroll-face', frame }), 2, 'every face can be enrolled');
    assert.equal(await ui<number>('count', { selector: '.enroll-new', frame }), 1, 'only the unknown face offers a new person');

    await clickForQuickPick('[data-key="face:0"] .enroll-face');
    await pickQuickPickRow('7');
    await pickQuickPickRow('New person');
    const [first] = await eventually(() => (sets(emulator).length === 1 ? sets(emulator) : undefined), 'the first persons/set', 20_000);
    assert.equal(first!.space, '7');
    assert.equal(first!.personId, 1);
    const original = fs.readFileSync(image().fsPath);
    const crop = await probeImage(first!.bytes, 'crop', formatOnly);
    // Face 0 is 100×120 at (60, 60): with the 25 % margin, 150×180.
    assert.deepEqual([crop.width, crop.height], [150, 180]);
    assert.ok(first!.bytes.length < original.length, 'a crop, not the whole picture');

    await clickForQuickPick('[data-key="face:1"] .enroll-new');
    await pickQuickPickRow('7');
    const second = await eventually(() => (sets(emulator).length === 2 ? sets(emulator)[1] : undefined), 'the second persons/set', 20_000);
    assert.equal(second.personId, 2, 'the next free id, not asked');
    const faceB = await probeImage(second.bytes, 'crop', formatOnly);
    assert.deepEqual([faceB.width, faceB.height], [135, 150]);

    // The ledger records both, as the server has them.
    const account = `token:${emulator.accessToken}`;
    assert.deepEqual(Object.keys(emulator.state.snapshot()[account]!['7']!).sort(), ['1', '2']);
    const ledger = await eventually(() => ledgerPersons('7'), 'the ledger to record both persons');
    assert.deepEqual(ledger, [1, 2]);
    await eventually(async () => (await ui<string[]>('text', { selector: '.toast', frame })).some((t) => /person 2 in space 7/.test(t)), 'the panel to confirm');
  });

  it('refuses a forged face index at the host: nothing is sent', async () => {
    emulator.reset();
    const warnings: string[] = [];
    const log: Log = { ...nullLog, warn: (message) => void warnings.push(message) };
    const result = twoFaces({ uri: image().toString() } as ImageSource, ['faces']);
    const toasts: string[] = [];
    const editors = new EditorTarget();
    try {
      await runPanelAction({ type: 'enrollFace', index: 2 }, { session: { result, edits: new Map() }, editors, log, toast: (text) => void toasts.push(text) });
    } finally {
      editors.dispose();
    }
    assert.deepEqual(warnings, ['results panel: no face 2 to enroll']);
    assert.deepEqual(toasts, []);
    assert.equal(emulator.server.requests.length, 0);
  });

  it('Enroll as Person… without a face: a script must pass `face` for an image with several known faces; one known face is cropped', async () => {
    emulator.reset();
    const enroll = () => Promise.resolve(vscode.commands.executeCommand<{ done: boolean }>('imageInsight.enrollPerson', image(), { space: '8', personId: 1, show: false }));
    try {
      answer.sha256 = createHash('sha256').update(fs.readFileSync(image().fsPath)).digest('hex');
      await vscode.commands.executeCommand('imageInsight.analyze', image(), { provider: 'enroll-double', features: ['faces'], show: false });
      await assert.rejects(enroll(), /has 2 faces: pass the one to enroll as the option "face"/);
      assert.equal(sets(emulator).length, 0, 'nothing sent');
      answer.faces = 1;
      await vscode.commands.executeCommand('imageInsight.analyze', image(), { provider: 'enroll-double', features: ['faces'], show: false });
      assert.equal((await enroll()).done, true);
      const crop = await probeImage(sets(emulator)[0]!.bytes, 'crop', formatOnly);
      assert.deepEqual([crop.width, crop.height], [150, 180], 'the one face, with its margin');
    } finally {
      Object.assign(answer, { faces: 2, sha256: '' });
    }
  });

  it('Truncate Space… asks in a modal naming the space and its persons before the typed confirmation; a script with `confirm` sees neither', async () => {
    // VS Code's test mode refuses a modal dialog with an error quoting its text.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imageInsight.smarty.truncateSpace', { space: '7' })), /Truncate space 7\? Every person in it is deleted on the server, 2 known/);
    assert.equal(emulator.server.requests.filter((r) => r.path === '/api/v1/persons/truncate').length, 0);
    assert.deepEqual(await vscode.commands.executeCommand('imageInsight.smarty.truncateSpace', { space: '7', confirm: '7' }), { space: '7', truncated: true });
  });
});

/** The person ids of a space in the ledger files on disk (global storage). */
function ledgerPersons(space: string): number[] | undefined {
  const userData = process.env.IMAGE_INSIGHT_TEST_USER_DATA;
  if (!userData) return undefined;
  const ids = findFiles(userData, /^smarty-ledger-[0-9a-f]{64}\.json$/).flatMap((file) => {
    const ledger = JSON.parse(fs.readFileSync(file, 'utf8')) as { spaces: Record<string, Array<{ personId: number }>> };
    return (ledger.spaces[space] ?? []).map((p) => p.personId);
  });
  return ids.length === 2 ? ids.sort() : undefined;
}
