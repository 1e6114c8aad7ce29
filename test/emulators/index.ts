/**
 * All cloud emulators at once, for `npm run emulators` and for tests that want every provider.
 * Yandex and Smarty so far; the others join here as their issues land.
 */
import { startSmartyEmulator, type SmartyEmulator, type SmartyEmulatorOptions } from './smarty';
import { startYandexEmulator, type YandexEmulator, type YandexEmulatorOptions } from './yandex';

export { EmulatorServer, type Fault, type RecordedRequest, type EmulatorResponse, type Handler } from './core';
export { startYandexEmulator, DEFAULT_CREDENTIALS as YANDEX_CREDENTIALS, type YandexEmulator, type YandexEmulatorOptions } from './yandex';
export { startSmartyEmulator, SMARTY_DEFAULTS, type SmartyEmulator, type SmartyEmulatorOptions } from './smarty';

export interface Emulators {
  yandex: YandexEmulator;
  smarty: SmartyEmulator;
  /** Settings to point the extension at the emulators, and what to type into Set Credentials. */
  describe(): string;
  close(): Promise<void>;
}

export async function startEmulators(options: { yandex?: YandexEmulatorOptions; smarty?: SmartyEmulatorOptions } = {}): Promise<Emulators> {
  const yandex = await startYandexEmulator(options.yandex);
  const smarty = await startSmartyEmulator(options.smarty);
  return {
    yandex,
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
        'VK Cloud Smarty emulator (persons state per account and space; not yet offered in the UI)',
        `  API           ${smarty.url}/api/v1/persons/{set,recognize,delete,truncate}`,
        `  token         ${smarty.tokenUrl}`,
        '  settings.json:',
        `    "imageInsight.smarty.endpoint": "${smarty.url}",`,
        `    "imageInsight.smarty.tokenEndpoint": "${smarty.tokenUrl}",`,
        `  Service token: ${smarty.accessToken}`,
        `  (or client ID ${smarty.clientId} with secret ${smarty.clientSecret})`,
      ].join('\n'),
    close: async () => void (await Promise.all([yandex.close(), smarty.close()])),
  };
}
