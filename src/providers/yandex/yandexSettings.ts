import { settingReaders, type SettingGetter } from '../../services/configSchema';

const TEXT_MODELS = ['page', 'page-column-sort', 'handwritten', 'table', 'markdown', 'math-markdown', 'line'];

/** The `imageInsight.yandex.*` settings, and the request timeout every cloud provider shares. */
export interface YandexSettings {
  endpoint: string;
  ocrEndpoint: string;
  folderId: string;
  textApi: 'ocr' | 'vision';
  textModel: string;
  classificationModel: 'quality' | 'moderation';
  timeoutSeconds: number;
  /** Vision batchAnalyze's quota (about 10 requests/s per cloud). */
  requestsPerSecond: number;
  /** The OCR API's quota (1 synchronous request/s per cloud by default). */
  ocrRequestsPerSecond: number;
}

export function readYandexSettings(get: SettingGetter): YandexSettings {
  const { str, oneOf, num } = settingReaders(get);
  return {
    endpoint: str('yandex.endpoint', 'https://vision.api.cloud.yandex.net', true),
    ocrEndpoint: str('yandex.ocrEndpoint', 'https://ocr.api.cloud.yandex.net', true),
    folderId: str('yandex.folderId', ''),
    textApi: oneOf('yandex.textApi', ['ocr', 'vision'], 'ocr'),
    textModel: oneOf('yandex.textModel', TEXT_MODELS, 'page'),
    classificationModel: oneOf('yandex.classificationModel', ['quality', 'moderation'], 'quality'),
    timeoutSeconds: num('request.timeoutSeconds', 60, 1, 600),
    requestsPerSecond: num('yandex.requestsPerSecond', 10, 0.1, 1000),
    ocrRequestsPerSecond: num('yandex.ocrRequestsPerSecond', 1, 0.1, 1000),
  };
}
