import assert from 'node:assert/strict';
import { wordDiff, type DiffOp, type WordDiff } from '../../src/text/wordDiff';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const kinds = (diff: WordDiff) => diff.ops.map((o) => o.op).join(' ');

/** The ops cover both sides end to end, equal runs are really equal, and the counts add up. */
function checkConsistent(a: readonly string[], b: readonly string[], diff: WordDiff, equal = (x: string, y: string) => x === y): void {
  let x = 0;
  let y = 0;
  for (const op of diff.ops) {
    assert.equal(op.a[0], x, 'A ranges are contiguous');
    assert.equal(op.b[0], y, 'B ranges are contiguous');
    const inA = op.a[1] - op.a[0];
    const inB = op.b[1] - op.b[0];
    if (op.op === 'equal') {
      assert.equal(inA, inB);
      for (let i = 0; i < inA; i++) assert.ok(equal(a[op.a[0] + i]!, b[op.b[0] + i]!), `${a[op.a[0] + i]} ≠ ${b[op.b[0] + i]}`);
    } else if (op.op === 'delete') assert.ok(inA > 0 && inB === 0);
    else if (op.op === 'insert') assert.ok(inA === 0 && inB > 0);
    else assert.ok(inA > 0 && inB > 0);
    x = op.a[1];
    y = op.b[1];
  }
  assert.equal(x, a.length);
  assert.equal(y, b.length);
  assert.equal(diff.same + diff.onlyA + diff.changed, a.length);
  assert.equal(diff.same + diff.onlyB + diff.changed, b.length);
  // No two runs of one kind in a row, and no delete next to an insert (those are one replace).
  diff.ops.forEach((op, i) => {
    const next = diff.ops[i + 1];
    if (next) assert.ok(op.op !== next.op && !(op.op !== 'equal' && next.op !== 'equal'), `${op.op} then ${next.op}`);
  });
}

/** The longest common subsequence's length, by dynamic programming (the reference for small inputs). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const wa of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(wa === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return row[b.length]!;
}

/** A deterministic generator (tests are reproducible without Math.random). */
function* numbers(seed: number): Generator<number, never> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    yield state >>> 8;
  }
}

describe('wordDiff (word-level diff of two readings)', () => {
  it('identical texts: one equal run, similarity 1', () => {
    const a = words('The quick brown fox');
    const diff = wordDiff(a, [...a]);
    assert.deepEqual(diff.ops, [{ op: 'equal', a: [0, 4], b: [0, 4] }]);
    assert.equal(diff.similarity, 1);
    assert.deepEqual([diff.same, diff.onlyA, diff.onlyB, diff.changed], [4, 0, 0, 0]);
  });

  it('empty sides: nothing to compare is identical; one empty side is all inserted or all deleted', () => {
    assert.deepEqual(wordDiff([], []), { ops: [], same: 0, onlyA: 0, onlyB: 0, changed: 0, similarity: 1 });
    const inserted = wordDiff([], words('a b c'));
    assert.deepEqual(inserted.ops, [{ op: 'insert', a: [0, 0], b: [0, 3] }]);
    assert.equal(inserted.onlyB, 3);
    assert.equal(inserted.similarity, 0);
    const deleted = wordDiff(words('a b'), []);
    assert.deepEqual(deleted.ops, [{ op: 'delete', a: [0, 2], b: [0, 0] }]);
    assert.equal(deleted.similarity, 0);
  });

  it('all different: one replacement, similarity 0', () => {
    const diff = wordDiff(words('one two three'), words('four five'));
    assert.deepEqual(diff.ops, [{ op: 'replace', a: [0, 3], b: [0, 2] }]);
    assert.deepEqual([diff.same, diff.onlyA, diff.onlyB, diff.changed], [0, 1, 0, 2]);
    assert.equal(diff.similarity, 0);
  });

  it('an inserted, a deleted and a replaced word, each at its place on both sides', () => {
    const a = words('Invoice number 4711 dated 1 March total 20 EUR');
    const b = words('Invoice no. 4711 dated 1 March 2024 total EUR');
    const diff = wordDiff(a, b);
    checkConsistent(a, b, diff);
    assert.equal(kinds(diff), 'equal replace equal insert equal delete equal');
    const at = (kind: DiffOp['op'], n = 0) => diff.ops.filter((o) => o.op === kind)[n]!;
    assert.deepEqual(at('replace'), { op: 'replace', a: [1, 2], b: [1, 2] });
    assert.deepEqual(at('insert'), { op: 'insert', a: [6, 6], b: [6, 7] });
    assert.deepEqual(at('delete'), { op: 'delete', a: [7, 8], b: [8, 8] });
    assert.deepEqual([diff.same, diff.onlyA, diff.onlyB, diff.changed], [7, 1, 1, 1]);
    assert.equal(diff.similarity, 1 - 3 / 9);
  });

  it('is case-sensitive by default; ignoreCase and ignorePunctuation relax it', () => {
    const a = words('Hello, World!');
    const b = words('hello world');
    assert.equal(wordDiff(a, b).same, 0);
    assert.equal(wordDiff(a, b, { ignoreCase: true }).same, 0, 'punctuation still differs');
    assert.equal(wordDiff(a, b, { ignorePunctuation: true }).same, 0, 'case still differs');
    const relaxed = wordDiff(a, b, { ignoreCase: true, ignorePunctuation: true });
    assert.deepEqual(relaxed.ops, [{ op: 'equal', a: [0, 2], b: [0, 2] }]);
  });

  it('Cyrillic: compared as written (NFC), case folded on request', () => {
    const a = words('Съешь же ещё этих мягких французских булок');
    // "ещё" with a combining diaeresis (NFD) is the same word; "Мягких" differs only in case.
    const b = words('Съешь же еще\u0308 этих Мягких французских булок да выпей чаю');
    const diff = wordDiff(a, b);
    checkConsistent(a, b, diff, (x, y) => x.normalize('NFC') === y.normalize('NFC'));
    assert.equal(kinds(diff), 'equal replace equal insert');
    assert.deepEqual(diff.ops[1], { op: 'replace', a: [4, 5], b: [4, 5] });
    assert.equal(wordDiff(a, b, { ignoreCase: true }).changed, 0);
  });

  it('finds a shortest edit script: its equal words are a longest common subsequence', () => {
    const random = numbers(7);
    for (let round = 0; round < 300; round++) {
      const vocabulary = 2 + (random.next().value % 6);
      const make = () => Array.from({ length: random.next().value % 25 }, () => `w${random.next().value % vocabulary}`);
      const a = make();
      const b = make();
      const diff = wordDiff(a, b);
      checkConsistent(a, b, diff);
      assert.equal(diff.same, lcsLength(a, b), `${a.join(' ')} | ${b.join(' ')}`);
    }
  });

  it('10,000 words a side with 1 % of them changed, inserted or deleted: exact counts, no quadratic table', () => {
    const random = numbers(42);
    const a = Array.from({ length: 10_000 }, (_, i) => `word${i}`);
    const b = [...a];
    // 100 edits spread over the text, applied from the end so earlier positions stay put.
    const spots = Array.from({ length: 100 }, (_, i) => i * 100 + (random.next().value % 90)).reverse();
    let replaced = 0;
    let inserted = 0;
    let deleted = 0;
    spots.forEach((spot, i) => {
      if (i % 3 === 0) {
        b[spot] = `changed${i}`;
        replaced++;
      } else if (i % 3 === 1) {
        b.splice(spot, 0, `new${i}`);
        inserted++;
      } else {
        b.splice(spot, 1);
        deleted++;
      }
    });
    const diff = wordDiff(a, b);
    checkConsistent(a, b, diff);
    assert.deepEqual([diff.changed, diff.onlyB, diff.onlyA], [replaced, inserted, deleted]);
    assert.equal(diff.same, 10_000 - replaced - deleted);
    assert.ok(diff.similarity > 0.98 && diff.similarity < 1);
  });

  it('10,000 words a side with nothing in common, and 10,000 of a small vocabulary shuffled', () => {
    const a = Array.from({ length: 10_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 10_000 }, (_, i) => `b${i}`);
    assert.deepEqual(wordDiff(a, b).ops, [{ op: 'replace', a: [0, 10_000], b: [0, 10_000] }]);
    // The hard case for Myers (many edits): it still finishes, and what it reports is consistent.
    const random = numbers(3);
    const c = Array.from({ length: 10_000 }, () => `w${random.next().value % 50}`);
    const d = Array.from({ length: 10_000 }, () => `w${random.next().value % 50}`);
    checkConsistent(c, d, wordDiff(c, d));
  });
});
