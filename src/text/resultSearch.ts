import { allWords, type AnalysisResult } from '../shared/analysisResult';
import type { Edits } from '../shared/textItems';
import { searchPhrase, searchWord } from './searchFold';

/**
 * Search across results (issue 16): where a query occurs in a result's text, as the word indices
 * the panel highlights (`allWords` order, the order of `textItems` and of corrections) and a
 * snippet to list. Pure.
 *
 * How it matches — the way a find box does, over the text read as words with one space between:
 * - case and accents do not matter, nor punctuation around a word (searchFold.ts: `е` finds `ё`,
 *   `и` does not find `й`; `4711,` finds `4711`);
 * - a phrase runs across line and block breaks, which are spaces like any other (`invoice 4711`
 *   finds `Invoice` at the end of one line and `4711` at the start of the next);
 * - inside words too: `voice` finds `invoice`, `4711` finds `INV-4711`, and a phrase may begin
 *   inside its first word and end inside its last (`voice 47` finds `invoice 4711`). A word of
 *   nothing but punctuation (`—`, `:`) is skipped over, so `total 5` finds `Total: 5` and `Total : 5`;
 * - labels by name (`cat` finds the label `Cat`), listed after the text's matches.
 * Words run together (Chinese, Japanese) are found only as the provider split them into words.
 */

/** A match's words with some of their neighbours, for a list of matches (the match itself to be emphasized). */
export interface SearchSnippet {
  /** The words before; starts with `…` when the text goes on before them. */
  before: string;
  /** The words matched, whole (a match inside a word shows that word). */
  match: string;
  after: string;
}

export type SearchMatch =
  /** Words of the text: every index from the first word matched to the last, in `allWords` order. */
  | { kind: 'text'; words: number[]; snippet: SearchSnippet }
  /** A label (index into `result.labels`) whose name matched. */
  | { kind: 'label'; label: number; snippet: SearchSnippet };

/** One result's matches: the first `limit` of them, and how many there are in all. */
export interface ResultMatches {
  matches: SearchMatch[];
  count: number;
}

export interface SearchOptions {
  /** Matches kept per result (the count goes on): a one-letter query in a long page would list thousands. Default 100. */
  limit?: number;
  /** The user's corrections (word index → text), searched instead of what the provider read. */
  edits?: Edits;
}

/** Words of context on each side of a match in its snippet. */
const CONTEXT_WORDS = 5;
const DEFAULT_LIMIT = 100;

/** Where `query` occurs in `result`. A query with nothing to search (empty, only punctuation) matches nothing. */
export function searchResult(query: string, result: AnalysisResult, options: SearchOptions = {}): ResultMatches {
  const phrase = searchPhrase(query);
  const limit = options.limit ?? DEFAULT_LIMIT;
  const found: ResultMatches = { matches: [], count: 0 };
  if (phrase === '') return found;
  const keep = (match: SearchMatch) => {
    if (found.count++ < limit) found.matches.push(match);
  };
  if (result.text) searchWords(phrase, allWords(result.text).map((w, i) => options.edits?.get(i) ?? w.text), keep);
  result.labels?.forEach((label, index) => {
    if (searchWord(label.name).includes(phrase)) keep({ kind: 'label', label: index, snippet: { before: '', match: label.name, after: '' } });
  });
  return found;
}

/** The results where `query` occurs, in their order, each with its matches. */
export function searchResults<R extends AnalysisResult>(query: string, results: Iterable<R>, options: SearchOptions = {}): Array<ResultMatches & { result: R }> {
  const found: Array<ResultMatches & { result: R }> = [];
  for (const result of results) {
    const matches = searchResult(query, result, options);
    if (matches.count > 0) found.push({ result, ...matches });
  }
  return found;
}

/**
 * The phrase's occurrences in the words, left to right, none overlapping: the words are folded
 * and joined by single spaces into one string, the phrase is looked up in it, and each
 * occurrence's characters are mapped back to the words they fall in.
 */
function searchWords(phrase: string, words: string[], keep: (match: SearchMatch) => void): void {
  let joined = '';
  /** For each word in `joined`: its index in `words`, and where it starts and ends there. */
  const spans: Array<{ word: number; start: number; end: number }> = [];
  words.forEach((text, word) => {
    const folded = searchWord(text);
    if (folded === '') return;
    if (joined !== '') joined += ' ';
    spans.push({ word, start: joined.length, end: joined.length + folded.length });
    joined += folded;
  });
  for (let at = joined.indexOf(phrase); at >= 0; at = joined.indexOf(phrase, at + phrase.length)) {
    const first = spans[spanAt(spans, at)]!.word;
    const last = spans[spanAt(spans, at + phrase.length - 1)]!.word;
    keep({ kind: 'text', words: range(first, last), snippet: snippet(words, first, last) });
  }
}

/** The span holding character `offset` of the joined text (the last one starting at or before it). */
function spanAt(spans: ReadonlyArray<{ start: number }>, offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (spans[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function snippet(words: string[], first: number, last: number): SearchSnippet {
  const from = Math.max(0, first - CONTEXT_WORDS);
  const to = Math.min(words.length - 1, last + CONTEXT_WORDS);
  const join = (a: number, b: number) => words.slice(a, b + 1).join(' ').replace(/\s+/gu, ' ').trim();
  return {
    before: (from > 0 ? '… ' : '') + join(from, first - 1),
    match: join(first, last),
    after: join(last + 1, to) + (to < words.length - 1 ? ' …' : ''),
  };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
