import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';
import type { AnalysisResult } from '../shared/analysisResult';
import { disposeAll } from '../shared/disposable';
import { CancelledError, UserError } from '../shared/errors';
import { searchResult, type SearchMatch } from '../text/resultSearch';
import type { BatchRecords } from '../analysis/batchRows';
import type { ResultViewer } from './analysisCommands';

/** One image's matches, as "Search Results" returns them to a script. */
export interface SearchHit {
  uri: string;
  provider: string;
  /** When the result was made (ms since the epoch). */
  storedAt: number;
  count: number;
  matches: Array<{ words?: number[]; label?: number; text: string }>;
}

/** Search options from a script: `{ query, open?, show? }` (`open`: show the first image with its matches). */
interface SearchArgs {
  query?: string;
  open?: boolean;
  show?: boolean;
}

/** "Clear Results Cache" and "Search Results…" (over the cached results of this workspace's images). */
export function registerCacheCommands(cache: AnalysisCache, log: Log, panels: ResultViewer, summary: BatchRecords): vscode.Disposable {
  const t = vscode.l10n.t;
  const searchTitle = t('Search Results…');
  const disposables = [
    registerFailableCommand('imageInsight.clearCache', t('Clear Results Cache'), log, async (report) => {
      const removed = await cache.clear();
      log.info(`results cache: cleared ${removed.entries} results (${removed.bytes} bytes)`);
      if (report.show) void vscode.window.showInformationMessage(t('Cleared {0} cached results ({1} MB).', removed.entries, (removed.bytes / 1024 / 1024).toFixed(1)));
      return removed;
    }),
    registerFailableCommand('imageInsight.searchResults', searchTitle, log, async (report, arg?: unknown) => {
      const args = parseSearchArgs(arg, searchTitle);
      report.scripted = arg !== undefined;
      report.show = args.show !== false;
      const query =
        args.query ??
        (await vscode.window.showInputBox({
          title: searchTitle,
          prompt: t('Words or a phrase to find in the results of this workspace\'s images (case and accents do not matter)'),
          placeHolder: t('e.g. invoice 4711'),
        }));
      if (!query?.trim()) throw new CancelledError();
      const found = await searchCache(cache, query);
      const hits = found.map(({ entry, matches, count }): SearchHit => ({
        uri: entry.result.image.uri,
        provider: entry.result.provider,
        storedAt: entry.storedAt,
        count,
        matches: matches.map(describeMatch),
      }));
      if (report.scripted && !args.open) return hits;
      if (found.length === 0) {
        if (report.show) void vscode.window.showInformationMessage(t('"{0}" is not in the results of this workspace\'s images (only images analyzed with the results cache on are searched).', query));
        return hits;
      }
      // Listed in the Batch Results view (the summary's search); one image, or a script's `open`, opens at once.
      const listing = found.map((f) => ({ result: { ...f.entry.result, cached: { storedAt: f.entry.storedAt } }, count: f.count, snippet: snippetOf(f.matches[0]!), marks: marksOf(f.matches) }));
      if (!args.open) summary.showMatches({ query, matches: listing });
      if (args.open || listing.length === 1) panels.show(listing[0]!.result, { marks: listing[0]!.marks });
      return hits;
    }),
    registerFailableCommand('imageInsight.batch.openMatch', t('Open Results'), log, (_report, index?: unknown) => {
      const match = typeof index === 'number' ? summary.matchAt(index) : undefined;
      if (!match) throw new UserError(t('That search result is no longer listed.'));
      panels.show(match.result, { marks: match.marks });
      return Promise.resolve(match.result);
    }),
    registerFailableCommand('imageInsight.batch.clearSearch', t('Back to the Batch'), log, () => {
      summary.clearSearch();
      return Promise.resolve(undefined);
    }),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}

interface Found {
  entry: { storedAt: number; result: AnalysisResult };
  matches: SearchMatch[];
  count: number;
}

/** Every cached result of an image under one of the workspace's folders that has the query, newest analysis first per image. */
async function searchCache(cache: AnalysisCache, query: string): Promise<Found[]> {
  // "file:///ws/" and not "file:///ws": a sibling folder "ws2" is not in the workspace.
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString().replace(/\/?$/, '/'));
  if (roots.length === 0) throw new UserError(vscode.l10n.t('Search Results looks through the results of the open folder\'s images: open a folder first.'));
  const found: Found[] = [];
  for await (const entry of cache.entries((uri) => roots.some((root) => uri.startsWith(root)))) {
    const { matches, count } = searchResult(query, entry.result);
    if (count > 0) found.push({ entry, matches, count });
  }
  return found.sort((a, b) => b.count - a.count || b.entry.storedAt - a.entry.storedAt);
}

/** A match in one line: the words around it, the match itself in «guillemets» (a tree row has no emphasis). */
function snippetOf(match: SearchMatch): string {
  return `${match.snippet.before}«${match.snippet.match}»${match.snippet.after}`;
}

function marksOf(matches: SearchMatch[]): number[] {
  return matches.flatMap((m) => (m.kind === 'text' ? m.words : []));
}

function describeMatch(match: SearchMatch): SearchHit['matches'][number] {
  const text = `${match.snippet.before}${match.snippet.match}${match.snippet.after}`;
  return match.kind === 'text' ? { words: match.words, text } : { label: match.label, text };
}

function parseSearchArgs(arg: unknown, title: string): SearchArgs {
  if (arg === undefined) return {};
  if (typeof arg === 'string') return { query: arg };
  if (typeof arg !== 'object' || arg === null) throw new UserError(vscode.l10n.t('{0}: the argument must be the text to find, or {"query": "…"}.', title));
  const { query, open, show } = arg as Record<string, unknown>;
  if (query !== undefined && typeof query !== 'string') throw new UserError(vscode.l10n.t('{0}: "query" must be a string.', title));
  return { ...(query === undefined ? {} : { query }), open: open === true, ...(show === false ? { show: false } : {}) };
}
