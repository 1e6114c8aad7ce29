import type { ImageSource } from '../images/imageSource';
import type { ProviderLimits } from '../images/limits';
import type { PreparedImage } from '../images/preparer';
import type { Size } from '../images/transform';
import type { AnalysisResult, FeatureId, Findings } from '../shared/analysisResult';
import type { CancellationLike } from '../shared/cancellation';
import type { Polygon } from '../shared/geometry';

/**
 * The provider contract: what the analysis asks of a provider (`Provider`), and what a built-in
 * provider supplies to the shared per-image runner (`ProviderEngine`, `RequestKind`). The
 * normalized result lives in shared/analysisResult.ts, geometry in shared/geometry.ts.
 */

/** Ids of the built-in providers; other extensions may register more through the API. */
export const BUILTIN_PROVIDER_IDS = ['local', 'yandex', 'google', 'smarty'] as const;
export type BuiltinProviderId = (typeof BUILTIN_PROVIDER_IDS)[number];

export interface AnalyzeOptions {
  languages: string[];
  /**
   * False for a script, the API or `{ show: false }`: nothing is asked; a missing setting is an
   * error that says where to set it. Absent = a person is there to ask.
   */
  interactive?: boolean;
  /** The Smarty space to recognize persons in ("0"–"9"); the setting when absent. */
  space?: string;
  /** Called once for each image as soon as its outcome is known (a batch's progress). */
  onOutcome?: (index: number, outcome: Outcome) => void;
}

/** Reads and probes one image when its turn comes (so that a batch holds one original at a time). */
export type ImageLoader = () => Promise<ImageSource>;

/** What became of one image: its result, or the error that stopped it (naming the file). */
export type Outcome = AnalysisResult | Error;

export interface Provider {
  readonly id: string;
  readonly displayName: string;
  /** The features this provider can deliver. */
  readonly capabilities: readonly FeatureId[];
  /** True when the provider has what it needs to run (credentials, for the clouds). */
  isConfigured(): Promise<boolean>;
  /** True when images never leave the computer (Local); anything else is treated as sending them out. */
  readonly offline?: boolean;
  /**
   * One or many images: one outcome each, in their order. A failed image or request affects
   * only its own outcomes; the promise rejects only on cancellation or for what stops every
   * image (no credentials, an unusable endpoint setting).
   */
  analyze(images: ImageLoader[], features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<Outcome[]>;
}

/**
 * A provider another extension registers through the API: one image at a time, as it is (the
 * extension does no fitting for it). The registry wraps it into a `Provider`.
 */
export interface ExternalProvider {
  readonly id: string;
  readonly displayName: string;
  readonly capabilities: readonly FeatureId[];
  isConfigured(): Promise<boolean>;
  analyze(image: ImageSource, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult>;
}

/** The public description of a provider (`api.providers()`). */
export interface ProviderInfo {
  id: string;
  displayName: string;
  features: FeatureId[];
  configured: boolean;
}

/** One image as a provider's request carries it, and how to put its answer back on the original. */
export interface SentImage {
  /** The file's base name, for messages. */
  name: string;
  /** The copy fitted to the request's limits. */
  prepared: PreparedImage;
  /** The original as the user sees it (after EXIF orientation). */
  upright: Size;
  /** Sent-image pixels → original upright pixels. */
  readonly toOriginal: (polygon: Polygon) => Polygon;
}

/**
 * One kind of request a provider makes (Yandex: the OCR API's recognizeText, batchAnalyze). The
 * runner fits each image to `limits`, packs up to `maxImages` (and `maxBytes` of fitted images)
 * into one request, sends it, and parses each image's share of the answer.
 */
export interface RequestKind<Answer = unknown> {
  /** Names this request's part of the raw JSON when an analysis makes several kinds. */
  name: string;
  limits: ProviderLimits;
  maxImages: number;
  /** Fitted bytes per request (a JSON body carries them as base64, a third larger). */
  maxBytes?: number;
  /**
   * The lane this kind's requests queue in and its pace (quota, concurrency), from the settings;
   * kinds of every analysis that name the same lane share it. Absent: one at a time, no quota.
   */
  pace?: RequestPace;
  /** Builds (purely) and sends one request; `file` names the image when there is one. */
  send(images: SentImage[], file: string | undefined, token: CancellationLike): Promise<Answer>;
  /** Image `index`'s findings in original pixels (through `image.toOriginal`), and its raw answer. */
  parse(answer: Answer, index: number, image: SentImage): { findings: Findings; raw: unknown };
}

/** Where a kind of request queues ("google:annotate") and how fast it may go there. */
export interface RequestPace {
  lane: string;
  /** Requests started per second at most (`Infinity`: no quota). */
  requestsPerSecond: number;
  /** Requests in flight at most. */
  concurrency: number;
}

/** A built-in provider's working half, loaded on first use from its own bundle. */
export interface ProviderEngine {
  /**
   * Readies one analysis — credentials, settings, language data — and says which requests it
   * makes for these features. Throws what stops every image.
   */
  plan(features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<RequestKind[]>;
  dispose?(): void;
}
