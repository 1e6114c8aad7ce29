import type { FeatureId } from '../shared/analysisResult';
import { UserError } from '../shared/errors';
import type { Localize } from '../shared/localize';
import { isUriLike } from './commandArgs';

/**
 * What Compare Providers… compares by default: the text (the word diff is the point of it) and
 * the faces and labels, for the counts, but only what both providers offer — asking one of them
 * for a feature the other lacks gives nothing to set beside it, and the analysis would refuse it.
 * (Local vs a cloud is then text alone; Yandex vs Google all three.) From a menu the feature pick
 * preselects these, so the extra billed features of a cloud are one click from being left out.
 */
export const COMPARED_FEATURES: readonly FeatureId[] = ['text', 'faces', 'labels'];

export function defaultCompareFeatures(a: readonly FeatureId[], b: readonly FeatureId[]): FeatureId[] {
  return COMPARED_FEATURES.filter((f) => a.includes(f) && b.includes(f));
}

/** The features both providers offer, in A's order: what the feature pick lists. */
export function commonFeatures(a: readonly FeatureId[], b: readonly FeatureId[]): FeatureId[] {
  return a.filter((f) => b.includes(f));
}

/**
 * Takes `providers` out of the options object of `(uri, { providers, features, show })` (the
 * options every analysis command reads know no `providers`), checking it: two different
 * provider ids. The other arguments are returned as they were, for `parseInvocation`.
 */
export function takeProviders(args: readonly unknown[], title: string, t: Localize): { args: unknown[]; providers?: [string, string] } {
  const index = args.findIndex(isOptionsObject);
  if (index < 0 || !('providers' in (args[index] as object))) return { args: [...args] };
  const { providers, ...rest } = args[index] as Record<string, unknown>;
  const rebuilt = [...args];
  rebuilt[index] = rest;
  if (providers === undefined) return { args: rebuilt };
  if (!Array.isArray(providers) || providers.length !== 2 || !providers.every((p) => typeof p === 'string' && p !== '')) {
    throw new UserError(t('{0}: option "{1}" must be {2}.', title, 'providers', t('two provider ids such as ["local", "google"]')));
  }
  const [a, b] = providers as [string, string];
  if (a === b) throw new UserError(t('{0}: choose two different providers (both are "{1}").', title, a.slice(0, 40)));
  return { args: rebuilt, providers: [a, b] };
}

/** An options object (not a URI, not a list, not the `{ groupId }` an editor menu passes). */
function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUriLike(value) && !('groupId' in value);
}
