import { isCancellation, messageOf } from '../../shared/errors';
import type { ExternalProvider, Outcome, Provider } from '../types';

/** Another extension's provider on the same footing as ours: each image in turn, a failure its own. */
export function fromExternal(external: ExternalProvider): Provider {
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
