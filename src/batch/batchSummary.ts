import * as vscode from 'vscode';
import type { BatchListener, BatchRecorder } from '../analysis/analysisService';
import { providerName } from '../providers/catalog';
import type { AnalysisResult } from '../shared/analysisResult';
import { Disposable } from '../shared/disposable';
import { MAX_KEPT_ROWS, parseBatch, rowOf, tally, type Batch, type BatchRecords, type BatchRow, type SearchListing } from '../analysis/batchRows';

const STATE_KEY = 'imageInsight.batch';

/**
 * The batch summary (the "Batch Results" view): the latest analysis of several images, a row per
 * image — file, status, words/faces/labels, time, error — filled in as each result comes, kept in
 * the workspace's state so it is still there after the batch and after a reload (the rows only;
 * the results themselves stay in memory, or in the results cache). A row opens that image's
 * results panel (`imageInsight.batch.openRow`); *Retry Failed*, *Search Results…* and *Clear* are
 * on the view's title bar.
 */
/** A row of the view: an image of the batch, or (while a search is listed) its header or one of its matches. */
export type SummaryNode = { kind: 'row'; index: number } | { kind: 'search' } | { kind: 'match'; index: number };

export class BatchSummary extends Disposable implements vscode.TreeDataProvider<SummaryNode>, BatchListener, BatchRecords {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  private batch: Batch | undefined;
  /** This window's results of the current batch, by image URI. */
  private readonly results = new Map<string, AnalysisResult>();
  private readonly view: vscode.TreeView<SummaryNode>;
  private search: SearchListing | undefined;
  private retrying: number[] | undefined;

  constructor(private readonly state: vscode.Memento) {
    super();
    this.batch = parseBatch(state.get(STATE_KEY), vscode.l10n.t('not analyzed: the window was closed before its turn'));
    this.view = this._register(vscode.window.createTreeView<SummaryNode>('imageInsight.batch', { treeDataProvider: this }));
    this.update();
  }

  /** The current batch (for Retry Failed and the commands' return values). */
  get current(): Batch | undefined {
    return this.batch;
  }

  /** This window's result for a row's image, when it still has it. */
  resultOf(uri: string): AnalysisResult | undefined {
    return this.results.get(uri);
  }

  start(info: { provider: string; features: Batch['features']; title: string; uris: string[]; interactive: boolean }): BatchRecorder {
    // Retry Failed: the same batch, its failed rows analyzed again in place.
    const retry = this.retrying;
    this.retrying = undefined;
    const again = retry && this.batch && retry.length === info.uris.length && retry.every((row, k) => this.batch!.rows[row]?.uri === info.uris[k]);
    this.search = undefined;
    const batch: Batch = again ? this.batch! : { provider: info.provider, features: info.features, title: info.title, startedAt: Date.now(), rows: info.uris.map((uri) => ({ uri, status: 'queued' })) };
    const target = (index: number) => (again ? retry[index]! : index);
    if (again) for (const row of retry) batch.rows[row] = { uri: batch.rows[row]!.uri, status: 'queued' };
    else this.results.clear();
    this.batch = batch;
    this.update();
    this.persist();
    // Shown when a person started the batch; a script's batch is listed without taking the focus.
    if (info.interactive && !again) void vscode.commands.executeCommand('imageInsight.batch.focus').then(undefined, () => undefined);
    let pending: ReturnType<typeof setTimeout> | undefined;
    return {
      result: (index, result) => {
        if (this.batch !== batch || !batch.rows[target(index)]) return;
        const row = (batch.rows[target(index)] = rowOf(batch.rows[target(index)]!.uri, result));
        if (row.status !== 'failed') this.results.set(row.uri, result);
        // Many results a second: the view is told at most every 200 ms.
        pending ??= setTimeout(() => ((pending = undefined), this.update()), 200);
      },
      end: (cancelled) => {
        if (pending) clearTimeout(pending);
        if (this.batch !== batch) return;
        const why = cancelled ? vscode.l10n.t('not analyzed: the batch was cancelled') : vscode.l10n.t('not analyzed');
        batch.rows = batch.rows.map((row): BatchRow => (row.status === 'queued' ? { uri: row.uri, status: 'failed', error: why } : row));
        this.update();
        this.persist();
      },
    };
  }

  /** Forgets the batch. */
  clear(): void {
    this.batch = undefined;
    this.results.clear();
    this.update();
    this.persist();
  }

  /** The rows of the next batch that starts are these rows again (Retry Failed), not a new batch. */
  retryRows(rows: number[]): void {
    this.retrying = rows;
  }

  showMatches(search: SearchListing): void {
    this.search = search;
    this.update();
    void vscode.commands.executeCommand('imageInsight.batch.focus').then(undefined, () => undefined);
  }

  clearSearch(): void {
    this.search = undefined;
    this.update();
  }

  matchAt(index: number): SearchListing['matches'][number] | undefined {
    return this.search?.matches[index];
  }

  getTreeItem(node: SummaryNode): vscode.TreeItem {
    if (node.kind === 'row') return this.rowItem(node.index);
    const t = vscode.l10n.t;
    const search = this.search!;
    if (node.kind === 'search') {
      const item = new vscode.TreeItem(t('"{0}": {1} images', search.query, search.matches.length));
      item.id = 'search';
      item.iconPath = new vscode.ThemeIcon('search');
      item.description = this.batch ? t('click to go back to the batch') : undefined;
      item.tooltip = t('Search Results… looks through the results cache of this workspace\'s images.');
      item.command = { command: 'imageInsight.batch.clearSearch', title: t('Back to the Batch') };
      return item;
    }
    const match = search.matches[node.index]!;
    const uri = vscode.Uri.parse(match.result.image.uri);
    const item = new vscode.TreeItem(uri.path.split('/').pop() || match.result.image.uri);
    item.id = `match:${node.index}`;
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon('file-media');
    item.description = `${t('{0} matches', match.count)} · ${match.snippet}`;
    item.tooltip = `${vscode.workspace.asRelativePath(uri, true)}\n${match.snippet}`;
    item.command = { command: 'imageInsight.batch.openMatch', title: t('Open Results'), arguments: [node.index] };
    return item;
  }

  private rowItem(index: number): vscode.TreeItem {
    const t = vscode.l10n.t;
    const row = this.batch!.rows[index]!;
    const uri = vscode.Uri.parse(row.uri);
    const item = new vscode.TreeItem(uri.path.split('/').pop() || row.uri);
    item.id = `${this.batch!.startedAt}:${index}`;
    item.resourceUri = uri;
    item.contextValue = `batch.${row.status}`;
    const time = row.ms === undefined ? '' : ` · ${(row.ms / 1000).toFixed(1)} s`;
    switch (row.status) {
      case 'queued':
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        item.description = t('waiting');
        break;
      case 'failed':
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.description = row.error ?? t('failed');
        break;
      default:
        item.iconPath = new vscode.ThemeIcon(row.error ? 'warning' : row.status === 'cached' ? 'database' : 'pass', row.error ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
        item.description = `${t('{0} words, {1} faces, {2} labels', row.words ?? 0, row.faces ?? 0, row.labels ?? 0)}${row.status === 'cached' ? ` · ${t('from the cache')}` : time}`;
    }
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(`${vscode.workspace.asRelativePath(uri, true)}\n${item.description}`);
    if (row.error && row.status !== 'failed') item.tooltip.appendText(`\n${row.error}`);
    item.command = { command: 'imageInsight.batch.openRow', title: t('Open Results'), arguments: [index] };
    return item;
  }

  getChildren(node?: SummaryNode): SummaryNode[] {
    if (node) return [];
    if (this.search) return [{ kind: 'search' }, ...this.search.matches.map((_, index): SummaryNode => ({ kind: 'match', index }))];
    return this.batch ? this.batch.rows.map((_, index): SummaryNode => ({ kind: 'row', index })) : [];
  }

  private update(): void {
    const batch = this.batch;
    const counts = batch ? tally(batch) : undefined;
    this.view.description = batch && counts
      ? vscode.l10n.t('{0} · {1} images · {2} failed', providerName(batch.provider, vscode.l10n.t), batch.rows.length, counts.failed)
      : undefined;
    void vscode.commands.executeCommand('setContext', 'imageInsight.batch.hasRows', Boolean(batch?.rows.length) || Boolean(this.search));
    void vscode.commands.executeCommand('setContext', 'imageInsight.batch.hasFailed', Boolean(counts?.failed));
    this.changed.fire();
  }

  /** Kept across a reload: at the start and end of a batch, not on every row. */
  private persist(): void {
    const batch = this.batch;
    void this.state.update(STATE_KEY, batch ? { ...batch, rows: batch.rows.slice(0, MAX_KEPT_ROWS) } : undefined);
  }
}
