import type { FeatureId } from '../shared/analysisResult';
import type { Localize } from '../shared/localize';
import { builtinDescriptor } from './builtinProviders';
import type { ProviderRegistry } from './registry';

/** A provider's display name: the registered one, the built-in one, or the id itself. */
export function providerName(id: string, t: Localize, registered?: { displayName: string }): string {
  return registered?.displayName ?? builtinDescriptor(id)?.name(t) ?? id;
}

/** A feature's name for pickers and messages. */
export function featureName(id: FeatureId, t: Localize): string {
  switch (id) {
    case 'text':
      return t('Text');
    case 'faces':
      return t('Faces');
    case 'labels':
      return t('Labels and classification');
    case 'copies':
      return t('Image copies on the web');
    case 'persons':
      return t('Persons');
    case 'safeSearch':
      return t('Safe search');
    case 'objects':
      return t('Objects');
    case 'logos':
      return t('Logos');
    case 'landmarks':
      return t('Landmarks');
    case 'properties':
      return t('Image properties');
    case 'cropHints':
      return t('Crop hints');
  }
}

/** The current provider's name, whether it is in this version, and the features it offers. */
export function describeProvider(registry: ProviderRegistry, id: string, t: Localize): { name: string; available: boolean; features: string } {
  const provider = registry.get(id);
  return {
    name: providerName(id, t, provider),
    available: provider !== undefined,
    features: provider ? provider.capabilities.map((f) => featureName(f, t)).join(', ') : '',
  };
}
