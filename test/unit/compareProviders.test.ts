import assert from 'node:assert/strict';
import { compareRuns, countsOf } from '../../src/analysis/providerComparison';
import { commonFeatures, defaultCompareFeatures, takeProviders } from '../../src/commands/compareArgs';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { compareStrings } from '../../src/shared/compareStrings';
import { isCompareFailure } from '../../src/shared/comparison';
import { formatOnly } from '../../src/shared/localize';
import { isCompareHostMessage, isCompareWebviewMessage } from '../../src/shared/protocol';
import { syntheticTextResult } from './resultFixtures';

const uri = { scheme: 'file', path: '/ws/a.png', with: () => undefined, toString: () => 'file:///ws/a.png' };

/** A result whose words are `text`'s, one line, with faces and labels as given. */
function reading(provider: string, text: string, extra: Partial<AnalysisResult> = {}): AnalysisResult {
  const box = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
  const words = text.split(' ').filter(Boolean).map((w) => ({ text: w, polygon: box }));
  return {
    provider,
    features: ['text'],
    image: { uri: 'file:///ws/a.png', width: 100, height: 50, mime: 'image/png', sha256: 'x' },
    text: { fullText: text, pages: [{ width: 100, height: 50, blocks: [{ polygon: box, lines: [{ polygon: box, text, words }] }] }] },
    errors: [],
    raw: null,
    timings: { prepareMs: 5, requestMs: 100, parseMs: 2 },
    ...extra,
  };
}

describe('Compare Providers: the comparison a script gets', () => {
  it('puts both readings, the word diff, the counts and the times side by side', () => {
    const a = reading('local', 'Image Insight reads text');
    const b = reading('google', 'Image Insight reads the text', { faces: [], labels: [{ name: 'Text', score: 0.9, group: 'label' }] });
    const c = compareRuns('file:///ws/a.png', ['text'], [
      { provider: 'local', outcome: a, totalMs: 300 },
      { provider: 'google', outcome: b, totalMs: 120 },
    ]);
    assert.deepEqual(c.providers, ['local', 'google']);
    assert.equal(c.results[0], a);
    assert.deepEqual(c.diff!.ops.map((o) => o.op), ['equal', 'insert', 'equal']);
    assert.deepEqual([c.diff!.same, c.diff!.onlyA, c.diff!.onlyB, c.diff!.changed], [4, 0, 1, 0]);
    assert.deepEqual(c.counts, [{ words: 4, lines: 1, faces: 0, labels: 0 }, { words: 5, lines: 1, faces: 0, labels: 1 }]);
    assert.deepEqual(c.timings, [{ prepareMs: 5, requestMs: 100, parseMs: 2, totalMs: 300 }, { prepareMs: 5, requestMs: 100, parseMs: 2, totalMs: 120 }]);
  });

  it('keeps one provider\'s result when the other failed: its failure in its place, no diff, no counts', () => {
    const a = reading('local', 'Image Insight');
    const c = compareRuns('file:///ws/a.png', ['text'], [
      { provider: 'local', outcome: a, totalMs: 300 },
      { provider: 'google', outcome: { error: 'Google Cloud Vision refused the key', code: 'API_KEY_INVALID' }, totalMs: 40 },
    ]);
    assert.equal(c.results[0], a);
    assert.ok(isCompareFailure(c.results[1]) && c.results[1].code === 'API_KEY_INVALID');
    assert.ok(!isCompareFailure(c.results[0]));
    assert.equal(c.diff, undefined);
    assert.deepEqual(c.counts, [{ words: 2, lines: 1, faces: 0, labels: 0 }, null]);
    assert.deepEqual(c.timings[1], { totalMs: 40 });
  });

  it('makes no diff when the text was not asked for, and counts a result without text as no words', () => {
    const faces = { ...reading('yandex', ''), text: undefined, faces: [{ polygon: [] }] };
    const c = compareRuns('u', ['faces'], [
      { provider: 'yandex', outcome: faces, totalMs: 1 },
      { provider: 'google', outcome: faces, totalMs: 1 },
    ]);
    assert.equal(c.diff, undefined);
    assert.deepEqual(countsOf(faces), { words: 0, lines: 0, faces: 1, labels: 0 });
  });

  it('diffs a big reading against itself with one word changed, in allWords order', () => {
    const a = syntheticTextResult(3000, 5);
    const b = structuredClone(a);
    b.text!.pages[0]!.blocks[2]!.lines[0]!.words[0]!.text = 'CHANGED';
    const c = compareRuns('u', ['text'], [
      { provider: 'local', outcome: a, totalMs: 1 },
      { provider: 'yandex', outcome: b, totalMs: 1 },
    ]);
    assert.equal(c.diff!.changed, 1);
    assert.equal(c.diff!.same, 2999);
    const replaced = c.diff!.ops.find((o) => o.op === 'replace')!;
    const before = a.text!.pages[0]!.blocks.slice(0, 2).reduce((n, block) => n + block.lines.reduce((m, line) => m + line.words.length, 0), 0);
    assert.deepEqual(replaced.a, [before, before + 1]);
  });
});

describe('Compare Providers: arguments and features', () => {
  it('takes two different providers out of the options and leaves the rest for parseInvocation', () => {
    assert.deepEqual(takeProviders([uri, { providers: ['local', 'google'], show: false }], 'Compare', formatOnly), { args: [uri, { show: false }], providers: ['local', 'google'] });
    assert.deepEqual(takeProviders([{ providers: ['a', 'b'] }], 'Compare', formatOnly).providers, ['a', 'b']);
    assert.deepEqual(takeProviders([uri, [uri]], 'Compare', formatOnly), { args: [uri, [uri]] });
    assert.deepEqual(takeProviders([uri, { groupId: 1 }], 'Compare', formatOnly), { args: [uri, { groupId: 1 }] });
    assert.deepEqual(takeProviders([], 'Compare', formatOnly), { args: [] });
    for (const providers of [['local'], ['local', 'google', 'yandex'], 'local', ['local', 3], ['', 'google']]) {
      assert.throws(() => takeProviders([uri, { providers }], 'Compare', formatOnly), /option "providers" must be two provider ids/, JSON.stringify(providers));
    }
    assert.throws(() => takeProviders([uri, { providers: ['google', 'google'] }], 'Compare', formatOnly), /two different providers/);
  });

  it('compares the text, faces and labels both providers offer, by default', () => {
    assert.deepEqual(defaultCompareFeatures(['text'], ['text', 'faces', 'labels', 'copies']), ['text']);
    assert.deepEqual(defaultCompareFeatures(['labels', 'faces', 'text', 'copies'], ['text', 'faces', 'labels', 'copies']), ['text', 'faces', 'labels']);
    assert.deepEqual(defaultCompareFeatures(['persons', 'text'], ['faces']), []);
    assert.deepEqual(commonFeatures(['text', 'faces', 'copies'], ['copies', 'text']), ['text', 'copies']);
  });
});

describe('Compare Providers: the panel\'s messages', () => {
  it('accepts only well-formed messages from the webview (exact keys, a side of 0 or 1)', () => {
    for (const good of [{ type: 'ready' }, { type: 'openResult', side: 0 }, { type: 'copyText', side: 1 }]) assert.ok(isCompareWebviewMessage(good), JSON.stringify(good));
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'ready', extra: 1 },
      { type: 'openResult' },
      { type: 'openResult', side: 2 },
      { type: 'openResult', side: '0' },
      { type: 'copyText', side: -1 },
      { type: 'copyText', side: 0.5 },
      { type: 'copyText', side: 1, text: 'x' },
      { type: 'copyJson' },
      { type: 'openLink', index: 0, target: 'page' },
    ];
    for (const message of bad) assert.ok(!isCompareWebviewMessage(message), JSON.stringify(message));
  });

  it('checks what the host posts: names, two results, the strings; toasts', () => {
    const comparison = compareRuns('u', ['text'], [
      { provider: 'local', outcome: reading('local', 'a b'), totalMs: 1 },
      { provider: 'google', outcome: { error: 'no' }, totalMs: 1 },
    ]);
    const display = { title: 'Local ⇄ Google · a.png', names: ['Local', 'Google'], comparison, lowConfidence: 0.6, strings: compareStrings(formatOnly) };
    assert.ok(isCompareHostMessage({ type: 'compare', display }));
    assert.ok(isCompareHostMessage({ type: 'compare', display: { ...display, image: { base64: 'AAAA', mime: 'image/png' } } }));
    assert.ok(isCompareHostMessage({ type: 'toast', text: 'Copied' }));
    const noCounts: Partial<typeof comparison> = { ...comparison };
    delete noCounts.counts;
    const strings: Record<string, string> = { ...compareStrings(formatOnly) };
    delete strings.diffTitle;
    for (const broken of [
      { ...display, names: ['Local'] },
      { ...display, comparison: noCounts },
      { ...display, comparison: { ...comparison, results: [comparison.results[0]] } },
      { ...display, strings },
      { ...display, image: { base64: 'PHN2Zz4=', mime: 'image/svg+xml' } },
      { ...display, lowConfidence: 'high' },
    ]) {
      assert.ok(!isCompareHostMessage({ type: 'compare', display: broken }), JSON.stringify(Object.keys(broken)));
    }
    assert.ok(!isCompareHostMessage({ type: 'show', display }));
  });
});
