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

export interface TextResult {
  fullText: string;
  pages: Page[];
  tables?: Table[];
  /** The page as Markdown, when the provider writes it (the Yandex OCR markdown models). */
  markdown?: string;
}

export interface FaceAttributes {
  age?: number;
  sex?: string;
  emotion?: string;
  /** Google's likelihood enums by name, e.g. `{ joy: 'VERY_LIKELY' }`. */
  likelihoods?: Record<string, string>;
}

export interface Face {
  polygon: Polygon;
  confidence?: number;
  landmarks?: Array<{ type: string; x: number; y: number; z?: number }>;
  attributes?: FaceAttributes;
  person?: { tag: string; similarity?: number; aliases?: string[] };
}

export type LabelGroup = 'classification' | 'label' | 'safeSearch' | 'object';

export interface Label {
  name: string;
  score: number;
  group: LabelGroup;
  polygon?: Polygon;
}

export interface CopyMatch {
  imageUrl?: string;
  pageUrl: string;
  title?: string;
  description?: string;
}

export interface Copies {
  count?: number;
  matches: CopyMatch[];
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
  errors: FeatureError[];
  /** The provider's response as received, for the JSON tab. */
  raw: unknown;
  timings: Timings;
}

/** What one answer says about one image: the findings it has, and what failed. */
export type Findings = Pick<AnalysisResult, 'text' | 'faces' | 'labels' | 'copies'> & { errors: FeatureError[] };

/** A result for an image that could not be analyzed at all (one of several): its cause is in `errors`. */
export function failedResult(provider: string, features: FeatureId[], uri: string, message: string): AnalysisResult {
  return {
    provider,
    features,
    image: { uri, width: 0, height: 0, mime: '', sha256: '' },
    errors: [{ feature: '*', message }],
    raw: null,
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}

/** Every word of a text result in reading order as the provider gave it. */
export function allWords(text: TextResult): Word[] {
  return text.pages.flatMap((page) => page.blocks.flatMap((block) => block.lines.flatMap((line) => line.words)));
}
