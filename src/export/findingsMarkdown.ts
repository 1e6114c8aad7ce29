import type { AnalysisResult } from '../shared/analysisResult';
import { externalUrl } from '../shared/links';
import { tableAsMarkdown } from '../text/resultText';
import { markdownInline, markdownNumber } from './markdownText';

/**
 * The findings of a result as Markdown sections, one table each: faces, labels, colours, copies,
 * then what failed. Every cell from the provider goes through markdownInline (tableAsMarkdown
 * escapes the pipes and joins broken lines), and only http(s) URLs become links.
 */
export function findingsMarkdown(result: AnalysisResult): string[] {
  return [faces(result), labels(result), colors(result), copies(result), errors(result)].filter((section) => section !== '');
}

function faces({ faces }: AnalysisResult): string {
  if (!faces || faces.length === 0) return '';
  const rows = faces.map((face, index) => [
    String(index + 1),
    markdownNumber(face.confidence),
    markdownNumber(face.attributes?.age),
    cell(face.attributes?.sex),
    cell(face.attributes?.emotion),
    cell(face.person?.tag),
    markdownNumber(face.person?.similarity),
  ]);
  return section('Faces', [['#', 'Confidence', 'Age', 'Sex', 'Emotion', 'Person', 'Similarity'], ...rows]);
}

function labels({ labels }: AnalysisResult): string {
  if (!labels || labels.length === 0) return '';
  // Google's safe-search verdicts are words (VERY_UNLIKELY …); their number says less.
  const rows = labels.map((label) => [cell(label.name), label.group, label.likelihood !== undefined ? cell(label.likelihood) : markdownNumber(label.score)]);
  return section('Labels', [['Label', 'Group', 'Score'], ...rows]);
}

function colors({ colors }: AnalysisResult): string {
  if (!colors || colors.length === 0) return '';
  const hex = (c: { red: number; green: number; blue: number }) => `#${[c.red, c.green, c.blue].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
  return section('Colors', [['Color', 'Score', 'Share'], ...colors.map((c) => [hex(c), markdownNumber(c.score), markdownNumber(c.pixelFraction)])]);
}

function copies({ copies }: AnalysisResult): string {
  if (!copies) return '';
  const parts: string[] = [];
  if (copies.count !== undefined) parts.push(`Copies found: ${markdownNumber(copies.count)}`);
  if (copies.bestGuess && copies.bestGuess.length > 0) parts.push(`Best guess: ${copies.bestGuess.map(markdownInline).join(', ')}`);
  if (copies.matches.length > 0) parts.push(tableAsMarkdown([['Page', 'Title', 'Image'], ...copies.matches.map((m) => [link(m.pageUrl), cell(m.title), link(m.imageUrl)])]));
  if (copies.images && copies.images.length > 0) parts.push(tableAsMarkdown([['Image', 'Match'], ...copies.images.map((image) => [link(image.url), image.match])]));
  return parts.length === 0 ? '' : `## Copies\n\n${parts.join('\n\n')}`;
}

function errors({ errors }: AnalysisResult): string {
  if (errors.length === 0) return '';
  return `## Errors\n\n${errors.map((e) => `- ${markdownInline(String(e.feature))}${e.code === undefined ? '' : ` (${markdownInline(String(e.code))})`}: ${markdownInline(e.message)}`).join('\n')}`;
}

function section(title: string, table: string[][]): string {
  return `## ${title}\n\n${tableAsMarkdown(table)}`;
}

function cell(value: string | undefined): string {
  return value === undefined ? '' : markdownInline(value);
}

/**
 * An autolink for an http(s) URL (its href is percent-encoded, so it holds no space, `<` or `>`);
 * anything else (a `javascript:` URL, Yandex's placeholder "string") stays inert text.
 */
function link(url: string | undefined): string {
  if (url === undefined) return '';
  const safe = externalUrl(url);
  return safe === undefined ? markdownInline(url) : `<${safe}>`;
}
