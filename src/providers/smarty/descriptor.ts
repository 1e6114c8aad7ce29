import { MiB } from '../../images/limits';
import type { ProviderDescriptor } from '../descriptor';
import { readSmartySettings } from './smartySettings';

/**
 * VK Cloud Smarty (persons in spaces). Listed, with its credentials and settings, but not offered
 * until its request builder, parser and transport land (no `create` yet).
 */
export const smartyDescriptor: ProviderDescriptor = {
  id: 'smarty',
  name: (t) => t('VK Cloud Smarty'),
  features: ['persons', 'text'],
  credentialForms: [
    { id: 'accessToken', label: (t) => t('Service token from the VK Cloud console'), fields: [{ key: 'accessToken', secret: true, label: (t) => t('Access token') }] },
    {
      id: 'clientCredentials',
      label: (t) => t('Client ID and client secret (tokens are fetched and refreshed for you)'),
      fields: [
        { key: 'clientId', secret: false, label: (t) => t('Client ID') },
        { key: 'clientSecret', secret: true, label: (t) => t('Client secret') },
      ],
    },
  ],
  limits: {
    /** JPEG/PNG/TIFF, ≤ 15 MB each since 2023 (4 MB before: `imageInsight.smarty.maxImageMB`), 5×5 .. 3840×2160. */
    persons: { name: 'VK Cloud Smarty', accepts: ['jpeg', 'png', 'tiff'], encodeAs: 'jpeg', maxBytes: 15 * MiB, maxPixels: 3840 * 2160, maxWidth: 3840, maxHeight: 2160, minWidth: 5, minHeight: 5 },
  },
  settingsSection: 'smarty',
  readSettings: readSmartySettings,
};
