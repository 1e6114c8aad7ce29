import { MiB } from '../../images/limits';
import { localBundle } from '../bundles';
import type { ProviderDescriptor } from '../descriptor';
import { readLocalSettings } from './localSettings';

/** The Local provider: offline OCR, the default; needs no account. Its engine is dist/local.js. */
export const localDescriptor: ProviderDescriptor = {
  id: 'local',
  name: (t) => t('Local (offline)'),
  offline: true,
  features: ['text'],
  credentialForms: [],
  limits: {
    /** The local OCR engine: PNG keeps text edges exact; beyond ~25 MP it only gets slower. */
    ocr: { name: 'Local OCR', accepts: ['png', 'jpeg'], encodeAs: 'png', maxBytes: 200 * MiB, maxPixels: 25_000_000, minWidth: 3, minHeight: 3 },
  },
  settingsSection: 'local',
  readSettings: readLocalSettings,
  create: (deps) => localBundle(deps.distPath).createLocalEngine(deps),
};
