import type { AnalysisResult } from '../shared/analysisResult';
import { textOf } from '../text/resultText';
import type { NamedResult } from './namedResult';

/**
 * Plain-text export: the text as laid out on the image (the same text Copy All gives: lines in
 * reading order, blank lines between blocks, indentation kept), ending in a newline; empty when
 * the result has no text.
 */
export function plainText(result: AnalysisResult): string {
  const text = result.text ? textOf(result.text, new Map()) : '';
  return text === '' ? '' : `${text.replace(/\s+$/, '')}\n`;
}

/**
 * Many results in one text file, each under a header line naming its image, `==> name <==` (what
 * `head` prints between files, so the sections are easy to find and to split again).
 */
export function combinedPlainText(results: readonly NamedResult[]): string {
  return results.map(({ result, name }) => `==> ${oneLine(name)} <==\n${plainText(result)}`).join('\n');
}

/** A name on one line: a line break in a file name would fake a header of its own. */
function oneLine(name: string): string {
  return name.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
