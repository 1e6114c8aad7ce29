import { MiB } from '../../images/limits';
import { cloudBundle } from '../bundles';
import type { ProviderDescriptor } from '../descriptor';
import { readSmartySettings } from './smartySettings';

/**
 * VK Cloud Smarty: persons in spaces (recognize here; enroll, delete and truncate are the
 * persons operations beside it), text/recognize for Extract Text, objects/detect and
 * adult/detect for Classify Image. Its transport is in dist/cloud.js.
 */
export const smartyDescriptor: ProviderDescriptor = {
  id: 'smarty',
  name: (t) => t('VK Cloud Smarty'),
  features: ['persons', 'text', 'labels'],
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
  create: (deps) => cloudBundle(deps.distPath).createEngine('smarty', deps),
};
