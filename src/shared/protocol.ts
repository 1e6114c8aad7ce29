/**
 * Messages between the extension host and the results webview. Both sides import this file;
 * the host runs `isWebviewMessage` on everything it receives (a webview is untrusted input) and
 * drops what fails. The webview only ever names findings by index: texts, URLs and files stay
 * with the host, which looks them up itself.
 */
import type { AnalysisResult } from './analysisResult';
import type { ProviderComparison, SideIndex } from './comparison';
import { COMPARE_STRING_KEYS, type CompareStrings } from './compareStrings';
import type { Region } from './geometry';
import { MAX_EDIT_LENGTH, type PanelState } from './panelState';
import { UI_STRING_KEYS, type UiStrings } from './uiStrings';

/** The three levels of text the panel can box. */
export const TEXT_LEVELS = ['block', 'line', 'word'] as const;
export type TextLevel = (typeof TEXT_LEVELS)[number];


/** Raster types the panel shows from bytes: what Chromium's <img> decodes, nothing that runs. */
export const PANEL_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp'] as const;
export type PanelImageType = (typeof PANEL_IMAGE_TYPES)[number];

/**
 * The picture itself, sent as its bytes in base64: the webview shows it from a `data:` URL and may
 * load no file at all (its resource roots are only our bundle and styles), so it can see nothing
 * but what the host chose to send. Base64 rather than a Uint8Array: a remote extension host's
 * messages reach the webview as JSON, where a typed array arrives as an object of numbers.
 */
export interface PanelImage {
  base64: string;
  mime: PanelImageType;
}

/** What the panel needs besides the result itself. */
export interface PanelDisplay {
  /** The image (or its downscaled display copy); absent when it cannot be shown. */
  image?: PanelImage;
  /** File name and provider. */
  title: string;
  /** Words below this confidence (0–1) are dimmed (setting `imageInsight.lowConfidence`). */
  lowConfidence: number;
  /** The user interface's strings in the user's language. */
  strings: UiStrings;
  /** Words to mark as search matches (indices in `allWords` order); the first is scrolled into view. */
  marks?: number[];
}

/** Webview → host. */
export type WebviewMessage =
  /** The webview's script has loaded and can receive messages. */
  | { type: 'ready' }
  /** Copy the text of one block, line or word. */
  | { type: 'copyText'; level: TextLevel; index: number }
  /** Copy the text inside a region (in reading order), or all of it without a region. */
  | { type: 'copyRegion'; region?: Region }
  /** Copy the words of a region (or all) as a table: tab-separated. */
  | { type: 'copyTable'; region?: Region }
  /** Insert the text of a region (or all) into the editor, keeping the layout. */
  | { type: 'insertText'; region?: Region }
  /** Insert the words of a region (or all) into the editor as a Markdown table. */
  | { type: 'insertTable'; region?: Region }
  /** Open all the text (with the user's corrections) as an untitled document. */
  | { type: 'openText' }
  /** Open the provider's raw response as an untitled JSON document. */
  | { type: 'openJson' }
  /** Copy the provider's raw response. */
  | { type: 'copyJson' }
  /** Copy a finding's name: a label (`labels[index]`) or a person tag (`faces[index]`). */
  | { type: 'copyFinding'; kind: 'label' | 'face'; index: number }
  /**
   * Open a URL of the copies in the browser (http(s) only, checked by the host): `copies.matches[index]`'s
   * page or image, or with `webImage`, `copies.images[index]`.
   */
  | { type: 'openLink'; index: number; target: 'page' | 'image' | 'webImage' }
  /** Open the first location of `labels[index]` (a landmark) in a map, in the browser. */
  | { type: 'openMap'; index: number }
  /** Correct word `index` (in `allWords` order); the original text reverts the correction. */
  | { type: 'editWord'; index: number; text: string }
  /**
   * Enroll `faces[index]` as a Smarty person (the host takes the polygon from its own copy of the
   * result); with `newPerson`, as a new person (an unknown face of a recognize).
   */
  | { type: 'enrollFace'; index: number; newPerson?: true };

/** Host → webview. */
export type HostMessage =
  /** A plain message to show instead of results (e.g. the image is gone). */
  | { type: 'notice'; text: string }
  /** The result to draw, with the user's corrections; the webview keeps `state` for a reload. */
  | { type: 'show'; display: PanelDisplay; state: PanelState }
  /** A short confirmation (e.g. "Copied"). */
  | { type: 'toast'; text: string };

/** The longest correction the host accepts for one word. */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** Exactly these keys (an optional one may be absent), so nothing rides along unchecked. */
const hasKeys = (message: Fields, required: string[], optional: string[] = []) => {
  const keys = Object.keys(message);
  return required.every((k) => keys.includes(k)) && keys.every((k) => required.includes(k) || optional.includes(k));
};

export function isRegion(value: unknown): value is Region {
  return (
    isObject(value) &&
    hasKeys(value, ['x', 'y', 'width', 'height']) &&
    isFinite(value.x) &&
    isFinite(value.y) &&
    isFinite(value.width) &&
    isFinite(value.height) &&
    value.width >= 0 &&
    value.height >= 0
  );
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isObject(value)) return false;
  const m = value;
  switch (m.type) {
    case 'ready':
    case 'openText':
    case 'openJson':
    case 'copyJson':
      return hasKeys(m, ['type']);
    case 'copyText':
      return hasKeys(m, ['type', 'level', 'index']) && (TEXT_LEVELS as readonly unknown[]).includes(m.level) && isIndex(m.index);
    case 'copyRegion':
    case 'copyTable':
    case 'insertText':
    case 'insertTable':
      return hasKeys(m, ['type'], ['region']) && (m.region === undefined || isRegion(m.region));
    case 'copyFinding':
      return hasKeys(m, ['type', 'kind', 'index']) && (m.kind === 'label' || m.kind === 'face') && isIndex(m.index);
    case 'openLink':
      return hasKeys(m, ['type', 'index', 'target']) && isIndex(m.index) && (m.target === 'page' || m.target === 'image' || m.target === 'webImage');
    case 'openMap':
      return hasKeys(m, ['type', 'index']) && isIndex(m.index);
    case 'enrollFace':
      return hasKeys(m, ['type', 'index'], ['newPerson']) && isIndex(m.index) && (m.newPerson === undefined || m.newPerson === true);
    case 'editWord':
      return hasKeys(m, ['type', 'index', 'text']) && isIndex(m.index) && typeof m.text === 'string' && m.text.length <= MAX_EDIT_LENGTH;
    default:
      return false;
  }
}

/**
 * A light check of what the host posts (the webview trusts its host, but a malformed message
 * must not break the page). The result inside was validated by the host before it was posted.
 */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'notice':
    case 'toast':
      return typeof value.text === 'string';
    case 'show':
      return isDisplay(value.display) && isObject(value.state) && isObject((value.state as { result?: unknown }).result);
    default:
      return false;
  }
}

function isPanelImage(value: unknown): value is PanelImage {
  return isObject(value) && typeof value.base64 === 'string' && (PANEL_IMAGE_TYPES as readonly unknown[]).includes(value.mime);
}

function isDisplay(value: unknown): value is PanelDisplay {
  return (
    isObject(value) &&
    (value.image === undefined || isPanelImage(value.image)) &&
    (value.marks === undefined || (Array.isArray(value.marks) && value.marks.length <= 100_000 && value.marks.every(isIndex))) &&
    typeof value.title === 'string' &&
    isFinite(value.lowConfidence) &&
    isObject(value.strings) &&
    UI_STRING_KEYS.every((key) => typeof (value.strings as Fields)[key] === 'string')
  );
}

/** What the Compare Providers panel shows: one image, two providers' readings of it. */
export interface CompareDisplay {
  /** The image (or its display copy), shown in both columns; absent when it cannot be shown. */
  image?: PanelImage;
  /** "a ⇄ b · file". */
  title: string;
  /** The providers' display names, A then B. */
  names: [string, string];
  /** The comparison, each result's `raw` left out (the panel does not show it). */
  comparison: ProviderComparison;
  /** Words below this confidence (0–1) are dimmed, as in the results panel. */
  lowConfidence: number;
  strings: CompareStrings;
}

/** Compare panel → host. A side is 0 (A) or 1 (B); the host looks up the result itself. */
export type CompareWebviewMessage =
  /** The webview's script has loaded and can receive messages. */
  | { type: 'ready' }
  /** Show that side's result in the results panel (with all its actions). */
  | { type: 'openResult'; side: SideIndex }
  /** Copy that side's text. */
  | { type: 'copyText'; side: SideIndex };

/** Host → compare panel. */
export type CompareHostMessage =
  /** The comparison to draw. */
  | { type: 'compare'; display: CompareDisplay }
  /** A short confirmation (e.g. "Copied"). */
  | { type: 'toast'; text: string };

export function isCompareWebviewMessage(value: unknown): value is CompareWebviewMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return hasKeys(value, ['type']);
    case 'openResult':
    case 'copyText':
      return hasKeys(value, ['type', 'side']) && (value.side === 0 || value.side === 1);
    default:
      return false;
  }
}

/** A light check of what the host posts (the comparison inside was made by the host itself). */
export function isCompareHostMessage(value: unknown): value is CompareHostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'toast':
      return typeof value.text === 'string';
    case 'compare': {
      const d = value.display;
      if (!isObject(d) || (d.image !== undefined && !isPanelImage(d.image)) || typeof d.title !== 'string' || !isFinite(d.lowConfidence)) return false;
      const pair = (v: unknown) => Array.isArray(v) && v.length === 2;
      const c = d.comparison;
      return (
        pair(d.names) &&
        (d.names as unknown[]).every((n) => typeof n === 'string') &&
        isObject(c) &&
        pair(c.results) &&
        (c.results as unknown[]).every(isObject) &&
        pair(c.counts) &&
        pair(c.timings) &&
        (c.diff === undefined || (isObject(c.diff) && Array.isArray(c.diff.ops))) &&
        isObject(d.strings) &&
        COMPARE_STRING_KEYS.every((key) => typeof (d.strings as Fields)[key] === 'string')
      );
    }
    default:
      return false;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

/** Re-exported for the webview, which gets results only through `show`. */
export type { AnalysisResult };
