/**
 * Untrusted text (OCR output, provider titles, file names) made inert in Markdown: it must read
 * as the characters it is, not as emphasis, links, raw HTML or a heading. CommonMark lets any
 * ASCII punctuation be escaped with a backslash; these are the ones that start markup inline.
 * `|` is left to tableToMarkdown, which escapes it in table cells (the one place it is markup).
 */
export function markdownInline(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]<>()#+!~&]/g, '\\$&');
}

/**
 * Text kept exactly as it is, layout and all, in a fenced code block: nothing inside is markup.
 * The fence is longer than any run of backticks in the text, so the text cannot close it.
 */
export function markdownCodeBlock(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** A number as a table shows it: at most three decimals, no trailing zeros. */
export function markdownNumber(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(Math.round(value * 1000) / 1000);
}
