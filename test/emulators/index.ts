/**
 * All cloud emulators at once, for `npm run emulators` and for tests that want every provider.
 * Only Yandex exists so far; the others join here as their issues land.
 */
import { startYandexEmulator, type YandexEmulator, type YandexEmulatorOptions } from './yandex';

export { EmulatorServer, type Fault, type RecordedRequest, type EmulatorResponse, type Handler } from './core';
export { startYandexEmulator, DEFAULT_CREDENTIALS as YANDEX_CREDENTIALS, type YandexEmulator, type YandexEmulatorOptions } from './yandex';

export interface Emulators {
  yandex: YandexEmulator;
  /** Settings to point the extension at the emulators, and what to type into Set Credentials. */
  describe(): string;
  close(): Promise<void>;
}

export async function startEmulators(options: { yandex?: YandexEmulatorOptions } = {}): Promise<Emulators> {
  const yandex = await startYandexEmulator(options.yandex);
  return {
    yandex,
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
      ].join('\n'),
    close: () => yandex.close(),
  };
}
