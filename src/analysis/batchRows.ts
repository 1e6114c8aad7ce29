import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import { allWords, isFeatureId } from '../shared/analysisResult';

/** Where one image of a batch stands. */
export type RowStatus = 'queued' | 'done' | 'cached' | 'failed';

/** One image of a batch, as the summary lists it (no result text: what is kept across a reload stays small). */
export interface BatchRow {
  uri: string;
  status: RowStatus;
  words?: number;
  faces?: number;
  labels?: number;
  /** The provider's time for it (preparation, request, parsing), ms. */
  ms?: number;
  /** Why it failed. */
  error?: string;
}

/** A batch: what was asked, of whom, and each image's row. */
export interface Batch {
  provider: string;
  features: FeatureId[];
  title: string;
  startedAt: number;
  rows: BatchRow[];
}

/** The most rows kept across a reload (the latest batch's). */
export const MAX_KEPT_ROWS = 5000;

/** An image's row once its result is in. */
export function rowOf(uri: string, result: AnalysisResult): BatchRow {
  const failure = result.errors.find((e) => e.feature === '*');
  if (failure) return { uri, status: 'failed', error: failure.message };
  const partial = result.errors[0];
  return {
    uri,
    status: result.cached ? 'cached' : 'done',
    words: result.text ? allWords(result.text).length : 0,
    faces: result.faces?.length ?? 0,
    labels: result.labels?.length ?? 0,
    ms: Math.round(result.timings.prepareMs + result.timings.requestMs + result.timings.parseMs),
    ...(partial ? { error: `${partial.feature}: ${partial.message}` } : {}),
  };
}

/** How a batch stands, counted. */
export function tally(batch: Batch): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { queued: 0, done: 0, cached: 0, failed: 0 };
  for (const row of batch.rows) counts[row.status]++;
  return counts;
}

/**
 * A stored batch (workspace state is the user's to edit): taken only when it has the right shape.
 * `interrupted` is the error of images still queued when it was stored (the window was closed).
 */
export function parseBatch(value: unknown, interrupted: string): Batch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const b = value as Record<string, unknown>;
  if (typeof b.provider !== 'string' || typeof b.title !== 'string' || typeof b.startedAt !== 'number' || !Array.isArray(b.features) || !Array.isArray(b.rows)) return undefined;
  const rows: BatchRow[] = [];
  for (const r of b.rows.slice(0, MAX_KEPT_ROWS) as unknown[]) {
    if (typeof r !== 'object' || r === null) return undefined;
    const row = r as Record<string, unknown>;
    if (typeof row.uri !== 'string' || !['queued', 'done', 'cached', 'failed'].includes(row.status as string)) return undefined;
    const num = (k: string) => (typeof row[k] === 'number' && Number.isFinite(row[k]) ? { [k]: row[k] } : {});
    // A batch interrupted by the reload left images queued: they were never analyzed.
    const status = row.status === 'queued' ? 'failed' : (row.status as RowStatus);
    const error = typeof row.error === 'string' ? row.error : row.status === 'queued' ? interrupted : undefined;
    rows.push({ uri: row.uri, status, ...num('words'), ...num('faces'), ...num('labels'), ...num('ms'), ...(error === undefined ? {} : { error }) });
  }
  return { provider: b.provider, title: b.title, startedAt: b.startedAt, features: (b.features as unknown[]).filter(isFeatureId), rows };
}

/** The batch summary as the commands use it (the view, src/batch/batchSummary.ts, implements it). */
export interface BatchRecords {
  /** The latest batch, if any. */
  readonly current: Batch | undefined;
  /** This window's result for a row's image, when it still has it. */
  resultOf(uri: string): AnalysisResult | undefined;
  /** The next batch that starts is these rows analyzed again (Retry Failed), not a new batch. */
  retryRows(rows: number[]): void;
  clear(): void;
  /** Lists a search's matches in the summary (until the next batch, or `clearSearch`). */
  showMatches(search: SearchListing): void;
  clearSearch(): void;
  /** Match `index` of the search listed. */
  matchAt(index: number): SearchListing['matches'][number] | undefined;
}

/** A search as the summary lists it: an image per row with its first match, the word indices to mark. */
export interface SearchListing {
  query: string;
  matches: Array<{ result: AnalysisResult; count: number; snippet: string; marks: number[] }>;
}
