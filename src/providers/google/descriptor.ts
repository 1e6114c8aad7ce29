import { MB } from '../../images/limits';
import type { ProviderDescriptor } from '../descriptor';
import { readGoogleSettings } from './googleSettings';

/**
 * Google Cloud Vision (images:annotate). Listed, with its credentials and settings, but not
 * offered until its request builder, parser and transport land (no `create` yet).
 */
export const googleDescriptor: ProviderDescriptor = {
  id: 'google',
  name: (t) => t('Google Cloud Vision'),
  features: ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints'],
  credentialForms: [
    { id: 'apiKey', label: (t) => t('API key'), fields: [{ key: 'apiKey', secret: true, label: (t) => t('API key') }] },
    {
      id: 'accessToken',
      label: (t) => t('OAuth access token (optionally with a quota project)'),
      fields: [
        { key: 'accessToken', secret: true, label: (t) => t('Access token') },
        { key: 'quotaProject', secret: false, optional: true, label: (t) => t('Quota project (optional)') },
      ],
    },
  ],
  limits: {
    /**
     * images:annotate: ≤ 20 MB per image, ≤ 10 MB per JSON body, and base64 adds a third: one
     * image fits a body when it is ≤ 7.3 MB. ≤ 75 MP.
     */
    annotate: {
      name: 'Google Cloud Vision',
      accepts: ['jpeg', 'png', 'gif', 'webp', 'bmp', 'tiff', 'pdf'],
      encodeAs: 'jpeg',
      maxBytes: Math.floor(((10 * MB - 4096) * 3) / 4),
      maxPixels: 75_000_000,
      minWidth: 1,
      minHeight: 1,
    },
  },
  settingsSection: 'google',
  readSettings: readGoogleSettings,
};
