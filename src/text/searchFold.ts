/**
 * Text as search compares it (issue 16: "case- and accent-insensitive"): lower case, accents
 * off, compatibility forms plain (the ligature `ﬁ` is `fi`, a full-width `４` is `4`), `ß` is
 * `ss`. Pure, no dependencies: the host searches cached results with it, and the webview could
 * with the same rules.
 *
 * Russian and its neighbours, where a mark is sometimes an accent and sometimes a letter:
 * - `ё` is found by `е` and `е` by `ё`: Russian text mostly writes `ё` as `е`, and Russian
 *   search engines treat the two as one letter.
 * - `й`, `ї` (Ukrainian) and `ў` (Belarusian) stay themselves: they are letters of their own, not
 *   `и`, `і`, `у` with an accent (`мой` and `мои` are different words). Plain decomposition would
 *   strip their marks, so they are set aside before it and put back after.
 */

/** Letters whose decomposition is not an accent, and stand-ins (private use) that survive NFKD. */
const OWN_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['й', '\uE000'],
  ['ї', '\uE001'],
  ['ў', '\uE002'],
];
const SET_ASIDE = new Map(OWN_LETTERS);
const PUT_BACK = new Map(OWN_LETTERS.map(([letter, standIn]) => [standIn, letter]));
const OWN = /[йїў]/g;
const STAND_INS = /[\uE000-\uE002]/g;
const MARKS = /\p{M}+/gu;

/** `text` folded for comparison. Lengths may change (`ß` → `ss`), so offsets are not kept. */
export function foldForSearch(text: string): string {
  // NFC first, so a `й` written as `и` + combining breve is recognized as `й` too.
  const lower = text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/ß/g, 'ss');
  const folded = lower.replace(OWN, (letter) => SET_ASIDE.get(letter)!).normalize('NFKD').replace(MARKS, '');
  return folded.replace(STAND_INS, (standIn) => PUT_BACK.get(standIn)!);
}

/**
 * Punctuation around a word, which search ignores: a query `4711,` finds the word `4711` and
 * `invoice` finds `(invoice`. Inside a word it stays (`e-mail`, `3.14`). `#` is kept: `C#` is not `C`.
 */
const EDGE_PUNCTUATION = /^[^\P{P}#]+|[^\P{P}#]+$/gu;

/** A word (or a query's word) as search compares it; empty when it is only punctuation. */
export function searchWord(text: string): string {
  return foldForSearch(text).replace(/\s+/gu, ' ').replace(EDGE_PUNCTUATION, '').trim();
}

/** A query as search compares it: its words folded and trimmed of punctuation, one space between. */
export function searchPhrase(query: string): string {
  return query.split(/\s+/u).map(searchWord).filter((w) => w !== '').join(' ');
}
