import { allWords, type FeatureId } from '../shared/analysisResult';
import { isCompareFailure, type CompareSide, type ProviderComparison, type ResultCounts, type SideTimings } from '../shared/comparison';
import { wordDiff, type WordDiffOptions } from '../text/wordDiff';

/** One provider's part of a comparison as the command measured it. */
export interface ComparedRun {
  provider: string;
  outcome: CompareSide;
  /** Wall-clock milliseconds from asking to answer. */
  totalMs: number;
}

/**
 * Puts two providers' readings of one image side by side: their counts, their times, and (when
 * both read the text) the word diff of A's words against B's in `allWords` order. Pure: the
 * command measures and analyzes, this only shapes, so scripts and the panel get the same object.
 */
export function compareRuns(uri: string, features: FeatureId[], [a, b]: [ComparedRun, ComparedRun], options: WordDiffOptions = {}): ProviderComparison {
  const wordsOf = (side: CompareSide) => (isCompareFailure(side) || !side.text ? [] : allWords(side.text).map((w) => w.text));
  const diff =
    features.includes('text') && !isCompareFailure(a.outcome) && !isCompareFailure(b.outcome) ? wordDiff(wordsOf(a.outcome), wordsOf(b.outcome), options) : undefined;
  return {
    uri,
    providers: [a.provider, b.provider],
    features,
    results: [a.outcome, b.outcome],
    ...(diff ? { diff } : {}),
    counts: [countsOf(a.outcome), countsOf(b.outcome)],
    timings: [timingsOf(a), timingsOf(b)],
  };
}

/** What a result found, in numbers; null for a provider that failed. */
export function countsOf(side: CompareSide): ResultCounts | null {
  if (isCompareFailure(side)) return null;
  const pages = side.text?.pages ?? [];
  return {
    words: side.text ? allWords(side.text).length : 0,
    lines: pages.reduce((n, page) => n + page.blocks.reduce((m, block) => m + block.lines.length, 0), 0),
    faces: side.faces?.length ?? 0,
    labels: side.labels?.length ?? 0,
  };
}

function timingsOf(run: ComparedRun): SideTimings {
  if (isCompareFailure(run.outcome)) return { totalMs: run.totalMs };
  const { prepareMs, requestMs, parseMs } = run.outcome.timings;
  return { prepareMs, requestMs, parseMs, totalMs: run.totalMs };
}
