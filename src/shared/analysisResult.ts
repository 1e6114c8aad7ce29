import type { Polygon } from './geometry';

/**
 * The normalized result every provider returns (ARCHITECTURE.md, "The normalized result"). No
 * `vscode` import: the providers, the analysis, the results panel and the webview share it, and
 * unit tests use it in plain Node.
 */

/** What can be asked of a provider. The first five are common; the rest are provider extras. */
export const FEATURE_IDS = [
  'text', 'faces', 'labels', 'copies', 'persons',
  'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints',
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export function isFeatureId(value: unknown): value is FeatureId {
  return typeof value === 'string' && (FEATURE_IDS as readonly string[]).includes(value);
}

export interface Word {
  polygon: Polygon;
  text: string;
  confidence?: number;
  language?: string;
}

export interface Line {
  polygon: Polygon;
  text: string;
  confidence?: number;
  words: Word[];
}

export interface Block {
  polygon: Polygon;
  lines: Line[];
}

export interface Page {
  width: number;
  height: number;
  blocks: Block[];
}

/** One cell of a provider's table; `row`/`column` are 0-based, spans default to 1. */
export interface TableCell {
  row: number;
  column: number;
  rowSpan?: number;
  columnSpan?: number;
  text: string;
  /** Where the cell is, when the provider says (Yandex gives skewed quadrilaterals). */
  polygon?: Polygon;
}

/**
 * A table the provider itself recognized (the Yandex OCR `table` model). The table's words are
 * also in `pages`; this adds the grid, so "Copy as Table" can use it instead of clustering.
 */
export interface Table {
  polygon: Polygon;
  rows: number;
  columns: number;
  cells: TableCell[];
}

/**
 * What the Local OCR did to the picture before reading it (the panel says so: "turned 180°,
 * deskewed 7.4°, scaled 2×, light evened"). The boxes are in original pixels all the same.
 */
export interface TextPreparation {
  /** Turned clockwise by this much to read it upright. */
  turned: 0 | 90 | 180 | 270;
  /** The skew removed, in degrees (positive: the text ran down to the right, and was turned back anticlockwise). */
  deskewed: number;
  /** Resampled by this factor so the text reached the engine's best size (1: as it was). */
  scaled: number;
  /** Uneven lighting or low contrast was evened out. */
  evenedLight: boolean;
  /** Grain (a noisy scan or a dim photo) was smoothed away. */
  smoothed?: boolean;
}

export interface TextResult {
  fullText: string;
  pages: Page[];
  tables?: Table[];
  /** The page as Markdown, when the provider writes it (the Yandex OCR markdown models). */
  markdown?: string;
  /** What was done to the picture before it was read (the Local provider's preparation). */
  preparation?: TextPreparation;
}

export interface FaceAttributes {
  age?: number;
  sex?: string;
  emotion?: string;
  /** Google's likelihood enums by name, e.g. `{ joy: 'VERY_LIKELY' }`. */
  likelihoods?: Record<string, string>;
  /** The head's pose in degrees (Google): roll (clockwise in the picture), pan (left/right), tilt (up/down). */
  angles?: { roll: number; pan: number; tilt: number };
}

export interface Face {
  polygon: Polygon;
  confidence?: number;
  landmarks?: Array<{ type: string; x: number; y: number; z?: number }>;
  attributes?: FaceAttributes;
  person?: { tag: string; similarity?: number; aliases?: string[] };
}

/**
 * What a label is. `logo`, `landmark`, `cropHint` (a suggested crop, named by its aspect) and
 * `webEntity` (what the web says the picture shows; its score is a relevance that may pass 1)
 * are Google's; the panel lists each group on its own and draws those with a polygon.
 */
export const LABEL_GROUPS = ['classification', 'label', 'safeSearch', 'object', 'logo', 'landmark', 'cropHint', 'webEntity'] as const;
export type LabelGroup = (typeof LABEL_GROUPS)[number];

/** A place on Earth in degrees (WGS84), as Google gives a landmark's. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Label {
  name: string;
  score: number;
  group: LabelGroup;
  polygon?: Polygon;
  /** The provider's own verdict when it gives one instead of a number (Google safe search: `VERY_UNLIKELY` … `VERY_LIKELY`). */
  likelihood?: string;
  /** Where a landmark is; the panel offers "Open in map" for the first. */
  locations?: GeoPoint[];
}

export interface CopyMatch {
  imageUrl?: string;
  pageUrl: string;
  title?: string;
  description?: string;
}

/** An image on the web that matches the analyzed one: `full` copies, `partial` (cropped or edited), `similar`-looking ones. */
export interface WebImage {
  url: string;
  match: 'full' | 'partial' | 'similar';
}

export interface Copies {
  count?: number;
  matches: CopyMatch[];
  /** Matching images found without their page (Google web detection). */
  images?: WebImage[];
  /** What the web calls the picture (Google's best-guess labels). */
  bestGuess?: string[];
}

/** One of the picture's dominant colours (Google image properties): 0–255 channels, its score and the share of pixels it covers (0–1). */
export interface DominantColor {
  red: number;
  green: number;
  blue: number;
  score: number;
  pixelFraction: number;
}

/** A failure of one feature (or, with feature `*`, of the whole image) kept beside partial results. */
export interface FeatureError {
  feature: FeatureId | '*';
  code?: string | number;
  message: string;
}

export interface ImageInfo {
  /** The image's URI as a string (`Uri.toString()`). */
  uri: string;
  width: number;
  height: number;
  mime: string;
  sha256: string;
}

export interface Timings {
  prepareMs: number;
  requestMs: number;
  parseMs: number;
}

export interface AnalysisResult {
  provider: string;
  features: FeatureId[];
  image: ImageInfo;
  text?: TextResult;
  faces?: Face[];
  labels?: Label[];
  copies?: Copies;
  /** Dominant colours (the `properties` feature). */
  colors?: DominantColor[];
  errors: FeatureError[];
  /** The provider's response as received, for the JSON tab. */
  raw: unknown;
  timings: Timings;
  /** Served from the results cache: when the analysis was made (ms since the epoch). Absent: just made. */
  cached?: { storedAt: number };
}

/** What one answer says about one image: the findings it has, and what failed. */
export type Findings = Pick<AnalysisResult, 'text' | 'faces' | 'labels' | 'copies' | 'colors'> & { errors: FeatureError[] };

/** A result for an image that could not be analyzed at all (one of several): its cause is in `errors`. */
export function failedResult(provider: string, features: FeatureId[], uri: string, message: string, code?: string): AnalysisResult {
  return {
    provider,
    features,
    image: { uri, width: 0, height: 0, mime: '', sha256: '' },
    errors: [{ feature: '*', ...(code === undefined ? {} : { code }), message }],
    raw: null,
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}

/** Every word of a text result in reading order as the provider gave it. */
export function allWords(text: TextResult): Word[] {
  return text.pages.flatMap((page) => page.blocks.flatMap((block) => block.lines.flatMap((line) => line.words)));
}

/**
 * A face a Smarty recognize found no person for: the result is a recognize (`persons`) and the
 * face has no similarity (Recognize Persons tags it "unknown"; a known person always has one).
 */
export function isUnknownFace(result: Pick<AnalysisResult, 'features'>, face: Face): boolean {
  return result.features.includes('persons') && face.person?.similarity === undefined;
}
