import type { AnalysisResult } from '../shared/analysisResult';
import type { NamedResult } from './namedResult';

export interface JsonExportOptions {
  /** Keep the provider's own response (`raw`); off by default, as it can be many times the size of the rest. */
  includeRaw?: boolean;
}

/**
 * The normalized result as pretty-printed JSON (two-space indent, keys in the result's own order,
 * a final newline), without `raw` unless asked for.
 */
export function json(result: AnalysisResult, options: JsonExportOptions = {}): string {
  return `${JSON.stringify(exported(result, options), null, 2)}\n`;
}

/** Many results as one JSON array, in the order given; each is the result as `json` writes it. */
export function combinedJson(results: readonly NamedResult[], options: JsonExportOptions = {}): string {
  return `${JSON.stringify(results.map(({ result }) => exported(result, options)), null, 2)}\n`;
}

/** The result as exported: itself, or a copy without `raw` (the other keys in their order). */
function exported(result: AnalysisResult, options: JsonExportOptions): Partial<AnalysisResult> {
  if (options.includeRaw) return result;
  return Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'raw'));
}
