import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import type { KnownFaces } from '../analysis/resultStore';
import type { ImageSource } from '../images/imageSource';
import { checkImage } from '../analysis/imageTarget';
import { findPerson, nextPersonId, personOfTag, personsIn, type Ledger } from '../providers/smarty/ledger';
import { isSpace, SPACES, type Space } from '../providers/smarty/smartySpaces';
import type { EnrollReport, SmartyPersonsApi } from '../providers/smarty/smartyPersonsApi';
import type { ConfigService } from '../services/config';
import { registerFailableCommand } from '../services/failableCommand';
import type { Log } from '../services/log';
import type { AnalysisResult } from '../shared/analysisResult';
import { disposeAll } from '../shared/disposable';
import { UserError } from '../shared/errors';
import { boundingBox, type Polygon } from '../shared/geometry';
import { activeImage, type ResultViewer } from './analysisCommands';
import { parseInvocation } from './commandArgs';
import { faceCrop, facePosition, facesToChoose } from './faceCrop';

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
  /** The faces the latest analysis found in an image (by URI), for Enroll as Person… without a face. */
  knownFaces?: (uri: string) => KnownFaces | undefined;
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
  /** The space each image was last recognized in (Enroll as New Person… enrolls an unknown face there). */
  const recognizedIn = new Map<string, Space>();
  const remember = (uri: string, space: Space) => {
    recognizedIn.delete(uri);
    recognizedIn.set(uri, space);
    if (recognizedIn.size > 200) recognizedIn.delete(recognizedIn.keys().next().value!);
  };
  const disposables = [
    registerFailableCommand('imageInsight.enrollPerson', t('Enroll as Person…'), log, async (report, ...args) => {
      const invocation = parseInvocation(args, t('Enroll as Person…'), t);
      const { options } = invocation;
      report.scripted = invocation.scripted;
      report.show = options.show !== false;
      const uri = (invocation.uris[0] as vscode.Uri | undefined) ?? activeImage(t('Enroll as Person…'));
      const persons = deps.persons();
      const ledger = await persons.ledger();
      // A new person from an unknown face goes to the space its recognize ran in, when known.
      const space = checkedSpace(options.space ?? (options.newPerson ? recognizedIn.get(uri.toString()) : undefined) ?? (await pickSpace(deps, ledger)));
      const personId = options.personId ?? (options.newPerson ? nextPersonId(ledger, space) : await pickPerson(ledger, space));
      const source = await (await checkImage(uri, deps.config.current.maxFileSizeMB))();
      const face = options.face ?? (await knownFace(deps, source, invocation.scripted));
      const crop = face ? faceCrop(face, source, t) : undefined;
      const [outcome] = await withProgress(report.show, t('Enrolling "{0}" as person {1} in space {2}…', source.name, personId, space), (token) =>
        persons.enroll(space, [{ personId, source, ...(crop ? { crop } : {}) }], { token }),
      );
      deps.changed();
      const result = enrollResult(space, outcome!);
      if (!result.done) throw new UserError(t('VK Cloud Smarty did not enroll "{0}": {1}', source.name, result.error ?? t('no details')), source.name);
      if (report.show) {
        const name = findPerson(await persons.ledger(), space, personId)?.name || t('person {0}', personId);
        void vscode.window.showInformationMessage(crop ? t('A face of "{0}" is enrolled as {1} in space {2}.', source.name, name, space) : t('"{0}" is enrolled as {1} in space {2}.', source.name, name, space));
      }
      void refreshTree();
      return result;
    }),
    registerFailableCommand('imageInsight.recognizePersons', t('Recognize Persons'), log, async (report, ...args) => {
      const invocation = parseInvocation(args, t('Recognize Persons'), t);
      report.scripted = invocation.scripted;
      report.show = invocation.options.show !== false;
      const uris = invocation.uris.length > 0 ? (invocation.uris as vscode.Uri[]) : [activeImage(t('Recognize Persons'))];
      const space = checkedSpace(invocation.options.space ?? (invocation.scripted ? deps.config.setting('smarty.space') as string ?? '0' : await pickSpace(deps, await deps.persons().ledger())));
      for (const uri of uris) remember(uri.toString(), space);
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
      const ledger = await persons.ledger();
      const space = checkedSpace(options.space ?? (await pickSpace(deps, ledger)));
      const confirm = options.confirm ?? (await confirmTruncate(space, personsIn(ledger, space).length));
      if (confirm === undefined) throw new vscode.CancellationError();
      if (confirm !== space) throw new UserError(t('Space {0} was not truncated: the confirmation must be the space number, {0}.', space));
      await persons.truncate(space);
      deps.changed();
      return { space, truncated: true };
    }),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}

/**
 * The typed confirmation of Truncate Space: a modal warning naming the space and how many persons
 * the ledger knows in it (the server may have more), then the space number typed in an input box.
 * Undefined when the user cancels either.
 */
async function confirmTruncate(space: Space, known: number): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const go = t('Truncate…');
  const warning = t('Truncate space {0}? Every person in it is deleted on the server, {1} known to Image Insight among them. This cannot be undone.', space, known);
  if ((await vscode.window.showWarningMessage(warning, { modal: true }, go)) !== go) return undefined;
  return vscode.window.showInputBox({
    title: t('Truncate space {0}', space),
    prompt: t('Every person in space {0} is deleted on the server. Type {0} to confirm.', space),
    ignoreFocusOut: true,
  });
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

/** The tree refreshes itself on `changed`; the command also reaches a tree another part of the extension owns. */
async function refreshTree(): Promise<void> {
  if ((await vscode.commands.getCommands(true)).includes('imageInsight.smarty.refresh')) await vscode.commands.executeCommand('imageInsight.smarty.refresh');
}

/**
 * Enroll as Person… without a face: the faces the latest analysis found in these very bytes. One
 * is cropped; of several the user picks one (a script must pass `face`); none, the whole image.
 */
async function knownFace(deps: SmartyCommandDeps, source: ImageSource, scripted: boolean): Promise<Polygon | undefined> {
  const t = vscode.l10n.t;
  const known = deps.knownFaces?.(source.uri);
  if (!known) return undefined;
  const sha256 = createHash('sha256').update(await source.read()).digest('hex');
  const faces = facesToChoose(known, sha256);
  if (faces.length <= 1) return faces[0];
  if (scripted) throw new UserError(t('"{0}" has {1} faces: pass the one to enroll as the option "face" (a polygon).', source.name, faces.length), source.name);
  const items = faces.map((face, index) => {
    const box = boundingBox(face);
    return { label: t('Face {0}', index + 1), description: facePosition(face, source, t), detail: t('{0}×{1} pixels at ({2}, {3})', Math.round(box.width), Math.round(box.height), Math.round(box.x), Math.round(box.y)), face };
  });
  const picked = await vscode.window.showQuickPick(items, { title: t('"{0}" has {1} faces', source.name, faces.length), placeHolder: t('Choose the face to enroll') });
  if (!picked) throw new vscode.CancellationError();
  return picked.face;
}
