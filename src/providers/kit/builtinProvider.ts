import { describeRemoved } from '../../images/metadataKinds';
import { parseConfig } from '../../services/configSchema';
import { formOf, type RequiredSetting } from '../../services/credentialShapes';
import type { IDisposable } from '../../shared/disposable';
import { UserError } from '../../shared/errors';
import type { ProviderDeps, ProviderDescriptor } from '../descriptor';
import type { AnalysisResult } from '../../shared/analysisResult';
import type { Provider, ProviderEngine } from '../types';
import { runImages, type Fitter } from './imageRunner';

/** Asks the user for a setting a credential form needs and saves it; undefined = dismissed. */
export type AskSetting = (setting: RequiredSetting) => Promise<string | undefined>;

/**
 * A built-in provider as the registry sees it, made from its descriptor: the name, features and
 * "needs credentials" come from the descriptor; the working half is created on the first request
 * (`create`, which loads its bundle) and every request runs through the shared per-image runner.
 * `create` may be given for tests, to drive an engine built from source.
 */
export function builtinProvider(
  descriptor: ProviderDescriptor,
  deps: ProviderDeps,
  askSetting: AskSetting,
  create = descriptor.create,
): Provider & IDisposable {
  if (!create) throw new Error(`The provider "${descriptor.id}" is not in this version.`);
  let engine: ProviderEngine | undefined;
  return {
    id: descriptor.id,
    displayName: descriptor.name(deps.t),
    capabilities: descriptor.features,
    offline: descriptor.offline === true,
    async isConfigured() {
      return descriptor.credentialForms.length === 0 || (await deps.credentials.get(descriptor.id)) !== undefined;
    },
    async analyze(images, features, options, token) {
      await requiredSettings(descriptor, deps, options.interactive === false ? undefined : askSetting);
      engine ??= create(deps);
      const started = performance.now();
      const kinds = await engine.plan(features, options, token);
      const planMs = performance.now() - started;
      const outcomes = await runImages(descriptor.id, kinds, images, features, fitterFor(descriptor, deps), token, {
        ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
        ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
      });
      // Readying the analysis (a language download, say) is preparation: counted once, on the first image.
      const first = outcomes.find((o): o is AnalysisResult => !(o instanceof Error));
      if (first) first.timings.prepareMs += planMs;
      return outcomes;
    },
    dispose() {
      engine?.dispose?.();
      engine = undefined;
    },
  };
}

/**
 * The preparer as this provider needs it, for one request (the setting is read each time): an
 * image sent to a cloud provider as it is loses its private metadata unless
 * imageInsight.keepMetadata is on; the offline provider's images never leave the computer, so
 * theirs stays. The log names what was removed, by kind and size, never a value.
 */
function fitterFor(descriptor: ProviderDescriptor, deps: ProviderDeps): Fitter {
  const keep = descriptor.offline === true || parseConfig(deps.setting).keepMetadata;
  if (keep && descriptor.offline !== true) deps.log(`${descriptor.id}: images go with their metadata (imageInsight.keepMetadata)`);
  return {
    async prepare(source, limits, token) {
      const prepared = await deps.preparer.prepare(source, limits, token, { metadata: keep ? 'keep' : 'strip' });
      const removed = prepared.metadataRemoved;
      if (removed) deps.log(`${descriptor.id}: ${source.name}: removed ${describeRemoved(removed.kinds, removed.bytes)}`);
      if (prepared.reencoded.includes('metadata')) deps.log(`${descriptor.id}: ${source.name}: re-encoded, its metadata could not be removed from the file as it is`);
      return prepared;
    },
  };
}

/**
 * The settings the stored credential's form (an IAM token's folder) or the provider's other
 * settings (Google's location: a project) cannot work without: asked for once when empty, then
 * saved, so the request that follows reads them. Without `askSetting` (a script) the error
 * says where to set them.
 */
async function requiredSettings(descriptor: ProviderDescriptor, deps: ProviderDeps, askSetting: AskSetting | undefined): Promise<void> {
  const stored = await deps.credentials.get(descriptor.id);
  const byForm = stored ? formOf(stored, descriptor.credentialForms)?.requires : undefined;
  for (const required of [byForm, descriptor.requiresSetting?.(deps.setting)]) {
    if (!required) continue;
    const current = deps.setting(required.key);
    if (typeof current === 'string' && current.trim() !== '') continue;
    const value = askSetting ? (await askSetting(required))?.trim() : undefined;
    if (!value) throw new UserError(required.missing(deps.t));
  }
}
