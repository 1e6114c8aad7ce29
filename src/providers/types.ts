import type { ImageSource } from '../images/imageSource';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import type { CancellationLike } from '../shared/cancellation';

/**
 * The provider contract. The normalized result lives in shared/analysisResult.ts, geometry in
 * shared/geometry.ts; this file says what a provider is and how it is called.
 */

/** Ids of the built-in providers; other extensions may register more through the API. */
export const BUILTIN_PROVIDER_IDS = ['local', 'yandex', 'google', 'smarty'] as const;
export type BuiltinProviderId = (typeof BUILTIN_PROVIDER_IDS)[number];

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
