import type { FeatureId } from '../shared/analysisResult';
import { UserError } from '../shared/errors';

/**
 * The chosen provider lacks a feature that was asked for. Carries the providers that have it, so
 * that a command run from a menu can offer them instead of ending in a dead end.
 */
export class MissingFeaturesError extends UserError {
  constructor(
    message: string,
    readonly providerId: string,
    readonly features: FeatureId[],
    /** Ids of the registered providers that offer every feature asked for. */
    readonly alternatives: string[],
  ) {
    super(message);
  }
}
