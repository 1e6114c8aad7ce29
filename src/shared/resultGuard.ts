import { isFeatureId, LABEL_GROUPS, type AnalysisResult } from './analysisResult';

/**
 * A runtime check of the whole normalized `AnalysisResult` shape (providers/types.ts), for values
 * we did not build ourselves: webview state revived after a window reload, and tests.
 *
 * Each check returns `undefined` when the value is fine, or the problem as a path suffix and a
 * reason (`[5].polygon[1].x: expected a finite number, got NaN`). Paths are only built on the
 * way out of a failure, so a valid 20,000-word result costs a few plain loops and no strings.
 * The schema is a fixed number of levels deep, so nothing here recurses into the value itself:
 * garbage nested a million levels deep is simply "not the type expected" at the first level.
 * `raw` is the provider's response and is deliberately not inspected.
 * Extra keys are allowed (results written by a newer version); only own properties count, so an
 * inherited or `__proto__`-planted field never stands in for a missing one.
 */

type Problem = string | undefined;
type Check = (value: unknown) => Problem;
type Rec = Record<string, unknown>;

/** True when `value` is a complete, well-typed AnalysisResult. */
export function isAnalysisResult(value: unknown): value is AnalysisResult {
  return describeInvalidResult(value) === undefined;
}

/**
 * What is wrong with `value` as an AnalysisResult, as `path: reason` for the log
 * (e.g. `text.pages[0].blocks[2].lines[0].words[5].polygon[1].x: expected a finite number, got NaN`),
 * or `undefined` when it is valid. Never throws, not even on getters that throw or on proxies.
 */
export function describeInvalidResult(value: unknown): string | undefined {
  let problem: Problem;
  try {
    problem = checkResult(value);
  } catch (error) {
    return `(root): could not be read (${error instanceof Error ? error.name : typeof error})`;
  }
  if (problem === undefined) return undefined;
  if (problem.startsWith(':')) return `(root)${problem}`;
  return problem.startsWith('.') ? problem.slice(1) : problem;
}

function checkResult(value: unknown): Problem {
  if (!isRecord(value)) return expected('an object', value);
  return (
    field(value, 'provider', nonEmptyString) ??
    field(value, 'features', arrayOf(featureId)) ??
    field(value, 'image', imageInfo) ??
    optional(value, 'text', textResult) ??
    optional(value, 'faces', arrayOf(face)) ??
    optional(value, 'labels', arrayOf(label)) ??
    optional(value, 'copies', copies) ??
    optional(value, 'colors', arrayOf(dominantColor)) ??
    field(value, 'errors', arrayOf(featureError)) ??
    field(value, 'timings', timings) ??
    optional(value, 'cached', record({ storedAt: nonNegative }))
  );
}

const featureId: Check = (v) => (isFeatureId(v) ? undefined : expected('a feature id', v));

const imageInfo = record({ uri: string, width: nonNegative, height: nonNegative, mime: string, sha256: string });

const timings = record({ prepareMs: nonNegative, requestMs: nonNegative, parseMs: nonNegative });

const word = record({ polygon, text: string }, { confidence: finite, language: string });
const line = record({ polygon, text: string, words: arrayOf(word) }, { confidence: finite });
const block = record({ polygon, lines: arrayOf(line) });
const page = record({ width: nonNegative, height: nonNegative, blocks: arrayOf(block) });
const tableCell = record(
  { row: count, column: count, text: string },
  { rowSpan: positiveInteger, columnSpan: positiveInteger, polygon },
);
const table = record({ polygon, rows: count, columns: count, cells: arrayOf(tableCell) });
const quarterTurn: Check = (v) => (v === 0 || v === 90 || v === 180 || v === 270 ? undefined : expected('0|90|180|270', v));
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : expected('a boolean', v));
const preparation = record({ turned: quarterTurn, deskewed: finite, scaled: finite, evenedLight: flag }, { smoothed: flag });
const textResult = record({ fullText: string, pages: arrayOf(page) }, { tables: arrayOf(table), markdown: string, preparation });

const landmark = record({ type: string, x: finite, y: finite }, { z: finite });
const angles = record({ roll: finite, pan: finite, tilt: finite });
const faceAttributes = record({}, { age: finite, sex: string, emotion: string, likelihoods: stringMap, angles });
const person = record({ tag: string }, { similarity: finite, aliases: arrayOf(string) });
const face = record(
  { polygon },
  { confidence: finite, landmarks: arrayOf(landmark), attributes: faceAttributes, person },
);

const labelGroup: Check = (v) =>
  typeof v === 'string' && (LABEL_GROUPS as readonly string[]).includes(v) ? undefined : expected(`one of ${LABEL_GROUPS.join('|')}`, v);
// Scores are not bounded to [0, 1]: Google's web entities reach 2.15.
const geoPoint = record({ latitude: latitude, longitude: longitude });
const label = record({ name: string, score: finite, group: labelGroup }, { polygon, likelihood: string, locations: arrayOf(geoPoint) });

const copyMatch = record({ pageUrl: string }, { imageUrl: string, title: string, description: string });
const webImageMatch: Check = (v) => (v === 'full' || v === 'partial' || v === 'similar' ? undefined : expected('full|partial|similar', v));
const webImage = record({ url: string, match: webImageMatch });
const copies = record({ matches: arrayOf(copyMatch) }, { count: nonNegative, images: arrayOf(webImage), bestGuess: arrayOf(string) });

const channel: Check = (v) => (isFiniteNumber(v) && v >= 0 && v <= 255 ? undefined : expected('a number in 0–255', v));
const dominantColor = record({ red: channel, green: channel, blue: channel, score: finite, pixelFraction: finite });

const errorCode: Check = (v) => (typeof v === 'string' || isFiniteNumber(v) ? undefined : expected('a string or a finite number', v));
const errorFeature: Check = (v) => (v === '*' || isFeatureId(v) ? undefined : expected("a feature id or '*'", v));
const featureError = record({ feature: errorFeature, message: string }, { code: errorCode });

/**
 * A polygon: an array of finite {x, y}. The hottest loop (every word has one), so it is
 * written out instead of going through `record`. Coordinates may be negative: Google's boxes
 * stick out of the image.
 */
function polygon(value: unknown): Problem {
  if (!Array.isArray(value)) return expected('an array of points', value);
  for (let i = 0; i < value.length; i++) {
    const point: unknown = value[i];
    if (!isRecord(point)) return `[${i}]${expected('a point', point)}`;
    const x = own(point, 'x');
    if (!isFiniteNumber(x)) return `[${i}].x${expected('a finite number', x)}`;
    const y = own(point, 'y');
    if (!isFiniteNumber(y)) return `[${i}].y${expected('a finite number', y)}`;
  }
  return undefined;
}

/** A checker for an object with these required and optional fields (extra keys are allowed). */
function record(required: Record<string, Check>, optionalFields: Record<string, Check> = {}): Check {
  // Entries are taken once, here: the returned closure runs per word and must not allocate.
  const need = Object.entries(required);
  const may = Object.entries(optionalFields);
  return (value) => {
    if (!isRecord(value)) return expected('an object', value);
    for (const [key, check] of need) {
      const problem = field(value, key, check);
      if (problem !== undefined) return problem;
    }
    for (const [key, check] of may) {
      const problem = optional(value, key, check);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

function arrayOf(check: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return expected('an array', value);
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i]);
      if (problem !== undefined) return `[${i}]${problem}`;
    }
    return undefined;
  };
}

function field(value: Rec, key: string, check: Check): Problem {
  if (!Object.hasOwn(value, key)) return `.${key}: missing`;
  const problem = check(value[key]);
  return problem === undefined ? undefined : `.${key}${problem}`;
}

/** Absent and `undefined` both mean "not given" (JSON drops `undefined` anyway); `null` does not. */
function optional(value: Rec, key: string, check: Check): Problem {
  const inner = own(value, key);
  if (inner === undefined) return undefined;
  const problem = check(inner);
  return problem === undefined ? undefined : `.${key}${problem}`;
}

function stringMap(value: unknown): Problem {
  if (!isRecord(value)) return expected('an object', value);
  for (const key of Object.keys(value)) {
    const problem = string(value[key]);
    if (problem !== undefined) return `[${JSON.stringify(key.length <= 40 ? key : `${key.slice(0, 40)}…`)}]${problem}`;
  }
  return undefined;
}

function string(value: unknown): Problem {
  return typeof value === 'string' ? undefined : expected('a string', value);
}

function nonEmptyString(value: unknown): Problem {
  return typeof value === 'string' && value.length > 0 ? undefined : expected('a non-empty string', value);
}

function latitude(value: unknown): Problem {
  return isFiniteNumber(value) && value >= -90 && value <= 90 ? undefined : expected('a latitude (−90 to 90)', value);
}

function longitude(value: unknown): Problem {
  return isFiniteNumber(value) && value >= -180 && value <= 180 ? undefined : expected('a longitude (−180 to 180)', value);
}

function finite(value: unknown): Problem {
  return isFiniteNumber(value) ? undefined : expected('a finite number', value);
}

/** Sizes and durations: 0 is fine (a failed image has no size; a PDF's pages have their own). */
function nonNegative(value: unknown): Problem {
  return isFiniteNumber(value) && value >= 0 ? undefined : expected('a finite number ≥ 0', value);
}

function count(value: unknown): Problem {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : expected('an integer ≥ 0', value);
}

function positiveInteger(value: unknown): Problem {
  return Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : expected('an integer ≥ 1', value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Rec, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function expected(what: string, value: unknown): string {
  return `: expected ${what}, got ${describe(value)}`;
}

/** A short, log-safe description of what was found: never the value itself when it is long. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'string':
      return value.length <= 20 ? `the string ${JSON.stringify(value)}` : `a string of ${value.length} characters`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
