import { UserError } from '../shared/errors';
import type { Localize } from '../shared/localize';
import { isFeatureId, type FeatureId } from '../shared/analysisResult';
import type { Polygon } from '../shared/geometry';

/** The shape of a `vscode.Uri`, checked structurally so that this module stays pure. */
export interface UriLike {
  readonly scheme: string;
  readonly path: string;
  toString(): string;
}

export function isUriLike(value: unknown): value is UriLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.scheme === 'string' && typeof v.path === 'string' && typeof v.with === 'function';
}

/** The options object every analysis command accepts (ARCHITECTURE.md, "Scriptable"). */
export interface CommandOptions {
  provider?: string;
  features?: FeatureId[];
  languages?: string[];
  space?: string;
  personId?: number;
  /** A face to enroll (a polygon in the picture's pixels, as results give them). */
  face?: Polygon;
  /** Enroll as Person…: as a new person (the space's next free id), asking only for the space. */
  newPerson?: boolean;
  /** Truncate Space from a script: the space's number again, as the typed confirmation. */
  confirm?: string;
  /** `false`: return the result without opening anything or showing messages. */
  show?: boolean;
}

const OPTION_KEYS = ['provider', 'features', 'languages', 'space', 'personId', 'newPerson', 'face', 'confirm', 'show'];

export interface Invocation {
  /** The images the command is about, de-duplicated, in selection order; empty when none was passed. */
  uris: UriLike[];
  options: CommandOptions;
  /**
   * True when called from code (`executeCommand` with a URI or options) rather than from a menu,
   * the palette or a keybinding: failures then reject the command's promise.
   */
  scripted: boolean;
}

/**
 * Reads a command's arguments in every form VS Code and scripts pass them:
 * `()` from the palette, `(uri, uris[])` from the Explorer, `(uri, { groupId, … })` from editor
 * menus, `(uri, options?)`, `(uris[], options?)` and `(uri, uris[], options?)` from scripts.
 * Throws a UserError naming what is wrong with an argument of the wrong type.
 */
export function parseInvocation(args: readonly unknown[], commandTitle: string, t: Localize): Invocation {
  if (args.length === 0 || args.every((a) => a === undefined || a === null)) {
    return { uris: [], options: {}, scripted: false };
  }
  const [first, second, third] = args;
  let uris: UriLike[];
  let optionsArg: unknown;
  let fromMenu = false;
  if (isUriLike(first)) {
    uris = [first];
    if (Array.isArray(second)) {
      // The Explorer passes the clicked item and the whole selection.
      const selection = second.filter(isUriLike);
      if (selection.length !== second.length) throw wrongType(commandTitle, t);
      if (selection.length > 0) uris = selection.some((u) => u.toString() === first.toString()) ? selection : [first, ...selection];
      fromMenu = third === undefined;
      optionsArg = third;
    } else if (isEditorMenuContext(second)) {
      fromMenu = true;
    } else {
      optionsArg = second;
    }
  } else if (Array.isArray(first)) {
    uris = first.filter(isUriLike);
    if (uris.length !== first.length || uris.length === 0) throw wrongType(commandTitle, t);
    optionsArg = second;
  } else if (isPlainObject(first) && args.length === 1) {
    uris = [];
    optionsArg = first;
  } else {
    throw wrongType(commandTitle, t);
  }
  const options = optionsArg === undefined || optionsArg === null ? {} : parseOptions(optionsArg, commandTitle, t);
  const seen = new Set<string>();
  uris = uris.filter((u) => !seen.has(u.toString()) && seen.add(u.toString()));
  return { uris, options, scripted: !fromMenu };
}

function parseOptions(value: unknown, commandTitle: string, t: Localize): CommandOptions {
  if (!isPlainObject(value)) throw wrongType(commandTitle, t);
  const unknownKeys = Object.keys(value).filter((k) => !OPTION_KEYS.includes(k));
  if (unknownKeys.length > 0) {
    throw new UserError(t('{0}: unknown option "{1}". Known options: {2}.', commandTitle, unknownKeys[0]!.slice(0, 40), OPTION_KEYS.join(', ')));
  }
  const bad = (name: string, expected: string) => new UserError(t('{0}: option "{1}" must be {2}.', commandTitle, name, expected));
  const options: CommandOptions = {};
  const { provider, features, languages, space, personId, newPerson, face, confirm, show } = value;
  if (provider !== undefined) {
    if (typeof provider !== 'string' || provider === '') throw bad('provider', t('a provider id such as "local"'));
    options.provider = provider;
  }
  if (features !== undefined) {
    if (!Array.isArray(features) || features.length === 0 || !features.every(isFeatureId)) {
      throw bad('features', t('a non-empty list of feature ids such as ["text", "faces"]'));
    }
    options.features = [...new Set(features)];
  }
  if (languages !== undefined) {
    if (!Array.isArray(languages) || !languages.every((l) => typeof l === 'string' && /^(\*|[a-zA-Z]{2,3})$/.test(l))) {
      throw bad('languages', t('a list of language codes such as ["ru", "en"] or ["*"]'));
    }
    options.languages = languages.map((l: string) => l.toLowerCase());
  }
  if (space !== undefined) {
    if (typeof space !== 'string' || !/^[0-9]$/.test(space)) throw bad('space', t('a space from "0" to "9"'));
    options.space = space;
  }
  if (personId !== undefined) {
    if (typeof personId !== 'number' || !Number.isSafeInteger(personId) || personId < 0) throw bad('personId', t('a whole number ≥ 0'));
    options.personId = personId;
  }
  if (newPerson !== undefined) {
    if (typeof newPerson !== 'boolean') throw bad('newPerson', t('true or false'));
    options.newPerson = newPerson;
  }
  if (face !== undefined) {
    const points = Array.isArray(face) ? face : [];
    const ok = points.length >= 3 && points.length <= 64 && points.every((p: unknown) => typeof p === 'object' && p !== null && Number.isFinite((p as { x?: unknown }).x) && Number.isFinite((p as { y?: unknown }).y));
    if (!ok) throw bad('face', t('a polygon: 3 or more points such as {"x": 10, "y": 20}'));
    options.face = (points as Array<{ x: number; y: number }>).map((p) => ({ x: p.x, y: p.y }));
  }
  if (confirm !== undefined) {
    if (typeof confirm !== 'string') throw bad('confirm', t('a space from "0" to "9"'));
    options.confirm = confirm;
  }
  if (show !== undefined) {
    if (typeof show !== 'boolean') throw bad('show', t('true or false'));
    options.show = show;
  }
  return options;
}

function wrongType(commandTitle: string, t: Localize): UserError {
  return new UserError(t('{0} needs an image file: pass a file URI, a list of them, or an options object.', commandTitle));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUriLike(value);
}

/** Editor title and editor context menus pass `{ groupId, editorIndex }` after the resource. */
function isEditorMenuContext(value: unknown): boolean {
  return isPlainObject(value) && 'groupId' in value;
}
