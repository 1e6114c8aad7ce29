import * as vscode from 'vscode';
import { checkImage } from '../analysis/imageTarget';
import type { EnrollItem, EnrollReport } from '../providers/smarty/smartyPersonsApi';
import type { Space } from '../providers/smarty/smartySpaces';
import { registerFailableCommand } from '../services/failableCommand';
import { baseName } from '../shared/baseName';
import { isCancellation, messageOf, UserError } from '../shared/errors';
import { assignPersonIds, planFolder, type FolderEntry, type SkipReason } from './folderPlan';
import { checkedSpace, pickSpace, type SmartyCommandDeps } from './smartyCommands';
import { parseTreeArgs } from './treeArgs';

/** One image of Enroll Folder…'s report. */
export interface FolderImageReport {
  /** Relative to the chosen folder, with "/". */
  file: string;
  person: string;
  personId: number;
  done: boolean;
  error?: string;
}

/** What Enroll Folder… returns (and writes to the log as its report). */
export interface FolderReport {
  space: Space;
  folder: string;
  persons: Array<{ name: string; personId: number; isNew: boolean; enrolled: number }>;
  images: FolderImageReport[];
  skipped: Array<{ file: string; reason: SkipReason }>;
  cancelled: boolean;
}

/**
 * Enroll Folder…: a folder whose sub-folders are named after persons (or one folder for one
 * person) → one `set` per ≤ 100 images with progress and Cancel → the new persons named after
 * their folders → a per-image report in the log and a summary message. A person the space
 * already has by that name gets the images added.
 */
export function registerEnrollFolder(deps: SmartyCommandDeps): vscode.Disposable {
  const t = vscode.l10n.t;
  return registerFailableCommand('imageInsight.smarty.enrollFolder', t('Enroll Folder…'), deps.log, async (report, ...args) => {
    const a = parseTreeArgs(args, t('Enroll Folder…'));
    Object.assign(report, { scripted: a.scripted, show: a.show });
    const folder = a.uris[0] ?? (await vscode.window.showOpenDialog({
      title: t('A folder of person folders (or one person\'s images) to enroll'),
      canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
    }))?.[0];
    if (!folder) throw new vscode.CancellationError();
    const persons = deps.persons();
    const ledger = await persons.ledger();
    const space = checkedSpace(a.space ?? (await pickSpace(deps, ledger)));
    const root = await listFolder(folder);
    const subs = new Map<string, FolderEntry[]>();
    for (const entry of root) if (entry.kind === 'folder') subs.set(entry.name, await listFolder(vscode.Uri.joinPath(folder, entry.name)));
    const plan = planFolder(baseName(folder), root, (name) => subs.get(name) ?? []);
    const assigned = assignPersonIds(plan, ledger, space);
    if (assigned.length === 0) throw new UserError(t('"{0}" has no images to enroll: put each person\'s images in a sub-folder named after the person, or choose one person\'s folder.', baseName(folder)), baseName(folder));
    const total = assigned.reduce((sum, p) => sum + p.images.length, 0);
    const images: FolderImageReport[] = [];
    let cancelled = false;
    try {
      await progressOf(a.show, t('Enrolling {0} images of "{1}" in space {2}…', total, baseName(folder), space), async (token, step) => {
        // Read and check every file first: a damaged one is reported, not sent, and stops nothing.
        const items: EnrollItem[] = [];
        const lineOf = new Map<string, FolderImageReport>();
        for (const person of assigned) {
          for (const file of person.images) {
            if (token.isCancellationRequested) break;
            const line: FolderImageReport = { file, person: person.name, personId: person.personId, done: false };
            images.push(line);
            try {
              const source = await (await checkImage(vscode.Uri.joinPath(folder, ...file.split('/')), deps.config.current.maxFileSizeMB))();
              items.push({ personId: person.personId, source });
              lineOf.set(source.uri, line);
            } catch (error) {
              if (isCancellation(error)) throw error;
              line.error = messageOf(error);
            }
            step(t('Reading {0}', file), 50 / total);
          }
        }
        let sent = 0;
        const reports = await persons.enroll(space, items, {
          token,
          onProgress: (done, all) => {
            step(t('{0} of {1} images sent', done, all), ((done - sent) / Math.max(all, 1)) * 50);
            sent = done;
          },
        });
        for (const r of reports) record(lineOf.get(r.uri), r);
        cancelled = token.isCancellationRequested;
        for (const person of assigned) if (person.isNew && reports.some((r) => r.personId === person.personId && r.done)) await persons.rename(space, person.personId, person.name);
      });
    } catch (error) {
      if (!isCancellation(error)) throw error;
      cancelled = true;
    } finally {
      deps.changed();
    }
    for (const line of images) if (!line.done && line.error === undefined) line.error = t('not sent: cancelled');
    const result: FolderReport = {
      space,
      folder: folder.toString(),
      persons: assigned.map((p) => ({ name: p.name, personId: p.personId, isNew: p.isNew, enrolled: images.filter((i) => i.personId === p.personId && i.done).length })),
      images,
      skipped: plan.skipped.map((s) => ({ file: s.path, reason: s.reason })),
      cancelled,
    };
    writeReport(deps, result, baseName(folder));
    if (a.show) void showSummary(deps, result);
    return result;
  });
}

function record(line: FolderImageReport | undefined, report: EnrollReport): void {
  if (!line) return;
  line.done = report.done;
  if (report.error) line.error = report.error;
  else if (!report.done) line.error = vscode.l10n.t('status {0}', report.status ?? '?');
}

/** Progress with Cancel, or (for `show: false`) nothing to see and a token that never fires. */
async function progressOf(show: boolean, title: string, run: (token: vscode.CancellationToken, step: (message: string, increment: number) => void) => Promise<void>): Promise<void> {
  if (!show) return run(new vscode.CancellationTokenSource().token, () => undefined);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
    run(token, (message, increment) => progress.report({ message, increment })));
}

function reasonText(reason: SkipReason): string {
  const t = vscode.l10n.t;
  switch (reason) {
    case 'notImage': return t('not an image');
    case 'nestedFolder': return t('a folder inside a person\'s folder');
    case 'outsidePersonFolder': return t('outside the person folders');
    case 'noImages': return t('no images');
  }
}

/** The per-image report, in the log ("Image Insight" output). */
function writeReport(deps: SmartyCommandDeps, r: FolderReport, folderName: string): void {
  const t = vscode.l10n.t;
  const done = r.images.filter((i) => i.done).length;
  deps.log.info(t('Enroll Folder "{0}" → space {1}: {2} of {3} images enrolled, {4} skipped.', folderName, r.space, done, r.images.length, r.skipped.length));
  for (const i of r.images) {
    deps.log.info(i.done ? `  ✓ ${t('{0} → {1} (person {2})', i.file, i.person, i.personId)}` : `  ✗ ${t('{0} → {1} (person {2}): {3}', i.file, i.person, i.personId, i.error ?? '')}`);
  }
  for (const s of r.skipped) deps.log.info(`  – ${t('{0}: skipped ({1})', s.file, reasonText(s.reason))}`);
}

async function showSummary(deps: SmartyCommandDeps, r: FolderReport): Promise<void> {
  const t = vscode.l10n.t;
  const done = r.images.filter((i) => i.done).length;
  const message = t('{0} of {1} images enrolled for {2} persons in space {3}; {4} skipped.', done, r.images.length, r.persons.filter((p) => p.enrolled > 0).length, r.space, r.skipped.length);
  const show = t('Show Report');
  const all = done === r.images.length && !r.cancelled;
  const answer = await (all ? vscode.window.showInformationMessage(message, show) : vscode.window.showWarningMessage(message, show));
  if (answer === show) deps.log.show();
}

/** A folder's entries (symbolic links count as what they point at); an unreadable folder is an error naming it. */
async function listFolder(folder: vscode.Uri): Promise<FolderEntry[]> {
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch (error) {
    throw new UserError(vscode.l10n.t('Cannot read the folder "{0}": {1}', baseName(folder), messageOf(error)), baseName(folder));
  }
  return entries.flatMap(([name, type]): FolderEntry[] => (type & vscode.FileType.Directory ? [{ name, kind: 'folder' }] : type & vscode.FileType.File ? [{ name, kind: 'file' }] : []));
}
