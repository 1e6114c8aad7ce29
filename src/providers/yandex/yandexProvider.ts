import { endpointProblem, readConcurrency } from '../../services/configSchema';
import type { Credentials } from '../../services/credentialShapes';
import { UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { HttpClient } from '../http';
import type { ProviderDeps } from '../descriptor';
import { ProviderError } from '../providerError';
import type { ProviderEngine, RequestKind, SentImage } from '../types';
import { yandexDescriptor } from './descriptor';
import { parseBatchAnalyzeResult, parseRecognizeText } from './yandexParser';
import { BATCH_FEATURES, buildBatchAnalyze, buildRecognizeText, MAX_SPECS, yandexHeaders, type BatchImage, type YandexCredentials } from './yandexRequest';
import { readYandexSettings, type YandexSettings } from './yandexSettings';

/**
 * Yandex Vision's transport: text through the OCR API (default) or batchAnalyze, and faces,
 * classification and copy search through batchAnalyze — one request per API, every feature of
 * that API in it, up to 8 images per batchAnalyze request. The pure halves are the builder and
 * the parser; the shared runner does the per-image work and the shared HTTP client the rest.
 */
export function createYandexProvider(deps: Pick<ProviderDeps, 't' | 'setting' | 'credentials'>, http: HttpClient): ProviderEngine {
  const { t } = deps;
  const displayName = yandexDescriptor.name(t);
  return {
    async plan(features, options, token) {
      const settings = readYandexSettings(deps.setting);
      const credentials = yandexCredentials(await deps.credentials.get(yandexDescriptor.id), displayName, t);
      const folderId = 'iamToken' in credentials ? settings.folderId || undefined : undefined;
      const useOcr = settings.textApi === 'ocr' && features.includes('text');
      const batchFeatures = features.filter((f) => BATCH_FEATURES[f] !== undefined && !(useOcr && f === 'text'));
      const post = (file: string | undefined, url: string, headers: Record<string, string>, body: unknown, expect: 'json' | 'jsonLines') =>
        http.request({ provider: displayName, file, method: 'POST', url, headers, body: JSON.stringify(body), idempotent: true, timeoutMs: settings.timeoutSeconds * 1000, token, expect });

      const concurrency = readConcurrency(deps.setting);
      const kinds: RequestKind[] = [];
      if (useOcr) {
        const url = `${endpoint(settings, 'ocrEndpoint', t)}/ocr/v1/recognizeText`;
        const recognizeText: RequestKind<unknown[]> = {
          name: 'recognizeText',
          limits: yandexDescriptor.limits.ocr!,
          maxImages: 1,
          pace: { lane: 'yandex:ocr', requestsPerSecond: settings.ocrRequestsPerSecond, concurrency },
          send: async ([image], file) => (await post(file, url, yandexHeaders(credentials, 'ocr', folderId), buildRecognizeText(batchImage(image!), options.languages, settings.textModel), 'jsonLines')).lines ?? [],
          parse: (lines, _index, image) => ({ findings: { text: parseRecognizeText(lines, image.toOriginal, image.upright), errors: [] }, raw: lines }),
        };
        kinds.push(recognizeText);
      }
      if (batchFeatures.length > 0) {
        const url = `${endpoint(settings, 'endpoint', t)}/vision/v1/batchAnalyze`;
        const batchOptions = { features: batchFeatures, languages: options.languages, textModel: settings.textModel === 'line' ? ('line' as const) : ('page' as const), classificationModel: settings.classificationModel, folderId };
        const batchAnalyze: RequestKind<unknown[]> = {
          name: 'batchAnalyze',
          limits: yandexDescriptor.limits.vision!,
          maxImages: MAX_SPECS,
          pace: { lane: 'yandex:vision', requestsPerSecond: settings.requestsPerSecond, concurrency },
          send: async (images, file) => {
            const [request] = buildBatchAnalyze(images.map(batchImage), batchOptions, credentials);
            const response = await post(file, url, yandexHeaders(credentials, 'vision'), request!.body, 'json');
            return (response.json as { results?: unknown[] } | undefined)?.results ?? [];
          },
          parse: (results, index, image) => ({
            findings: parseBatchAnalyzeResult(results[index], batchFeatures, image.toOriginal, image.upright),
            raw: { results: [results[index]] },
          }),
        };
        kinds.push(batchAnalyze);
      }
      return kinds;
    },
  };
}

function yandexCredentials(stored: Credentials | undefined, displayName: string, t: Localize): YandexCredentials {
  if (stored?.apiKey) return { apiKey: stored.apiKey };
  if (stored?.iamToken) return { iamToken: stored.iamToken };
  throw new ProviderError({ category: 'auth', provider: displayName, reason: t('no credentials are set. Run "Image Insight: Set Credentials…" and choose Yandex Vision.') }, t);
}

function endpoint(settings: YandexSettings, setting: 'endpoint' | 'ocrEndpoint', t: Localize): string {
  const value = settings[setting];
  const problem = endpointProblem(value);
  if (problem) throw new UserError(t('The setting imageInsight.yandex.{0} cannot be used ({1}): {2}', setting, problem, value));
  return value.replace(/\/+$/, '');
}

function batchImage(image: SentImage): BatchImage {
  const { prepared } = image;
  const mime = prepared.mime === 'image/png' ? 'image/png' : prepared.mime === 'application/pdf' ? 'application/pdf' : 'image/jpeg';
  return { content: Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength).toString('base64'), mime };
}
