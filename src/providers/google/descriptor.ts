import { MB } from '../../images/limits';
import { cloudBundle } from '../bundles';
import type { ProviderDescriptor } from '../descriptor';
import { PROJECT_ID, readGoogleSettings } from './googleSettings';

/** Google Cloud Vision (images:annotate). Its transport is in dist/cloud.js. */
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
     * image fits a body when it is ≤ 7.4 MB. ≤ 75 MP. No PDF: images:annotate answers one with
     * "Bad image data" (files:annotate is another API), so a PDF is refused before it is sent.
     */
    annotate: {
      name: 'Google Cloud Vision',
      accepts: ['jpeg', 'png', 'gif', 'webp', 'bmp', 'tiff'],
      encodeAs: 'jpeg',
      maxBytes: Math.floor(((10 * MB - 4096) * 3) / 4),
      maxPixels: 75_000_000,
      minWidth: 1,
      minHeight: 1,
    },
  },
  settingsSection: 'google',
  readSettings: readGoogleSettings,
  // Data residency: a location is a project's regional method, so it needs the project.
  requiresSetting: (get) => (readGoogleSettings(get).location !== '' ? PROJECT_SETTING : undefined),
  create: (deps) => cloudBundle(deps.distPath).createEngine('google', deps),
};

const PROJECT_SETTING = {
  key: 'google.projectId',
  title: (t: (m: string) => string) => t('Google Cloud project for data residency'),
  prompt: (t: (m: string) => string) => t('imageInsight.google.location keeps images in one region, which Google does through a project of yours. Enter its project ID (see the Google Cloud console); it is saved in the setting imageInsight.google.projectId.'),
  pattern: PROJECT_ID,
  invalid: (t: (m: string) => string) => t('A project ID is 6–30 lowercase letters, digits and hyphens, starting with a letter, such as my-project-123.'),
  missing: (t: (m: string) => string) => t('Google Cloud Vision needs a project for data residency: set imageInsight.google.projectId, or set imageInsight.google.location to "" (no residency).'),
};
