/**
 * Character error rate (CER) of recognized text against a ground-truth transcription: the
 * Levenshtein distance (insertions, deletions, substitutions, each costing 1) divided by the
 * length of the reference. Used by the OCR bench and the accuracy-floor test. Pure.
 *
 * Both texts are normalized first (`normalizeForCer`), because OCR engines and transcribers
 * disagree on layout whitespace that a reader does not see: blank lines between paragraphs,
 * indentation, trailing spaces, double spaces after a full stop. What is kept is what a reader
 * does see: the characters, their case, their punctuation, the single spaces between words and
 * the line breaks (a line break counts as one character, like a space).
 *
 * Lengths are counted in Unicode code points, not UTF-16 units, so a Cyrillic letter, "ё" or an
 * emoji is one character whether it was composed or not (text is NFC-normalized).
 */

/** Collapses runs of spaces/tabs to one space, trims each line, drops empty lines, NFC. */
export function normalizeForCer(text: string): string {
  return text
    .normalize('NFC')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/**
 * Levenshtein distance between two sequences of code points. O(n·m) time, O(min(n, m)) memory:
 * two rows of the dynamic-programming table, the shorter sequence along the row, so a full page
 * (a few thousand characters) against another costs a few kilobytes, not n·m cells.
 */
export function levenshtein(a: string, b: string): number {
  let long = Array.from(a);
  let short = Array.from(b);
  if (short.length > long.length) [long, short] = [short, long];
  const m = short.length;
  if (m === 0) return long.length;
  // Characters as numbers: comparing code points is cheaper than comparing one-character strings.
  const s = Uint32Array.from(short, (c) => c.codePointAt(0)!);
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 0; i < long.length; i++) {
    const c = long[i]!.codePointAt(0)!;
    current[0] = i + 1;
    for (let j = 1; j <= m; j++) {
      const substitution = previous[j - 1]! + (s[j - 1] === c ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[m]!;
}

export interface CerResult {
  /** Edit distance between the normalized texts. */
  errors: number;
  /** Code points in the normalized reference. */
  referenceLength: number;
  /**
   * errors / referenceLength (0 = perfect; can exceed 1 when the hypothesis is longer and
   * wrong). With an empty reference: 0 for an empty hypothesis, Infinity otherwise.
   */
  cer: number;
}

/** CER of `hypothesis` (what the engine read) against `reference` (the ground truth). */
export function characterErrorRate(reference: string, hypothesis: string): CerResult {
  const ref = normalizeForCer(reference);
  const hyp = normalizeForCer(hypothesis);
  const errors = levenshtein(ref, hyp);
  const referenceLength = Array.from(ref).length;
  const cer = referenceLength === 0 ? (errors === 0 ? 0 : Infinity) : errors / referenceLength;
  return { errors, referenceLength, cer };
}
