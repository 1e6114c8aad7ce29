import * as vscode from 'vscode';
import { isPersonId } from '../providers/smarty/smartySpaces';
import { UserError } from '../shared/errors';
import { isUriLike } from './commandArgs';

/**
 * The arguments of the Smarty tree's actions, in every form they come: a tree node (from a
 * context menu: `{ kind, space, personId }`), nothing (the palette), or a script's
 * `(uri | uris[] | options, options?)` with options `{ space, personId, images, folder, file,
 * name, acceptOtherAccount, show }`; URIs may be `vscode.Uri`s or strings (a path or a URI).
 */
export interface TreeArgs {
  /** The node's kind when a tree node was passed. */
  kind?: string;
  space?: string;
  personId?: number;
  /** The files or folder the action is about (images, the folder to enroll, the ledger file). */
  uris: vscode.Uri[];
  name?: string;
  acceptOtherAccount?: boolean;
  /** Messages, progress and the panel; `show: false` from a script keeps everything quiet. */
  show: boolean;
  /** From code: failures reject, no confirmation asked that the options already answer. */
  scripted: boolean;
}

export function parseTreeArgs(args: readonly unknown[], title: string): TreeArgs {
  const t = vscode.l10n.t;
  const [first, second] = args;
  if (first === undefined || first === null) return { uris: [], show: true, scripted: false };
  let options: Record<string, unknown> = {};
  let uris: vscode.Uri[] = [];
  if (isUriLike(first) || typeof first === 'string') {
    uris = [toUri(first, title)];
  } else if (Array.isArray(first)) {
    uris = first.map((u) => toUri(u, title));
  } else if (typeof first === 'object') {
    options = first as Record<string, unknown>;
  } else {
    throw new UserError(t('{0}: the argument must be a tree node, a URI or an options object.', title));
  }
  if (typeof second === 'object' && second !== null && !Array.isArray(second) && !isUriLike(second)) options = second as Record<string, unknown>;
  const kind = typeof options.kind === 'string' ? options.kind : undefined;
  const list = (value: unknown): vscode.Uri[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((u) => toUri(u, title)));
  uris = [...uris, ...list(options.images), ...list(options.folder), ...list(options.file)];
  if (options.space !== undefined && typeof options.space !== 'string') throw new UserError(t('{0}: "space" must be a string from "0" to "9".', title));
  if (options.personId !== undefined && !isPersonId(options.personId)) throw new UserError(t('{0}: "personId" must be a whole number, 0 or more.', title));
  if (options.name !== undefined && typeof options.name !== 'string') throw new UserError(t('{0}: "name" must be a string.', title));
  return {
    ...(kind !== undefined ? { kind } : {}),
    ...(typeof options.space === 'string' ? { space: options.space } : {}),
    ...(isPersonId(options.personId) ? { personId: options.personId } : {}),
    ...(typeof options.name === 'string' ? { name: options.name } : {}),
    ...(options.acceptOtherAccount === true ? { acceptOtherAccount: true } : {}),
    uris,
    show: kind !== undefined || options.show !== false,
    scripted: kind === undefined,
  };
}

function toUri(value: unknown, title: string): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (isUriLike(value)) return vscode.Uri.parse(value.toString(), true);
  if (typeof value === 'string' && value.length > 0) {
    // "C:\x" and "/x" are paths; "file:///x" and "untitled:x" are URIs.
    return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value);
  }
  throw new UserError(vscode.l10n.t('{0}: each file must be a URI or a path.', title));
}

/** The image-file filter of the open dialogs. */
export function imageFilters(): Record<string, string[]> {
  return { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff'] };
}
