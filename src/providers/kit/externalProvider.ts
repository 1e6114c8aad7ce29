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
      for (const load of images) {
        try {
          outcomes.push(await external.analyze(await load(), features, options, token));
        } catch (error) {
          if (isCancellation(error) || token.isCancellationRequested) throw error;
          outcomes.push(error instanceof Error ? error : new Error(messageOf(error)));
        }
      }
      return outcomes;
    },
  };
}
