import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import type { ConfigService } from '../services/config';
import { settingReaders } from '../services/configSchema';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';
import { featureName } from '../providers/catalog';
import type { AnalysisResult } from '../shared/analysisResult';
import { CancelledError, UserError } from '../shared/errors';
import type { ResultViewer } from './analysisCommands';
import { parseInvocation } from './commandArgs';
import { isImageName } from './imageNames';
import { pickFeatures } from './pickFeatures';

/** Folders are walked this deep at most: a deep tree must not walk forever. */
const MAX_DEPTH = 16;

/**
 * "Analyze Folder…" on folders in the Explorer and on a multi-select of folders and images: every
 * image below them (hidden entries skipped, in path order), confirmed above
 * `imageInsight.batch.confirmAbove` images, analyzed as one batch — one progress with each image
 * counted, an estimate and Cancel, packed into as few requests as the provider allows — and
 * summed up at the end. Scripts pass `(uri | uris, { provider, features, show })` and get one
 * result per image.
 */
export function registerAnalyzeFolder(analysis: AnalysisService, config: ConfigService, log: Log, panels: ResultViewer): vscode.Disposable {
  const t = vscode.l10n.t;
  const title = t('Analyze Folder…');
  return registerFailableCommand('imageInsight.analyzeFolder', title, log, async (report, ...args) => {
    const invocation = parseInvocation(args, title, t);
    report.scripted = invocation.scripted;
    report.show = invocation.options.show !== false;
    const targets = invocation.uris.length > 0 ? (invocation.uris as vscode.Uri[]) : await pickFolder(title);
    const images = await imagesBelow(targets);
    const where = targets.length === 1 ? vscode.workspace.asRelativePath(targets[0]!, false) : t('{0} selected items', targets.length);
    if (images.length === 0) throw new UserError(t('There are no images in {0} (PNG, JPEG, GIF, WebP, BMP, TIFF).', where));
    const provider = analysis.resolveProvider(invocation.options.provider);
    const features = invocation.options.features ?? (invocation.scripted ? ['text'] : await pickFeatures(provider.capabilities, ['text'], { title: t('Analyze with {0}', provider.displayName), placeHolder: t('Choose what to look for in every image') }));
    const confirmAbove = settingReaders(config.setting).num('batch.confirmAbove', 100, 1, 100_000);
    if (report.show && !invocation.scripted && images.length > confirmAbove) {
      const go = t('Analyze {0} Images', images.length);
      const answer = await vscode.window.showWarningMessage(
        t('Analyze {0} images in {1} with {2} ({3})?', images.length, where, provider.displayName, features.map((f) => featureName(f, t)).join(', ')),
        { modal: true, detail: provider.offline ? t('They are read on this computer.') : t('Each image is sent to {0}. Images it analyzed before the same way come from the results cache.', provider.displayName) },
        go,
      );
      if (answer !== go) throw new CancelledError();
    }
    const outcome = await analysis.analyze({
      images,
      features,
      provider: provider.id,
      languages: invocation.options.languages,
      interactive: report.show,
      title: t('{0}: {1}', title.replace(/…$/, ''), where),
      progressForUploads: true,
    });
    const results = Array.isArray(outcome) ? outcome : [outcome];
    if (report.show) void summarize(results, provider.displayName, panels);
    return results;
  });
}

/** Every image file at or below the targets, once each, in path order. */
async function imagesBelow(targets: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  const walk = async (uri: vscode.Uri, type: vscode.FileType, depth: number): Promise<void> => {
    if (type & vscode.FileType.Directory) {
      if (depth > MAX_DEPTH) return;
      const entries = await vscode.workspace.fs.readDirectory(uri);
      for (const [name, kind] of entries.sort(([a], [b]) => a.localeCompare(b))) {
        // A linked folder is not walked (it may lead back up, or out of the workspace); linked files are
        // taken, and one that leads out of the workspace is confirmed before it is sent.
        const linkedFolder = (kind & vscode.FileType.SymbolicLink) !== 0 && (kind & vscode.FileType.Directory) !== 0;
        if (!name.startsWith('.') && !linkedFolder) await walk(vscode.Uri.joinPath(uri, name), kind, depth + 1);
      }
    } else if (isImageName(uri.path)) {
      found.set(uri.toString(), uri);
    }
  };
  for (const target of targets) {
    const stat = await vscode.workspace.fs.stat(target);
    await walk(target, stat.type, 0);
  }
  return [...found.values()];
}

async function pickFolder(title: string): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: true, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: vscode.l10n.t('Analyze') });
  if (!picked || picked.length === 0) throw new CancelledError();
  return picked;
}

/** The batch's outcome in one message; the first failed image's cause is one click away. */
async function summarize(results: AnalysisResult[], providerName: string, panels: ResultViewer): Promise<void> {
  const t = vscode.l10n.t;
  const failed = results.filter((r) => r.errors.some((e) => e.feature === '*'));
  const cached = results.filter((r) => r.cached).length;
  const words = results.reduce((n, r) => n + (r.text?.fullText.split(/\s+/).filter(Boolean).length ?? 0), 0);
  const faces = results.reduce((n, r) => n + (r.faces?.length ?? 0), 0);
  const message = t('{0} analyzed {1} images: {2} words, {3} faces; {4} from the results cache; {5} failed.', providerName, results.length, words, faces, cached, failed.length);
  const openFirst = t('Open First Image');
  const showFailure = t('Show First Failure');
  const answer = await (failed.length > 0 ? vscode.window.showWarningMessage(message, showFailure, openFirst) : vscode.window.showInformationMessage(message, openFirst));
  if (answer === showFailure) void vscode.window.showErrorMessage(failed[0]!.errors[0]!.message);
  const first = results.find((r) => !r.errors.some((e) => e.feature === '*'));
  if (answer === openFirst && first) panels.show(first);
}

