import assert from 'node:assert/strict';
import { parseBatch, rowOf, tally, type Batch } from '../../src/analysis/batchRows';
import { failedResult, type AnalysisResult } from '../../src/shared/analysisResult';

const word = (text: string) => ({ text, polygon: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }] });
const result = (extra: Partial<AnalysisResult> = {}): AnalysisResult => ({
  provider: 'google',
  features: ['text', 'faces'],
  image: { uri: 'file:///a.png', width: 10, height: 10, mime: 'image/png', sha256: 'ab' },
  text: { fullText: 'one two', pages: [{ width: 10, height: 10, blocks: [{ polygon: [], lines: [{ polygon: [], text: 'one two', words: [word('one'), word('two')] }] }] }] },
  faces: [{ polygon: [] }],
  errors: [],
  raw: {},
  timings: { prepareMs: 10.4, requestMs: 200.2, parseMs: 3 },
  ...extra,
});

describe('the batch summary\'s rows', () => {
  it('count words, faces and labels, and the provider\'s time', () => {
    assert.deepEqual(rowOf('file:///a.png', result()), { uri: 'file:///a.png', status: 'done', words: 2, faces: 1, labels: 0, ms: 214 });
  });

  it('say where a result came from, what failed for one feature, and why an image failed', () => {
    assert.equal(rowOf('u', result({ cached: { storedAt: 5 } })).status, 'cached');
    assert.equal(rowOf('u', result({ errors: [{ feature: 'faces', message: 'quota' }] })).error, 'faces: quota');
    assert.deepEqual(rowOf('u', failedResult('google', ['text'], 'u', '"a.png" is not an image')), { uri: 'u', status: 'failed', error: '"a.png" is not an image' });
  });

  it('a stored batch comes back only in its shape; images still queued at a reload come back failed, saying why', () => {
    const batch: Batch = { provider: 'google', features: ['text'], title: 'Extract Text', startedAt: 1, rows: [{ uri: 'a', status: 'done', words: 3 }, { uri: 'b', status: 'queued' }] };
    const back = parseBatch(JSON.parse(JSON.stringify(batch)), 'interrupted')!;
    assert.deepEqual(back.rows, [{ uri: 'a', status: 'done', words: 3 }, { uri: 'b', status: 'failed', error: 'interrupted' }]);
    assert.deepEqual(tally(back), { queued: 0, done: 1, cached: 0, failed: 1 });
    assert.equal(parseBatch({ ...batch, rows: [{ uri: 1, status: 'done' }] }, 'x'), undefined);
    assert.equal(parseBatch({ ...batch, rows: [{ uri: 'a', status: 'exploded' }] }, 'x'), undefined);
    assert.equal(parseBatch('nonsense', 'x'), undefined);
    assert.deepEqual(parseBatch({ ...batch, features: ['text', 'nonsense', 3] }, 'x')!.features, ['text']);
  });
});
