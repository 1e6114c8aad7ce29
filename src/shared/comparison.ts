import type { AnalysisResult, FeatureId } from './analysisResult';

/**
 * What Compare Providers… returns to scripts and shows in its panel: one image read by two
 * providers, side by side. No `vscode` import: the command, the panel and its webview share it.
 */

/** `equal`: read alike; `delete`: only in A; `insert`: only in B; `replace`: A's words read as B's. */
export type DiffOpKind = 'equal' | 'delete' | 'insert' | 'replace';

/**
 * One run of words: `a` and `b` are half-open ranges `[start, end)` of word indices on each side
 * (in `allWords` order, so the panel can mark them in each picture); an empty range for the side
 * a word is missing from, positioned where it would be.
 */
export interface DiffOp {
  op: DiffOpKind;
  a: [number, number];
  b: [number, number];
}

/** A word-level diff of two readings (text/wordDiff.ts). */
export interface WordDiff {
  ops: DiffOp[];
  /** Words read alike. */
  same: number;
  /** Words only A has (deleted, and A's surplus in an uneven replacement). */
  onlyA: number;
  /** Words only B has (inserted, and B's surplus in an uneven replacement). */
  onlyB: number;
  /** Words read differently, counted in pairs (the shorter side of each replacement). */
  changed: number;
  /**
   * 1 − word edit distance / the longer side's word count (1: identical, 0: nothing in common);
   * the edit distance is `onlyA + onlyB + changed`. Two empty texts are identical.
   */
  similarity: number;
}

/** A provider that gave no result for the image: why (its message names the file and the cause). */
export interface CompareFailure {
  error: string;
  /** The provider's own code when it gave one (Google's `API_KEY_INVALID`). */
  code?: string;
}

export type CompareSide = AnalysisResult | CompareFailure;

export function isCompareFailure(side: CompareSide): side is CompareFailure {
  return 'error' in side && typeof side.error === 'string' && !('provider' in side);
}

/** A side of a comparison: 0 is A, 1 is B. */
export type SideIndex = 0 | 1;

/** What one provider found, in numbers. */
export interface ResultCounts {
  words: number;
  lines: number;
  faces: number;
  labels: number;
}

/**
 * Where one provider's time went: the result's own prepare / request / parse (absent when it
 * failed), and `totalMs`, the wall-clock time from asking to answer (with any queueing behind
 * other requests, and the confirmations a link outside the workspace needs).
 */
export interface SideTimings {
  prepareMs?: number;
  requestMs?: number;
  parseMs?: number;
  totalMs: number;
}

export interface ProviderComparison {
  /** The image (`Uri.toString()`). */
  uri: string;
  /** Provider ids, A then B. */
  providers: [string, string];
  features: FeatureId[];
  results: [CompareSide, CompareSide];
  /** The word diff of A's text against B's: only when both read the text. */
  diff?: WordDiff;
  /** Null for a provider that failed. */
  counts: [ResultCounts | null, ResultCounts | null];
  timings: [SideTimings, SideTimings];
}

/** A comparison as a panel shows it: with the providers' display names, A then B. */
export interface NamedComparison {
  comparison: ProviderComparison;
  names: [string, string];
}
