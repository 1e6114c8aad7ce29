/**
 * A word-level diff of two texts in reading order (Compare Providers…): which words two providers
 * read alike, which only one of them read, and which they read differently. Pure.
 *
 * Myers' O((N+M)·D) algorithm in its linear-space form (the "middle snake", divide and conquer),
 * after the common head and tail are stripped: two OCRs of one page differ in a few words, so D is
 * small and 10,000 words a side cost milliseconds and two arrays of N+M integers, where the usual
 * dynamic-programming table would be 10⁸ cells. Words are compared as integers (each distinct
 * normalized word gets a number once), and two texts with no word in common are one replacement
 * without any search.
 */

import type { DiffOp, DiffOpKind, WordDiff } from '../shared/comparison';

export type { DiffOp, DiffOpKind, WordDiff } from '../shared/comparison';

export interface WordDiffOptions {
  /** Compare "Word" and "word" as the same (default: case matters). */
  ignoreCase?: boolean;
  /** Drop punctuation before comparing, so "end." equals "end" (a word of punctuation alone then equals any other such word). */
  ignorePunctuation?: boolean;
}

/** The diff of two word lists (`same + onlyA + changed` is A's length, `same + onlyB + changed` B's). */
export function wordDiff(a: readonly string[], b: readonly string[], options: WordDiffOptions = {}): WordDiff {
  const [keysA, keysB] = encode(a, b, options);
  const steps = new Steps();
  new Myers(keysA, keysB, steps).run();
  return summarize(steps.toOps(), a.length, b.length);
}

/** Each distinct normalized word → one number, so the search compares integers. */
function encode(a: readonly string[], b: readonly string[], options: WordDiffOptions): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const normalize = (word: string) => {
    let key = word.normalize('NFC');
    if (options.ignoreCase) key = key.toLowerCase();
    if (options.ignorePunctuation) key = key.replace(/[\p{P}\p{S}]/gu, '');
    return key;
  };
  const idOf = (word: string) => {
    const key = normalize(word);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  return [Int32Array.from(a, idOf), Int32Array.from(b, idOf)];
}

/** The edit script as it is found (left to right), merged into runs of one kind. */
class Steps {
  private readonly kinds: Array<'equal' | 'delete' | 'insert'> = [];
  private readonly lengths: number[] = [];

  add(kind: 'equal' | 'delete' | 'insert', length: number): void {
    if (length <= 0) return;
    const last = this.kinds.length - 1;
    if (this.kinds[last] === kind) this.lengths[last]! += length;
    else {
      this.kinds.push(kind);
      this.lengths.push(length);
    }
  }

  /** Runs with positions; deletions and insertions between two equal runs become one replacement. */
  toOps(): DiffOp[] {
    const ops: DiffOp[] = [];
    let x = 0;
    let y = 0;
    let i = 0;
    while (i < this.kinds.length) {
      if (this.kinds[i] === 'equal') {
        const n = this.lengths[i++]!;
        ops.push({ op: 'equal', a: [x, x + n], b: [y, y + n] });
        x += n;
        y += n;
        continue;
      }
      let deleted = 0;
      let inserted = 0;
      for (; i < this.kinds.length && this.kinds[i] !== 'equal'; i++) {
        if (this.kinds[i] === 'delete') deleted += this.lengths[i]!;
        else inserted += this.lengths[i]!;
      }
      const op: DiffOpKind = deleted > 0 && inserted > 0 ? 'replace' : deleted > 0 ? 'delete' : 'insert';
      ops.push({ op, a: [x, x + deleted], b: [y, y + inserted] });
      x += deleted;
      y += inserted;
    }
    return ops;
  }
}

/**
 * Myers' linear-space diff (E. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986,
 * section 4b): find the middle snake of the shortest edit script, then solve the halves before
 * and after it. Two arrays of diagonals serve every level of the recursion.
 */
class Myers {
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;
  private readonly offset: number;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly steps: Steps,
  ) {
    this.offset = Math.ceil((a.length + b.length) / 2) + 2;
    this.forward = new Int32Array(2 * this.offset + 1);
    this.backward = new Int32Array(2 * this.offset + 1);
  }

  run(): void {
    const shared = new Set(this.a);
    if (!this.b.some((word) => shared.has(word))) {
      // Nothing in common: the answer is known without a search that would take (N+M)²/4 steps.
      this.steps.add('delete', this.a.length);
      this.steps.add('insert', this.b.length);
      return;
    }
    this.diff(0, this.a.length, 0, this.b.length);
  }

  /** Appends the edit script of `a[a0, a1)` → `b[b0, b1)`. */
  private diff(a0: number, a1: number, b0: number, b1: number): void {
    let head = 0;
    while (a0 + head < a1 && b0 + head < b1 && this.a[a0 + head] === this.b[b0 + head]) head++;
    let tail = 0;
    while (a1 - tail > a0 + head && b1 - tail > b0 + head && this.a[a1 - tail - 1] === this.b[b1 - tail - 1]) tail++;
    this.steps.add('equal', head);
    a0 += head;
    b0 += head;
    a1 -= tail;
    b1 -= tail;
    if (a0 === a1 || b0 === b1) {
      this.steps.add('delete', a1 - a0);
      this.steps.add('insert', b1 - b0);
    } else {
      // Both sides left and their ends differ, so at least two edits remain and both halves are smaller.
      const [x, y, u, v] = this.middleSnake(a0, a1 - a0, b0, b1 - b0);
      this.diff(a0, a0 + x, b0, b0 + y);
      this.steps.add('equal', u - x);
      this.diff(a0 + u, a1, b0 + v, b1);
    }
    this.steps.add('equal', tail);
  }

  /**
   * The middle snake of `a[a0, a0+n)` → `b[b0, b0+m)`: its start (x, y) and end (u, v), relative
   * to a0 and b0. The forward search runs from the top-left corner, the backward one from the
   * bottom-right (its x counted from the end), until their paths meet on a diagonal.
   */
  private middleSnake(a0: number, n: number, b0: number, m: number): [number, number, number, number] {
    const { a, b, forward: vf, backward: vb, offset: o } = this;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    const limit = Math.ceil((n + m) / 2);
    vf[o + 1] = 0;
    vb[o + 1] = 0;
    for (let d = 0; d <= limit; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && vf[o + k - 1]! < vf[o + k + 1]!) ? vf[o + k + 1]! : vf[o + k - 1]! + 1;
        let y = x - k;
        const sx = x;
        const sy = y;
        while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
          x++;
          y++;
        }
        vf[o + k] = x;
        const back = delta - k;
        if (odd && back >= -(d - 1) && back <= d - 1 && x + vb[o + back]! >= n) return [sx, sy, x, y];
      }
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && vb[o + k - 1]! < vb[o + k + 1]!) ? vb[o + k + 1]! : vb[o + k - 1]! + 1;
        let y = x - k;
        const sx = x;
        const sy = y;
        while (x < n && y < m && a[a0 + n - 1 - x] === b[b0 + m - 1 - y]) {
          x++;
          y++;
        }
        vb[o + k] = x;
        const ahead = delta - k;
        if (!odd && ahead >= -d && ahead <= d && x + vf[o + ahead]! >= n) return [n - x, m - y, n - sx, m - sy];
      }
    }
    // Unreachable: the paths meet by d = ⌈(n+m)/2⌉.
    throw new Error('wordDiff: no middle snake');
  }
}

function summarize(ops: DiffOp[], lengthA: number, lengthB: number): WordDiff {
  let same = 0;
  let onlyA = 0;
  let onlyB = 0;
  let changed = 0;
  for (const { op, a, b } of ops) {
    const inA = a[1] - a[0];
    const inB = b[1] - b[0];
    if (op === 'equal') same += inA;
    else {
      const pairs = Math.min(inA, inB);
      changed += pairs;
      onlyA += inA - pairs;
      onlyB += inB - pairs;
    }
  }
  const longer = Math.max(lengthA, lengthB);
  return { ops, same, onlyA, onlyB, changed, similarity: longer === 0 ? 1 : 1 - (onlyA + onlyB + changed) / longer };
}
