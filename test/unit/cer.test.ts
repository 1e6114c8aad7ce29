import assert from 'node:assert/strict';
import { characterErrorRate, levenshtein, normalizeForCer } from '../../src/text/cer';

/** The textbook definition (full n·m table), to check the two-row version against. */
function referenceLevenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
  }
  return d[x.length]![y.length]!;
}

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.equal(levenshtein('sitting', 'kitten'), 3);
    assert.equal(levenshtein('flaw', 'lawn'), 2);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(levenshtein('abc', ''), 3);
    assert.equal(levenshtein('', ''), 0);
    assert.equal(levenshtein('same', 'same'), 0);
  });

  it('counts code points, so Cyrillic and astral characters are one character each', () => {
    assert.equal(levenshtein('ёж', 'еж'), 1);
    assert.equal(levenshtein('a😀b', 'ab'), 1);
    assert.equal(levenshtein('😀', '😁'), 1); // same high surrogate: UTF-16 units would also say 1, code points must too
  });

  it('agrees with the full-table definition on pseudo-random strings', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = 'abcё ';
    const random = (n: number) => Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
    for (let k = 0; k < 200; k++) {
      const a = random(next() % 12);
      const b = random(next() % 12);
      assert.equal(levenshtein(a, b), referenceLevenshtein(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });

  it('handles a page against a page without a table of n·m cells', () => {
    const page = 'The quick brown fox jumps over the lazy dog.\n'.repeat(100); // 4,500 characters
    const misread = page.replace(/o/g, '0');
    assert.equal(levenshtein(page, misread), 400);
  });
});

describe('normalizeForCer', () => {
  it('collapses spaces and tabs, trims lines, drops empty lines, keeps line breaks', () => {
    assert.equal(normalizeForCer('  Hello,\t\t world  \n\n\n  second   line \r\n\n'), 'Hello, world\nsecond line');
  });

  it('composes characters (NFC), so a decomposed ё equals a composed one', () => {
    assert.equal(normalizeForCer('е\u0308ж'), 'ёж');
  });

  it('keeps case and punctuation', () => {
    assert.equal(normalizeForCer('A, b. C!'), 'A, b. C!');
  });
});

describe('characterErrorRate', () => {
  it('is 0 for the same text laid out differently', () => {
    const result = characterErrorRate('line one\nline two', '  line   one\n\n\tline two \n');
    assert.deepEqual(result, { errors: 0, referenceLength: 17, cer: 0 });
  });

  it('is errors divided by the reference length', () => {
    const result = characterErrorRate('hello world', 'helo wor1d');
    assert.equal(result.errors, 2);
    assert.equal(result.referenceLength, 11);
    assert.equal(result.cer, 2 / 11);
  });

  it('is 1 when nothing is read, and can exceed 1 for long wrong output', () => {
    assert.equal(characterErrorRate('abc', '').cer, 1);
    assert.equal(characterErrorRate('ab', 'xyzw').cer, 2);
  });

  it('handles an empty reference (an image with no legible text)', () => {
    assert.equal(characterErrorRate('', ' \n ').cer, 0);
    assert.equal(characterErrorRate('\n', 'noise').cer, Infinity);
  });

  it('counts a missing line break as one error', () => {
    assert.equal(characterErrorRate('a b\nc d', 'a b c d').errors, 1);
  });
});
