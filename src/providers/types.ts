import type { ImageFormat } from '../images/formats';
import type { Orientation } from '../images/transform';

/**
 * The provider contract and the normalized result every provider returns
 * (ARCHITECTURE.md, "The normalized result"). No `vscode` import: providers, parsers and the
 * results panel all share these types, and unit tests use them in plain Node.
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

/** Ids of the built-in providers; other extensions may register more through the API. */
export const BUILTIN_PROVIDER_IDS = ['local', 'yandex', 'google', 'smarty'] as const;
export type BuiltinProviderId = (typeof BUILTIN_PROVIDER_IDS)[number];

export interface Point {
  x: number;
  y: number;
}

/** A closed polygon in original upright image pixels (after EXIF orientation). */
export type Polygon = Point[];

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

/** The subset of `vscode.CancellationToken` providers need. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): void };
}

/** An image the user chose: read, and probed from its header (not decoded). */
export interface ImageSource {
  /** `Uri.toString()` of the file. */
  uri: string;
  /** The file's base name, for messages. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** The format from the file's magic bytes. */
  format: ImageFormat;
  /** Pixel size as stored, before the EXIF orientation (0 for PDF). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: Orientation;
  /** A four-component (CMYK) JPEG. */
  cmyk?: boolean;
  /** The file's bytes. */
  read(): Promise<Uint8Array>;
}

export interface AnalyzeOptions {
  languages: string[];
}

export interface Provider {
  readonly id: string;
  readonly displayName: string;
  /** The features this provider can deliver. */
  readonly capabilities: readonly FeatureId[];
  /** True when the provider has what it needs to run (credentials, for the clouds). */
  isConfigured(): Promise<boolean>;
  analyze(image: ImageSource, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult>;
  /**
   * Several images at once, for a provider whose API takes several per request. Each image is
   * loaded when the provider is ready for it; a failed image gets a result whose `errors` say why.
   */
  analyzeMany?(images: Array<() => Promise<ImageSource>>, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult[]>;
}

/** The public description of a provider (`api.providers()`). */
export interface ProviderInfo {
  id: string;
  displayName: string;
  features: FeatureId[];
  configured: boolean;
}

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

/** The axis-aligned bounding box of a polygon (empty polygon → all zeros). */
export function boundingBox(polygon: Polygon): { x: number; y: number; width: number; height: number } {
  if (polygon.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { x, y } of polygon) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The axis-aligned rectangle around polygons, clockwise from the top left (empty when they are). */
export function hull(polygons: Polygon[]): Polygon {
  const points = polygons.flat();
  if (points.length === 0) return [];
  const b = boundingBox(points);
  return [
    { x: b.x, y: b.y },
    { x: b.x + b.width, y: b.y },
    { x: b.x + b.width, y: b.y + b.height },
    { x: b.x, y: b.y + b.height },
  ];
}
