import type { AnalysisResult } from '../shared/analysisResult';
import { findingsMarkdown } from './findingsMarkdown';
import { markdownCodeBlock, markdownInline } from './markdownText';
import type { NamedResult } from './namedResult';
import { plainText } from './plainText';

/**
 * Markdown export: a heading with the image's name, its text as laid out on the image (in a code
 * block, so the layout survives and nothing the OCR read becomes markup), then a table per kind
 * of finding (faces, labels, colours, copies) and the errors.
 */
export function markdown(result: AnalysisResult, name: string): string {
  const text = plainText(result).replace(/\n$/, '');
  const sections = [`# ${markdownInline(name)}`];
  if (text !== '') sections.push(markdownCodeBlock(text));
  else if (result.features.includes('text')) sections.push('_No text found._');
  sections.push(...findingsMarkdown(result));
  return `${sections.join('\n\n')}\n`;
}

/** Many results in one Markdown file: one `#` section per image, in the order given. */
export function combinedMarkdown(results: readonly NamedResult[]): string {
  return results.map(({ result, name }) => markdown(result, name)).join('\n');
}
