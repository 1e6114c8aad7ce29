import type { Block, Face, FeatureError, Findings, Label, Line, TextResult, Word } from '../../shared/analysisResult';
import { hull, type Polygon } from '../../shared/geometry';
import type { Localize } from '../../shared/localize';
import { objectNamed, objectsOf, type SmartyObject } from './smartyEnvelope';

/**
 * Smarty answers → the normalized result, one image (one named object) at a time. Pure and
 * tolerant: a part of an unexpected shape becomes absent, never an exception. `map` takes a box
 * from the sent image's pixels to the picture the user sees. Decisions (test/fixtures/results
 * README): `coord` is `[left, top, right, bottom]`; tag "undefined" is a face with no `person`
 * (an unknown face); a per-object status 1 or 2 is an error of feature `*` with the status as
 * its code.
 */

type Json = Record<string, unknown>;
export type PolygonMap = (polygon: Polygon) => Polygon;
export interface Size { width: number; height: number }

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The tag Smarty gives a face it found no person for (with create_new false). */
export const UNKNOWN_TAG = 'undefined';

/** `[x1, y1, x2, y2]` → the rectangle clockwise from the top left; anything else → undefined. */
function box(coord: unknown, scale: Size = { width: 1, height: 1 }): Polygon | undefined {
  const c = arr(coord).map(num);
  if (c.length !== 4 || c.some((v) => v === undefined)) return undefined;
  const [x1, y1, x2, y2] = c as [number, number, number, number];
  const [l, r] = [Math.min(x1, x2) * scale.width, Math.max(x1, x2) * scale.width];
  const [t, b] = [Math.min(y1, y2) * scale.height, Math.max(y1, y2) * scale.height];
  return [{ x: l, y: t }, { x: r, y: t }, { x: r, y: b }, { x: l, y: b }];
}

/** The error of an object that was not done (status 1 or 2), or of an image the server did not answer. */
function objectError(object: SmartyObject | undefined, t: Localize): FeatureError | undefined {
  if (object === undefined) return { feature: '*', message: t('Smarty did not answer for this image') };
  if (object.status === 0) return undefined;
  return { feature: '*', code: object.status, message: object.error ?? (object.status === 2 ? t('a temporary error; try again later') : t('the image was refused')) };
}

/** persons/recognize: one object → its faces, each with its person unless it is unknown. No face → `faces: []`. */
export function parsePersonsObject(object: SmartyObject | undefined, map: PolygonMap, t: Localize): Findings {
  const error = objectError(object, t);
  if (error || object === undefined) return { errors: error ? [error] : [] };
  const faces = arr(object.raw.persons).flatMap((raw): Face[] => {
    const p = obj(raw);
    const polygon = box(p.coord);
    if (!polygon) return [];
    const tag = str(p.tag);
    const aliases = arr(p.aliases).filter((a): a is string => typeof a === 'string');
    const attributes = defined({ age: num(p.age), sex: str(p.sex), emotion: str(p.emotion) });
    return [defined({
      polygon: map(polygon),
      confidence: num(p.confidence),
      attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
      person: tag !== undefined && tag !== UNKNOWN_TAG && tag !== '' ? defined({ tag, similarity: num(p.similarity), aliases: aliases.length > 0 ? aliases : undefined }) : undefined,
    })];
  });
  return { faces, errors: [] };
}

/**
 * text/recognize: one object → text. Detailed answers give lines (`results[]`) of words with
 * boxes; those boxes are fractions of the image in the documented example and pixels on a real
 * image, so they are read as fractions only when every one of them is within [0, 1]. Lines are
 * kept in the server's order and grouped into blocks where the gap between two lines is larger
 * than a typical line is tall (paragraphs). A plain answer (`text` only) gives the text alone.
 */
export function parseTextObject(object: SmartyObject | undefined, map: PolygonMap, sent: Size, upright: Size, t: Localize): Findings {
  const error = objectError(object, t);
  if (error || object === undefined) return { errors: error ? [error] : [] };
  const results = arr(object.raw.results).map(obj);
  const plain = str(object.raw.text);
  if (results.length === 0 && plain !== undefined) return { text: { fullText: plain, pages: [{ width: upright.width, height: upright.height, blocks: [] }] }, errors: [] };
  const coords = results.flatMap((line) => [line.line_coord, ...arr(line.words).map((w) => obj(w).coord)]).flatMap((c) => arr(c).map(num));
  const fractions = coords.length > 0 && coords.every((v) => v !== undefined && v >= 0 && v <= 1);
  const scale = fractions ? sent : { width: 1, height: 1 };
  const lines = results.flatMap((raw): Line[] => {
    const words = arr(raw.words).flatMap((w): Word[] => {
      const word = obj(w);
      const text = str(word.text);
      const polygon = box(word.coord, scale);
      return text === undefined || polygon === undefined ? [] : [defined({ polygon: map(polygon), text, confidence: num(word.prob), language: str(word.lang) })];
    });
    if (words.length === 0) return [];
    const own = box(raw.line_coord, scale);
    return [defined({ polygon: own ? map(own) : hull(words.map((w) => w.polygon)), text: words.map((w) => w.text).join(' '), confidence: num(raw.line_prob), words })];
  });
  const text: TextResult = { fullText: lines.map((l) => l.text).join('\n'), pages: [{ width: upright.width, height: upright.height, blocks: paragraphs(lines) }] };
  return { text, errors: [] };
}

/** Consecutive lines into blocks, a new block where the vertical gap exceeds the median line height. */
function paragraphs(lines: Line[]): Block[] {
  if (lines.length === 0) return [];
  const extent = (l: Line) => {
    const ys = l.polygon.map((p) => p.y);
    return { top: Math.min(...ys), bottom: Math.max(...ys) };
  };
  const heights = lines.map((l) => extent(l).bottom - extent(l).top).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)]!;
  const groups: Line[][] = [[lines[0]!]];
  for (let i = 1; i < lines.length; i++) {
    const gap = extent(lines[i]!).top - extent(lines[i - 1]!).bottom;
    if (gap > median) groups.push([]);
    groups[groups.length - 1]!.push(lines[i]!);
  }
  return groups.map((group) => ({ polygon: hull(group.map((l) => l.polygon)), lines: group }));
}

/** The modes of objects/detect whose labels have boxes (objects), and those that describe the whole image (scenes). */
const OBJECT_LISTS = ['multiobject_labels', 'object_labels'];
const SCENE_LISTS = ['scene_labels'];

/**
 * objects/detect: the image's entry in each mode's list (`multiobject_labels`, `scene_labels`,
 * …) → labels: objects with their boxes (group "object"), scenes without (group "label"). A mode
 * that failed for this image is an error of feature `labels` beside what the others found.
 */
export function parseObjectsDetect(body: Json, name: string, map: PolygonMap, t: Localize): Findings {
  const labels: Label[] = [];
  const errors: FeatureError[] = [];
  for (const list of [...OBJECT_LISTS, ...SCENE_LISTS]) {
    if (!Array.isArray(body[list])) continue;
    const object = objectNamed(objectsOf(body, list), name);
    const error = objectError(object, t);
    if (error || object === undefined) {
      if (error) errors.push({ ...error, feature: 'labels' });
      continue;
    }
    const group = OBJECT_LISTS.includes(list) ? ('object' as const) : ('label' as const);
    for (const raw of arr(object.raw.labels)) {
      const label = obj(raw);
      const labelName = str(label.eng) ?? str(label.rus);
      const score = num(label.prob);
      if (labelName === undefined || score === undefined) continue;
      const polygon = group === 'object' ? box(label.coord) : undefined;
      labels.push(defined({ name: labelName, score, group, polygon: polygon ? map(polygon) : undefined }));
    }
  }
  return { labels, errors };
}

/** adult/detect: the image's `safe` score (how sure the model is that the image is safe for work) as a safe-search label. */
export function parseAdultObject(object: SmartyObject | undefined, t: Localize): Findings {
  const error = objectError(object, t);
  if (error || object === undefined) return { errors: error ? [{ ...error, feature: 'labels' }] : [] };
  const safe = num(object.raw.safe);
  return { labels: safe === undefined ? [] : [{ name: 'safe', score: safe, group: 'safeSearch' }], errors: [] };
}
