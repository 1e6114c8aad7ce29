import { MB } from '../../images/limits';
import { cloudBundle } from '../bundles';
import type { ProviderDescriptor } from '../descriptor';
import { readYandexSettings } from './yandexSettings';

/** Yandex Vision: the OCR API for text, batchAnalyze for the rest. Its transport is in dist/cloud.js. */
export const yandexDescriptor: ProviderDescriptor = {
  id: 'yandex',
  name: (t) => t('Yandex Vision'),
  features: ['text', 'faces', 'labels', 'copies'],
  credentialForms: [
    { id: 'apiKey', label: (t) => t('API key (service account)'), fields: [{ key: 'apiKey', secret: true, label: (t) => t('API key') }] },
    {
      id: 'iamToken',
      label: (t) => t('IAM token (user account, expires within 12 hours; needs a folder ID)'),
      fields: [{ key: 'iamToken', secret: true, label: (t) => t('IAM token') }],
      // An IAM token bills a folder; an API key belongs to one already.
      requires: {
        key: 'yandex.folderId',
        title: (t) => t('Yandex Vision folder ID'),
        prompt: (t) => t('An IAM token needs the ID of the folder to use (it starts with b1g; see the Yandex Cloud console). It is saved in the setting imageInsight.yandex.folderId.'),
        pattern: /^[a-z0-9]{8,64}$/i,
        invalid: (t) => t('A folder ID is letters and digits, such as b1g0abcdefghijklmnop.'),
        missing: (t) => t('Yandex Vision needs a folder ID with an IAM token: set imageInsight.yandex.folderId (or use an API key, which needs none).'),
      },
    },
  ],
  limits: {
    /** batchAnalyze: JPEG/PNG (PDF), ≤ 1 MB, ≤ 20 MP [C]. */
    vision: { name: 'Yandex Vision', accepts: ['jpeg', 'png'], encodeAs: 'jpeg', maxBytes: 1 * MB, maxPixels: 20_000_000, minWidth: 1, minHeight: 1 },
    /** The OCR API's recognizeText: JPEG/PNG/PDF, ≤ 10 MB [I], ≤ 20 MP [C]. */
    ocr: { name: 'Yandex Vision OCR', accepts: ['jpeg', 'png', 'pdf'], encodeAs: 'jpeg', maxBytes: 10 * MB, maxPixels: 20_000_000, minWidth: 1, minHeight: 1 },
  },
  settingsSection: 'yandex',
  readSettings: readYandexSettings,
  create: (deps) => cloudBundle(deps.distPath).createEngine('yandex', deps),
};
