import { isCancellation, messageOf } from '../../shared/errors';
import { BUILTIN_PROVIDER_IDS, type ExternalProvider, type Outcome, type Provider } from '../types';

/**
 * Another extension's provider on the same footing as ours: each image in turn, a failure its own.
 * The built-in ids are reserved, even for providers not in this version: another extension must not
 * receive the images (and the setting) a user meant for Local, Yandex, Google or Smarty.
 */
export function fromExternal(external: ExternalProvider): Provider {
  if ((BUILTIN_PROVIDER_IDS as readonly string[]).includes(external.id)) {
    throw new Error(`The provider id "${external.id}" is reserved for Image Insight's own provider; choose another.`);
  }
  return {
    id: external.id,
    displayName: external.displayName,
    capabilities: external.capabilities,
    isConfigured: () => external.isConfigured(),
    async analyze(images, features, options, token) {
      const outcomes: Outcome[] = [];
      const { onOutcome, ...rest } = options;
      for (const [index, load] of images.entries()) {
        let outcome: Outcome;
        try {
          outcome = await external.analyze(await load(), features, rest, token);
        } catch (error) {
          if (isCancellation(error) || token.isCancellationRequested) throw error;
          outcome = error instanceof Error ? error : new Error(messageOf(error));
        }
        outcomes.push(outcome);
        onOutcome?.(index, outcome);
      }
      return outcomes;
    },
  };
}
