/**
 * All cloud emulators at once, for `npm run emulators` and for tests that want every provider.
 * Yandex, Google and Smarty.
 */
import { startGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions } from './google';
import { startSmartyEmulator, type SmartyEmulator, type SmartyEmulatorOptions } from './smarty';
import { startYandexEmulator, type YandexEmulator, type YandexEmulatorOptions } from './yandex';

export { EmulatorServer, type Fault, type RecordedRequest, type EmulatorResponse, type Handler } from './core';
export { startYandexEmulator, DEFAULT_CREDENTIALS as YANDEX_CREDENTIALS, type YandexEmulator, type YandexEmulatorOptions } from './yandex';
export { startGoogleEmulator, GOOGLE_CREDENTIALS, type GoogleEmulator, type GoogleEmulatorOptions } from './google';
export { startSmartyEmulator, SMARTY_DEFAULTS, type SmartyEmulator, type SmartyEmulatorOptions } from './smarty';

export interface Emulators {
  yandex: YandexEmulator;
  google: GoogleEmulator;
  smarty: SmartyEmulator;
  /** Settings to point the extension at the emulators, and what to type into Set Credentials. */
  describe(): string;
  close(): Promise<void>;
}

export async function startEmulators(options: { yandex?: YandexEmulatorOptions; google?: GoogleEmulatorOptions; smarty?: SmartyEmulatorOptions } = {}): Promise<Emulators> {
  const yandex = await startYandexEmulator(options.yandex);
  const google = await startGoogleEmulator(options.google);
  const smarty = await startSmartyEmulator(options.smarty);
  return {
    yandex,
    google,
    smarty,
    describe: () =>
      [
        'Yandex Vision emulator',
        `  batchAnalyze  ${yandex.vision.url}/vision/v1/batchAnalyze`,
        `  OCR API       ${yandex.ocr.url}/ocr/v1/recognizeText`,
        '  settings.json:',
        `    "imageInsight.provider": "yandex",`,
        `    "imageInsight.yandex.endpoint": "${yandex.vision.url}",`,
        `    "imageInsight.yandex.ocrEndpoint": "${yandex.ocr.url}",`,
        `  Set Credentials… → API key: ${yandex.apiKey}`,
        `  (or IAM token ${yandex.iamToken} with "imageInsight.yandex.folderId": "${yandex.folderId}")`,
        `  Known images (documented answers): ${yandex.knownImages.map((k) => k.name).join(', ')}`,
        '',
        'Google Cloud Vision emulator',
        `  images:annotate  ${google.url}/v1/images:annotate`,
        `  data residency   ${google.url}/v1/projects/${google.projectId}/locations/{us|eu|asia}/images:annotate`,
        '  settings.json:',
        `    "imageInsight.provider": "google",`,
        `    "imageInsight.google.endpoint": "${google.url}",`,
        `    (for residency: "imageInsight.google.location": "eu", "imageInsight.google.projectId": "${google.projectId}")`,
        `  Set Credentials… → API key: ${google.apiKey}`,
        `  (or OAuth access token ${google.accessToken}, quota project ${google.projectId} or none)`,
        '',
        'VK Cloud Smarty emulator (persons state per account and space; not yet offered in the UI)',
        `  API           ${smarty.url}/api/v1/persons/{set,recognize,delete,truncate}`,
        `  token         ${smarty.tokenUrl}`,
        '  settings.json:',
        `    "imageInsight.smarty.endpoint": "${smarty.url}",`,
        `    "imageInsight.smarty.tokenEndpoint": "${smarty.tokenUrl}",`,
        `  Service token: ${smarty.accessToken}`,
        `  (or client ID ${smarty.clientId} with secret ${smarty.clientSecret})`,
      ].join('\n'),
    close: async () => void (await Promise.all([yandex.close(), google.close(), smarty.close()])),
  };
}
