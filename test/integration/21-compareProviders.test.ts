import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { allWords, type AnalysisResult } from '../../src/shared/analysisResult';
import { isCompareFailure, type CompareSide, type ProviderComparison } from '../../src/shared/comparison';
import { useGoogleEmulator } from './googleSuite';
import { activateExtension, eventually, hasUiBridge, ui, workspaceFile } from './helpers';

const frame = true;
const result = (side: CompareSide): AnalysisResult => {
  assert.ok(!isCompareFailure(side), `a result, not the failure "${isCompareFailure(side) ? side.error : ''}"`);
  return side;
};

describe('Compare Providers… on one image (real VS Code, Local and the Google emulator)', function () {
  this.timeout(180_000);
  const google = useGoogleEmulator();
  const scan = () => workspaceFile('images', 'imageTextN.png');
  before(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Local and Google read a scan at once: both readings, the word diff, counts and times, in two columns', async () => {
    const comparison = await vscode.commands.executeCommand<ProviderComparison>('imageInsight.compareProviders', scan(), { providers: ['local', 'google'] });
    assert.deepEqual(comparison.providers, ['local', 'google']);
    assert.equal(comparison.uri, scan().toString());
    // Local reads text only, so text is all the two have in common to compare.
    assert.deepEqual(comparison.features, ['text']);
    const [local, cloud] = comparison.results.map(result);
    assert.equal(local!.provider, 'local');
    assert.equal(cloud!.provider, 'google');
    assert.equal(google().server.requests.length, 1, 'Google was asked afresh, once');
    // Local reads the page; the emulator answers every picture with its own two synthetic lines.
    const words = [allWords(local!.text!).length, allWords(cloud!.text!).length];
    assert.ok(words[0]! > 100 && words[1] === 5, `words: ${words.join(', ')}`);
    assert.deepEqual(comparison.counts.map((c) => c?.words), words);
    assert.deepEqual(comparison.counts.map((c) => [c!.lines > 1, c!.faces, c!.labels]), [[true, 0, 0], [true, 0, 0]]);
    const diff = comparison.diff!;
    assert.equal(diff.same + diff.onlyA + diff.changed, words[0]);
    assert.equal(diff.same + diff.onlyB + diff.changed, words[1]);
    assert.ok(diff.onlyA > 90 && diff.similarity < 0.1, `similarity ${diff.similarity}`);
    assert.ok(diff.ops.some((op) => op.op !== 'equal' && op.b[1] > op.b[0]), 'Google\'s words are in the diff');
    for (const t of comparison.timings) assert.ok(t.totalMs > 0 && t.requestMs !== undefined && t.totalMs >= t.requestMs - 1, JSON.stringify(t));
    if (!hasUiBridge()) return;

    // The panel: two columns, each with the picture and its words boxed, and the diff below.
    await ui('waitFor', { selector: '.compare .diff-text .word', frame, state: 'attached', timeoutMs: 30_000 });
    assert.equal(await ui<number>('count', { selector: '.compare .column', frame }), 2);
    await eventually(async () => (await ui<number>('count', { selector: '.compare .column img.picture-loaded', frame })) === 2, 'both pictures loaded', 20_000);
    const boxes = await ui<Array<string | null>>('attr', { selector: '.compare .layer-word', name: 'data-count', frame });
    assert.deepEqual(boxes.map(Number), words);
    assert.deepEqual(await ui<string[]>('text', { selector: '.compare .column h2', frame }), ['Local (offline)', 'Google Cloud Vision']);
    const timings = await ui<string[]>('text', { selector: '.compare .timings', frame });
    assert.ok(timings.length === 2 && timings.every((t) => /total \d+ ms/.test(t)), timings.join(' | '));
    // Pointing at a word of Google's in the diff outlines it in Google's picture.
    await ui('hover', { selector: '.compare .diff-text ins.word', frame });
    await ui('waitFor', { selector: '.compare .diff-text .word.pointed', frame, state: 'attached' });
    await ui('waitFor', { selector: '.compare .side-1 .marker[visibility="visible"]', frame, state: 'attached' });
    const shots = process.env.IMAGE_INSIGHT_SCREENSHOTS;
    if (shots) await ui('screenshot', { path: path.join(shots, 'compare-providers.png') });
  });

  it('Google with a bad key: Local\'s reading still comes back, and Google\'s failure is in its column', async () => {
    const api = await activateExtension();
    await api.setCredentials('google', { apiKey: `AIzaSyBad${'0'.repeat(30)}` });
    try {
      const comparison = await vscode.commands.executeCommand<ProviderComparison>('imageInsight.compareProviders', scan(), { providers: ['google', 'local'] });
      const [failed, local] = comparison.results;
      assert.ok(isCompareFailure(failed), 'Google failed');
      assert.match(failed.error, /key/i);
      assert.ok(!failed.error.includes('AIzaSyBad'), 'the key is not in the message');
      assert.ok(allWords(result(local).text!).length > 50);
      assert.equal(comparison.diff, undefined);
      assert.deepEqual([comparison.counts[0], typeof comparison.counts[1]?.words], [null, 'number']);
      assert.ok(comparison.timings[0].totalMs >= 0 && comparison.timings[0].requestMs === undefined);
      if (!hasUiBridge()) return;
      // The same image's panel, now with Google in the first column, failed.
      await ui('waitFor', { selector: '.compare .side-0 .banner.failure', frame, timeoutMs: 30_000 });
      const [message] = await ui<string[]>('text', { selector: '.compare .side-0 .error-text', frame });
      assert.match(message!, /key/i);
      await ui('waitFor', { selector: '.compare .side-1 .layer-word', frame, state: 'attached', timeoutMs: 20_000 });
    } finally {
      await api.setCredentials('google', { apiKey: google().apiKey });
    }
  });
});
