import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId, Word } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import type { ExternalProvider } from '../../src/providers/types';
import { activateExtension, boxCount, hasUiBridge, ui, workspaceFile } from './helpers';
import { hostileStrings } from './hostileStrings';
import { externalUrl } from '../../src/shared/links';

const COUNT = 1000;
/** How many faces, labels, copies and errors carry hostile strings too. */
const OTHERS = 40;

/** Every other copy's page is an http(s) URL carrying the hostile string; the rest are the string itself. */
const pageUrl = (s: string, i: number) => (i % 2 ? `https://example.com/${encodeURIComponent(s)}` : s);

/** Answers with hostile words laid out in a grid over the image. */
const hostile: ExternalProvider = {
  id: 'hostile-double',
  displayName: 'Hostile Double',
  capabilities: ['text', 'faces', 'labels', 'copies'] as FeatureId[],
  isConfigured: () => Promise.resolve(true),
  analyze: (image: ImageSource, features: FeatureId[]): Promise<AnalysisResult> => {
    const words: Word[] = hostileStrings(COUNT).map((text, i) => {
      const x = (i % 40) * 12;
      const y = Math.floor(i / 40) * 18;
      return { text, polygon: [{ x, y }, { x: x + 10, y }, { x: x + 10, y: y + 16 }, { x, y: y + 16 }] };
    });
    const box = [{ x: 0, y: 0 }, { x: 480, y: 0 }, { x: 480, y: 460 }, { x: 0, y: 460 }];
    // The same strings as person tags, attributes, labels, page titles, URLs and error messages.
    const some = hostileStrings(OTHERS);
    const square = (i: number) => [{ x: i * 20, y: 300 }, { x: i * 20 + 18, y: 300 }, { x: i * 20 + 18, y: 340 }, { x: i * 20, y: 340 }];
    return Promise.resolve({
      provider: 'hostile-double',
      features,
      image: { uri: image.uri, width: image.width, height: image.height, mime: 'image/jpeg', sha256: '' },
      text: { fullText: '', pages: [{ width: image.width, height: image.height, blocks: [{ polygon: box, lines: [{ polygon: box, text: '', words }] }] }] },
      faces: some.map((s, i) => ({ polygon: square(i), landmarks: [{ type: s, x: i * 20 + 9, y: 320 }], attributes: { emotion: s, sex: s, likelihoods: { [s]: 'LIKELY' } }, person: { tag: s, similarity: 0.5 } })),
      labels: some.flatMap((s, i) => [
        { name: s, score: 0.5, group: 'label' as const },
        { name: s, score: 0.4, group: 'object' as const, polygon: square(i) },
      ]),
      copies: { count: OTHERS, matches: some.map((s, i) => ({ title: s, description: s, pageUrl: pageUrl(s, i), imageUrl: s })) },
      errors: some.map((s) => ({ feature: 'labels' as const, code: s, message: s })),
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

  it(`renders ${COUNT} hostile words and ${OTHERS} hostile faces, labels, copies and problems as text only: no injected element, attribute or link`, async () => {
    const inputs = hostileStrings(COUNT);
    await vscode.commands.executeCommand('imageInsight.analyze', workspaceFile('images', 'messi5.jpg'), { provider: 'hostile-double', features: ['text', 'faces', 'labels', 'copies'] });
    await ui('waitFor', { selector: '.layer-word', frame: true, state: 'attached', timeoutMs: 30_000 });
    const count = (selector: string) => ui<number>('count', { selector, frame: true });
    assert.equal(await boxCount(), COUNT);
    // The page's head holds VS Code's own styles and our style sheet; results go into the body.
    assert.equal(await count('script'), 1, 'only our own script');
    assert.equal(await count('body img'), 1, 'only the image');
    assert.equal(await count('body iframe, body object, body embed, body a, body link, body meta, body style, body foreignObject, body b'), 0);
    assert.equal(await count('body[onload], body [onerror], body [onload], body [onclick], body [href], body [src^="javascript"]'), 0);
    // The one data: URL is the picture the host sent (a raster type), on the one image.
    assert.equal(await count('body [src^="data"]'), 1);
    assert.equal(await count('body img[src^="data:image/jpeg;base64,"]'), 1);
    assert.deepEqual(await ui<string[]>('attr', { selector: 'head link', name: 'rel', frame: true }), ['stylesheet'], 'only our style sheet');
    // Faces, labels, copies and problems: drawn and listed, as text only.
    assert.equal(await count('polygon.face'), OTHERS);
    assert.deepEqual(await ui<string[]>('attr', { selector: 'polygon.face', name: 'aria-label', frame: true }).then((l) => l.slice(0, 3).map((x) => x.split(' (50 % similar)')[0])), hostileStrings(OTHERS).slice(0, 3));
    assert.equal(await count('.banner li'), OTHERS);
    assert.equal(await count('.copies .row'), OTHERS);
    // "Open" only where the page is an http(s) URL (every other one here); never for an image URL that is not.
    const pages = hostileStrings(OTHERS).map((s, i) => pageUrl(s, i));
    const expected = pages.filter((url) => externalUrl(url)).length + hostileStrings(OTHERS).filter((s) => externalUrl(s)).length;
    // Half are http(s) pages; the 1 MB one is too long to be a link; no hostile string is one itself.
    assert.equal(expected, OTHERS / 2 - 1);
    assert.equal(await count('.copies button'), expected);
    const tags = await ui<string[]>('text', { selector: 'text.face-tag', frame: true });
    assert.ok(tags[0]!.startsWith(hostileStrings(OTHERS)[0]!), tags[0]);
    // The texts arrive intact, as text.
    // The list beside the picture renders the rows in view: the first ones, then (End) the last.
    const rows = await ui<string[]>('text', { selector: '.vrow .row-text', frame: true });
    assert.ok(rows.length >= 16, `${rows.length} rows`);
    assert.deepEqual(rows, inputs.slice(0, rows.length).map((s) => s.trim()));
    await ui('click', { selector: '.vrow[data-index="0"]', frame: true });
    await ui('press', { key: 'End' });
    await ui('waitFor', { selector: `.vrow[data-index="${COUNT - 1}"]`, frame: true, state: 'attached' });
    const [last] = await ui<string[]>('text', { selector: `.vrow[data-index="${COUNT - 1}"] .row-text`, frame: true });
    assert.equal(last!.length, inputs[COUNT - 1]!.length);
  });
});
