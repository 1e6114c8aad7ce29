import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import type { BatchRecords } from '../analysis/batchRows';
import type { ImagePreparer } from '../images/preparer';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import { disposeAll } from '../shared/disposable';
import { CancelledError, UserError } from '../shared/errors';
import type { ResultViewer } from './analysisCommands';
import { isUriLike } from './commandArgs';
import { combinedName, EXPORT_FORMATS, exportResults, type ExportFormat } from './exportResults';

export interface BatchCommandsDeps {
  analysis: AnalysisService;
  summary: BatchRecords;
  panels: ResultViewer;
  config: ConfigService;
  log: Log;
  preparer: ImagePreparer;
  distPath: string;
}

/**
 * The batch summary's commands: open a row's results, Retry Failed, Clear, and Export Results…
 * (a batch, or images chosen in the Explorer, in one of the export formats).
 */
export function registerBatchCommands(deps: BatchCommandsDeps): vscode.Disposable {
  const t = vscode.l10n.t;
  const { summary, analysis } = deps;
  const disposables = [
    registerFailableCommand('imageInsight.batch.openRow', t('Open Results'), deps.log, async (_report, index?: unknown) => {
      const batch = summary.current;
      const row = typeof index === 'number' ? batch?.rows[index] : undefined;
      if (!batch || !row) throw new UserError(t('That image is no longer in the batch summary.'));
      if (row.status === 'failed') {
        void vscode.window.showErrorMessage(row.error ?? t('This image could not be analyzed.'));
        return undefined;
      }
      // This window's result, or the same analysis again (from the results cache when it has it).
      const result = summary.resultOf(row.uri) ?? (await analysis.analyze({ images: [vscode.Uri.parse(row.uri)], features: batch.features, provider: batch.provider, interactive: true, title: t('Open Results') }));
      const one = Array.isArray(result) ? result[0]! : result;
      deps.panels.show(one);
      return one;
    }),
    registerFailableCommand('imageInsight.batch.retryFailed', t('Retry Failed'), deps.log, async (report) => {
      const batch = summary.current;
      const failed = batch?.rows.flatMap((row, i) => (row.status === 'failed' ? [i] : [])) ?? [];
      if (!batch || failed.length === 0) throw new UserError(t('No image of the batch failed.'));
      summary.retryRows(failed);
      const images = failed.map((i) => vscode.Uri.parse(batch.rows[i]!.uri));
      const outcome = await analysis.analyze({ images, features: batch.features, provider: batch.provider, interactive: report.show, title: t('Retry Failed'), progressForUploads: true });
      return Array.isArray(outcome) ? outcome : [outcome];
    }),
    registerFailableCommand('imageInsight.batch.clear', t('Clear Batch Summary'), deps.log, () => {
      summary.clear();
      return Promise.resolve(undefined);
    }),
    registerFailableCommand('imageInsight.exportResults', t('Export Results…'), deps.log, async (report, ...args) => {
      const options = exportOptions(args);
      report.scripted = options.scripted;
      const results = await resultsToExport(options.uris, deps);
      const format = options.format ?? (await pickFormat());
      const combined = options.combined ?? (results.length > 1 ? await pickCombined() : true);
      const target = options.to ?? (await pickTarget(format, combined, results));
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Exporting {0} results…', results.length), cancellable: true }, async (_progress, token) => {
        const written = await exportResults({ results, format, combined, target }, { distPath: deps.distPath, preparer: deps.preparer, config: deps.config }, token);
        deps.log.info(`export: ${format}, ${written.length} file(s)`);
        if (report.show && !options.scripted) {
          const open = t('Open');
          void vscode.window.showInformationMessage(t('Exported {0} results to {1}.', results.length, vscode.workspace.asRelativePath(target, true)), open).then((answer) => {
            if (answer === open) void vscode.commands.executeCommand('vscode.open', written[0]);
          });
        }
        return written.map((uri) => uri.toString());
      });
    }),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}

interface ExportOptions {
  uris: vscode.Uri[];
  format?: ExportFormat;
  combined?: boolean;
  to?: vscode.Uri;
  scripted: boolean;
}

/** `(uri, uris)` from the Explorer, or `({ uris?, format, combined?, to })` from a script. */
function exportOptions(args: unknown[]): ExportOptions {
  const t = vscode.l10n.t;
  const [first, second] = args;
  if (isUriLike(first)) {
    const uris = Array.isArray(second) && second.every(isUriLike) ? (second as vscode.Uri[]) : [first as vscode.Uri];
    return { uris, scripted: false };
  }
  if (first === undefined || first === null) return { uris: [], scripted: false };
  if (typeof first !== 'object') throw new UserError(t('Export Results…: the argument must be {"format": "text" | "markdown" | "json" | "hocr" | "pdf", "combined": true, "to": "<file or folder URI>"}.'));
  const o = first as Record<string, unknown>;
  if (o.format !== undefined && !(EXPORT_FORMATS as readonly unknown[]).includes(o.format)) throw new UserError(t('Export Results…: "format" must be one of {0}.', EXPORT_FORMATS.join(', ')));
  const uris = Array.isArray(o.uris) ? o.uris.map((u) => (typeof u === 'string' ? vscode.Uri.parse(u) : isUriLike(u) ? (u as vscode.Uri) : undefined)).filter((u): u is vscode.Uri => u !== undefined) : [];
  const to = typeof o.to === 'string' ? vscode.Uri.parse(o.to) : isUriLike(o.to) ? (o.to as vscode.Uri) : undefined;
  return { uris, scripted: true, ...(o.format === undefined ? {} : { format: o.format as ExportFormat }), ...(typeof o.combined === 'boolean' ? { combined: o.combined } : {}), ...(to ? { to } : {}) };
}

/**
 * The results to export: of the images given (this window's batch result, else the current
 * provider's text analysis — from the results cache when it has one), or of the whole batch.
 */
async function resultsToExport(uris: vscode.Uri[], deps: BatchCommandsDeps): Promise<AnalysisResult[]> {
  const t = vscode.l10n.t;
  const batch = deps.summary.current;
  const wanted = uris.length > 0 ? uris.map((u) => u.toString()) : (batch?.rows.filter((r) => r.status !== 'failed').map((r) => r.uri) ?? []);
  if (wanted.length === 0) throw new UserError(t('There is nothing to export yet: analyze a folder or some images first, or choose images in the Explorer.'));
  const known = new Map(wanted.flatMap((uri) => {
    const result = deps.summary.resultOf(uri);
    return result ? [[uri, result] as const] : [];
  }));
  const missing = wanted.filter((uri) => !known.has(uri));
  if (missing.length > 0) {
    const features: FeatureId[] = uris.length === 0 && batch ? batch.features : ['text'];
    const provider = uris.length === 0 && batch ? batch.provider : undefined;
    const outcome = await deps.analysis.analyze({ images: missing.map((u) => vscode.Uri.parse(u)), features, ...(provider ? { provider } : {}), interactive: true, title: t('Export Results…'), progressForUploads: true });
    (Array.isArray(outcome) ? outcome : [outcome]).forEach((result, i) => known.set(missing[i]!, result));
  }
  return wanted.map((uri) => known.get(uri)!);
}

async function pickFormat(): Promise<ExportFormat> {
  const t = vscode.l10n.t;
  const items: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
    { label: t('Text'), description: '.txt', detail: t('The text as laid out on the image'), format: 'text' },
    { label: t('Markdown'), description: '.md', detail: t('The text, then tables of faces, labels, colours and copies'), format: 'markdown' },
    { label: t('Searchable PDF'), description: '.pdf', detail: t('Each image as a page, its text invisible over the words: find, select and copy in any PDF reader'), format: 'pdf' },
    { label: 'hOCR', description: '.hocr', detail: t('Pages, lines and words with their boxes, for OCR tools'), format: 'hocr' },
    { label: 'JSON', description: '.json', detail: t('The normalized result'), format: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Export Results…'), placeHolder: t('Choose a format') });
  if (!picked) throw new CancelledError();
  return picked.format;
}

async function pickCombined(): Promise<boolean> {
  const t = vscode.l10n.t;
  const one = t('One combined file');
  const each = t('One file per image');
  const picked = await vscode.window.showQuickPick([one, each], { title: t('Export Results…') });
  if (!picked) throw new CancelledError();
  return picked === one;
}

async function pickTarget(format: ExportFormat, combined: boolean, results: AnalysisResult[]): Promise<vscode.Uri> {
  const t = vscode.l10n.t;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (combined) {
    const base = results.length === 1 ? vscode.Uri.parse(results[0]!.image.uri) : undefined;
    const name = base ? `${base.path.split('/').pop()}.${combinedName(format).split('.').pop()}` : combinedName(format);
    const defaultUri = base ? vscode.Uri.joinPath(base, '..', name) : folder ? vscode.Uri.joinPath(folder, name) : undefined;
    const target = await vscode.window.showSaveDialog({ title: t('Export Results…'), ...(defaultUri ? { defaultUri } : {}) });
    if (!target) throw new CancelledError();
    return target;
  }
  const picked = await vscode.window.showOpenDialog({ title: t('Export Results…'), canSelectFolders: true, canSelectFiles: false, openLabel: t('Export Here'), ...(folder ? { defaultUri: folder } : {}) });
  if (!picked?.[0]) throw new CancelledError();
  return picked[0];
}
