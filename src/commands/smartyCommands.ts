import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import { checkImage } from '../analysis/imageTarget';
import { findPerson, nextPersonId, personOfTag, personsIn, type Ledger } from '../providers/smarty/ledger';
import { isSpace, SPACES, type Space } from '../providers/smarty/smartySpaces';
import type { CropRect, EnrollReport, SmartyPersonsApi } from '../providers/smarty/smartyPersonsApi';
import type { ConfigService } from '../services/config';
import { registerFailableCommand } from '../services/failableCommand';
import type { Log } from '../services/log';
import type { AnalysisResult } from '../shared/analysisResult';
import { disposeAll } from '../shared/disposable';
import { UserError } from '../shared/errors';
import { boundingBox, type Polygon } from '../shared/geometry';
import { activeImage, type ResultViewer } from './analysisCommands';
import { parseInvocation } from './commandArgs';

/** A face crop's margin on each side, as a share of the face's box: the model wants some head and hair around the face. */
export const FACE_MARGIN = 0.25;

/** What Enroll as Person… returns: what was sent, and what the server did with it. */
export interface EnrollResult {
  space: string;
  personId: number;
  uri: string;
  done: boolean;
  error?: string;
}

export interface SmartyCommandDeps {
  persons: () => SmartyPersonsApi;
  analysis: AnalysisService;
  config: ConfigService;
  log: Log;
  panels: ResultViewer;
  /** Fires when the ledger changed (the tree refreshes). */
  changed: () => void;
}

/**
 * Smarty's persons commands: Enroll as Person… (persons/set, its own operation, never an
 * analysis), Recognize Persons (persons/recognize, faces tagged with the ledger's local names),
 * and the tree's actions. Each takes its inputs as arguments, asks only for what is missing and
 * returns what it did.
 */
export function registerSmartyCommands(deps: SmartyCommandDeps): vscode.Disposable {
  const t = vscode.l10n.t;
  const { log } = deps;
  const disposables = [
    registerFailableCommand('imageInsight.enrollPerson', t('Enroll as Person…'), log, async (report, ...args) => {
      const invocation = parseInvocation(args, t('Enroll as Person…'), t);
      report.scripted = invocation.scripted;
      report.show = invocation.options.show !== false;
      const uri = (invocation.uris[0] as vscode.Uri | undefined) ?? activeImage(t('Enroll as Person…'));
      const persons = deps.persons();
      const ledger = await persons.ledger();
      const space = invocation.options.space ?? (await pickSpace(deps, ledger));
      const personId = invocation.options.personId ?? (await pickPerson(ledger, checkedSpace(space)));
      const source = await (await checkImage(uri, deps.config.current.maxFileSizeMB))();
      const crop = invocation.options.face ? faceCrop(invocation.options.face, source) : undefined;
      const [outcome] = await withProgress(report.show, t('Enrolling "{0}" as person {1} in space {2}…', source.name, personId, space), (token) =>
        persons.enroll(space, [{ personId, source, ...(crop ? { crop } : {}) }], { token }),
      );
      deps.changed();
      const result = enrollResult(space, outcome!);
      if (!result.done) throw new UserError(t('VK Cloud Smarty did not enroll "{0}": {1}', source.name, result.error ?? t('no details')), source.name);
      if (report.show) void vscode.window.showInformationMessage(t('"{0}" is enrolled as person {1} in space {2}.', source.name, personId, space));
      return result;
    }),
    registerFailableCommand('imageInsight.recognizePersons', t('Recognize Persons'), log, async (report, ...args) => {
      const invocation = parseInvocation(args, t('Recognize Persons'), t);
      report.scripted = invocation.scripted;
      report.show = invocation.options.show !== false;
      const uris = invocation.uris.length > 0 ? (invocation.uris as vscode.Uri[]) : [activeImage(t('Recognize Persons'))];
      const space = checkedSpace(invocation.options.space ?? (invocation.scripted ? deps.config.setting('smarty.space') as string ?? '0' : await pickSpace(deps, await deps.persons().ledger())));
      const analyzed = await deps.analysis.analyze({
        images: uris, features: ['persons'], provider: 'smarty', space, interactive: report.show, title: t('Recognize Persons'), progressForUploads: true,
      });
      const ledger = await deps.persons().ledger();
      const tagged = (Array.isArray(analyzed) ? analyzed : [analyzed]).map((r) => tagFaces(r, ledger, space));
      if (report.show) for (const one of tagged) if (!one.errors.some((e) => e.feature === '*')) deps.panels.show(one);
      return Array.isArray(analyzed) ? tagged : tagged[0];
    }),
    registerFailableCommand('imageInsight.smarty.deletePerson', t('Delete Person'), log, async (report, ...args) => {
      const options = treeOptions(args);
      report.scripted = options.scripted;
      const persons = deps.persons();
      const ledger = await persons.ledger();
      const space = checkedSpace(options.space ?? (await pickSpace(deps, ledger)));
      const personId = options.personId ?? (await pickPerson(ledger, space, false));
      if (!options.scripted) {
        const name = findPerson(ledger, space, personId)?.name || t('person {0}', personId);
        const yes = t('Delete');
        if ((await vscode.window.showWarningMessage(t('Delete {0} from space {1} on the server?', name, space), { modal: true }, yes)) !== yes) throw new vscode.CancellationError();
      }
      const done = await persons.remove(space, [personId]);
      deps.changed();
      if (done.failed.length > 0) throw new UserError(t('VK Cloud Smarty did not delete person {0}: {1}', personId, done.failed[0]!.error));
      return { space, removed: done.removed };
    }),
    registerFailableCommand('imageInsight.smarty.truncateSpace', t('Truncate Space…'), log, async (report, ...args) => {
      const options = treeOptions(args);
      report.scripted = options.scripted;
      const persons = deps.persons();
      const space = checkedSpace(options.space ?? (await pickSpace(deps, await persons.ledger())));
      const confirm = options.confirm ?? (await vscode.window.showInputBox({
        title: t('Truncate space {0}', space),
        prompt: t('Every person in space {0} is deleted on the server. Type {0} to confirm.', space),
        ignoreFocusOut: true,
      }));
      if (confirm === undefined) throw new vscode.CancellationError();
      if (confirm !== space) throw new UserError(t('Space {0} was not truncated: the confirmation must be the space number, {0}.', space));
      await persons.truncate(space);
      deps.changed();
      return { space, truncated: true };
    }),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}

/** The options of a tree action: from the tree (a node) or a script (`{ space, personId, confirm }`). */
function treeOptions(args: unknown[]): { space?: string; personId?: number; confirm?: string; scripted: boolean } {
  const [first] = args;
  if (typeof first !== 'object' || first === null) return { scripted: false };
  const node = first as { space?: unknown; personId?: unknown; confirm?: unknown; kind?: unknown };
  const space = typeof node.space === 'string' ? node.space : undefined;
  const personId = typeof node.personId === 'number' && Number.isSafeInteger(node.personId) && node.personId >= 0 ? node.personId : undefined;
  const confirm = typeof node.confirm === 'string' ? node.confirm : undefined;
  // A tree node says which kind it is; a script's options do not.
  return { ...(space !== undefined ? { space } : {}), ...(personId !== undefined ? { personId } : {}), ...(confirm !== undefined ? { confirm } : {}), scripted: node.kind === undefined };
}

export function checkedSpace(space: string): Space {
  if (!isSpace(space)) throw new UserError(vscode.l10n.t('A Smarty space is a digit from 0 to 9, not "{0}".', space));
  return space;
}

export async function pickSpace(deps: SmartyCommandDeps, ledger: Ledger): Promise<Space> {
  const t = vscode.l10n.t;
  const current = deps.config.setting('smarty.space');
  const items = SPACES.map((space) => ({ label: space, description: t('{0} persons', personsIn(ledger, space).length), picked: space === current, space }));
  const picked = await vscode.window.showQuickPick(items, { title: t('Smarty space'), placeHolder: t('Choose the space (0–9)') });
  if (!picked) throw new vscode.CancellationError();
  return picked.space;
}

/** An enrolled person of the space, or (when `offerNew`) a new one with the next free id. */
export async function pickPerson(ledger: Ledger, space: Space, offerNew = true): Promise<number> {
  const t = vscode.l10n.t;
  const fresh = nextPersonId(ledger, space);
  const items = [
    ...(offerNew ? [{ label: t('New person'), description: t('person {0}', fresh), personId: fresh }] : []),
    ...personsIn(ledger, space).map((p) => ({ label: p.name || t('person {0}', p.personId), description: t('{0} images', p.images.length), personId: p.personId })),
  ];
  if (items.length === 0) throw new UserError(t('Space {0} has no enrolled persons.', space));
  const picked = await vscode.window.showQuickPick(items, { title: t('Person in space {0}', space) });
  if (!picked) throw new vscode.CancellationError();
  return picked.personId;
}

/** The face's box with a margin on each side, inside the picture. */
export function faceCrop(face: Polygon, size: { width: number; height: number }): CropRect {
  const box = boundingBox(face);
  const left = Math.max(0, box.x - box.width * FACE_MARGIN);
  const top = Math.max(0, box.y - box.height * FACE_MARGIN);
  const right = Math.min(size.width, box.x + box.width * (1 + FACE_MARGIN));
  const bottom = Math.min(size.height, box.y + box.height * (1 + FACE_MARGIN));
  if (right - left < 5 || bottom - top < 5) throw new UserError(vscode.l10n.t('The face to enroll is outside the image or smaller than 5×5 pixels.'));
  return { left, top, width: right - left, height: bottom - top };
}

/** Each face's person named as the ledger knows it (its local name, or `person<id>`), an unknown face "unknown". */
function tagFaces(result: AnalysisResult, ledger: Ledger, space: Space): AnalysisResult {
  if (!result.faces) return result;
  const faces = result.faces.map((face) => {
    const tag = face.person?.tag;
    // Smarty's tag for a face it knows no person for (smartyParser.ts leaves such a face without one).
    if (tag === undefined || tag === 'undefined') return { ...face, person: { tag: vscode.l10n.t('unknown') } };
    const known = personOfTag(ledger, space, tag);
    return { ...face, person: { ...face.person!, tag: known?.name || tag } };
  });
  return { ...result, faces };
}

function enrollResult(space: string, report: EnrollReport): EnrollResult {
  return { space, personId: report.personId, uri: report.uri, done: report.done, ...(report.error ? { error: report.error } : {}) };
}

export function withProgress<T>(show: boolean, title: string, run: (token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  if (!show) return run(new vscode.CancellationTokenSource().token);
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => run(token)));
}
