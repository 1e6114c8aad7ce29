import { createHash } from 'node:crypto';
import { MIME } from '../../images/formats';
import { PROVIDER_LIMITS } from '../../images/limits';
import type { PreparedImage } from '../../images/preparer';
import { polygonToOriginal, uprightSize } from '../../images/transform';
import { endpointProblem, type ImageInsightConfig } from '../../services/configSchema';
import type { Credentials } from '../../services/credentialShapes';
import { UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { HttpClient } from '../http';
import { ProviderError } from '../providerError';
import type { AnalysisResult, AnalyzeOptions, CancellationLike, FeatureId, ImageSource, Provider } from '../types';
import { parseBatchAnalyzeResult, parseRecognizeText, type YandexFindings } from './yandexParser';
import { BATCH_FEATURES, buildBatchAnalyze, buildRecognizeText, yandexHeaders, type BatchImage, type YandexCredentials } from './yandexRequest';

/** The `imageInsight.yandex.*` settings and the request timeout. */
export type YandexSettings = ImageInsightConfig['yandex'] & { timeoutSeconds: number };

export interface YandexDeps {
  credentials: { get(providerId: string): Promise<Credentials | undefined> };
  http: HttpClient;
  preparer: { prepare(source: ImageSource, limits: (typeof PROVIDER_LIMITS)['yandexVision'], token?: CancellationLike): Promise<PreparedImage> };
  /** Read on every request, so a settings change applies to the next one. */
  settings(): YandexSettings;
  /** Asks the user for the folder an IAM token needs (and saves it); undefined = dismissed. */
  askFolderId?: () => Promise<string | undefined>;
  t: Localize;
}

/**
 * Yandex Vision: text through the OCR API (default) or batchAnalyze, and faces, classification
 * and copy search through batchAnalyze — one request per API, every feature of that API in it.
 * Pure: builder and parser are the pure halves; the injected HTTP client does the rest.
 */
export class YandexProvider implements Provider {
  readonly id = 'yandex';
  readonly displayName: string;
  readonly capabilities: readonly FeatureId[] = ['text', 'faces', 'labels', 'copies'];

  constructor(private readonly deps: YandexDeps) {
    this.displayName = deps.t('Yandex Vision');
  }

  async isConfigured(): Promise<boolean> {
    return (await this.deps.credentials.get(this.id)) !== undefined;
  }

  async analyze(image: ImageSource, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult> {
    const { t } = this.deps;
    const settings = { ...this.deps.settings() };
    const credentials = await this.credentials(image.name);
    if ('iamToken' in credentials && settings.folderId === '') {
      // An IAM token bills a folder: ask for it once (it is then saved in the settings).
      settings.folderId = (await this.deps.askFolderId?.())?.trim() ?? '';
      if (settings.folderId === '') {
        throw new UserError(t('Yandex Vision needs a folder ID with an IAM token: set imageInsight.yandex.folderId (or use an API key, which needs none).'), image.name);
      }
    }
    const useOcr = settings.textApi === 'ocr' && features.includes('text');
    const batchFeatures = features.filter((f) => BATCH_FEATURES[f] !== undefined && !(useOcr && f === 'text'));
    const started = performance.now();
    const upright = uprightSize(image, image.orientation);
    const found: YandexFindings[] = [];
    const raw: Record<string, unknown> = {};
    let prepareMs = 0;
    let requestMs = 0;
    const timed = async <T>(work: () => Promise<T>) => {
      const t0 = performance.now();
      try {
        return await work();
      } finally {
        requestMs += performance.now() - t0;
      }
    };
    if (useOcr) {
      const prepared = await this.deps.preparer.prepare(image, PROVIDER_LIMITS.yandexOcr, token);
      prepareMs += prepared.prepareMs;
      const body = buildRecognizeText(batchImage(prepared), options.languages, settings.textModel);
      const response = await timed(() =>
        this.deps.http.request({
          provider: this.displayName,
          file: image.name,
          method: 'POST',
          url: `${this.endpoint(settings.ocrEndpoint, 'ocrEndpoint', image.name)}/ocr/v1/recognizeText`,
          headers: yandexHeaders(credentials, 'ocr', settings.folderId || undefined),
          body: JSON.stringify(body),
          idempotent: true,
          timeoutMs: settings.timeoutSeconds * 1000,
          token,
          expect: 'jsonLines',
        }),
      );
      raw.recognizeText = response.lines ?? [];
      found.push({ text: parseRecognizeText(response.lines ?? [], (p) => polygonToOriginal(prepared.transform, p), upright), errors: [] });
    }
    if (batchFeatures.length > 0) {
      const prepared = await this.deps.preparer.prepare(image, PROVIDER_LIMITS.yandexVision, token);
      prepareMs += prepared.prepareMs;
      const textModel = settings.textModel === 'line' ? 'line' : 'page';
      const [request] = buildBatchAnalyze([batchImage(prepared)], { features: batchFeatures, languages: options.languages, textModel, classificationModel: settings.classificationModel, folderId: settings.folderId || undefined }, credentials);
      const response = await timed(() =>
        this.deps.http.request({
          provider: this.displayName,
          file: image.name,
          method: 'POST',
          url: `${this.endpoint(settings.endpoint, 'endpoint', image.name)}/vision/v1/batchAnalyze`,
          headers: yandexHeaders(credentials, 'vision'),
          body: JSON.stringify(request!.body),
          idempotent: true,
          timeoutMs: settings.timeoutSeconds * 1000,
          token,
        }),
      );
      raw.batchAnalyze = response.json;
      const results = (response.json as { results?: unknown[] } | undefined)?.results ?? [];
      found.push(parseBatchAnalyzeResult(results[0], batchFeatures, (p) => polygonToOriginal(prepared.transform, p), upright));
    }
    // Text from one API, the rest from the other: each finding comes from one answer only.
    const merged: YandexFindings = { errors: found.flatMap((f) => f.errors) };
    for (const f of found) {
      merged.text ??= f.text;
      merged.faces ??= f.faces;
      merged.labels ??= f.labels;
      merged.copies ??= f.copies;
    }
    const sha256 = createHash('sha256').update(await image.read()).digest('hex');
    return {
      provider: this.id,
      features,
      image: { uri: image.uri, width: upright.width, height: upright.height, mime: MIME[image.format], sha256 },
      ...(merged.text ? { text: merged.text } : {}),
      ...(merged.faces ? { faces: merged.faces } : {}),
      ...(merged.labels ? { labels: merged.labels } : {}),
      ...(merged.copies ? { copies: merged.copies } : {}),
      errors: merged.errors,
      raw: useOcr && batchFeatures.length === 0 ? raw.recognizeText : !useOcr ? raw.batchAnalyze : raw,
      timings: { prepareMs, requestMs, parseMs: performance.now() - started - prepareMs - requestMs },
    };
  }

  private async credentials(file: string): Promise<YandexCredentials> {
    const { t } = this.deps;
    const stored = await this.deps.credentials.get(this.id);
    if (stored?.apiKey) return { apiKey: stored.apiKey };
    if (stored?.iamToken) return { iamToken: stored.iamToken };
    throw new ProviderError({ category: 'auth', provider: this.displayName, file, reason: t('no credentials are set. Run "Image Insight: Set Credentials…" and choose Yandex Vision.') }, this.deps.t);
  }

  private endpoint(value: string, setting: string, file: string): string {
    const { t } = this.deps;
    const problem = endpointProblem(value);
    if (problem) throw new UserError(t('The setting imageInsight.yandex.{0} cannot be used ({1}): {2}', setting, problem, value), file);
    return value.replace(/\/+$/, '');
  }
}

function batchImage(prepared: PreparedImage): BatchImage {
  const mime = prepared.mime === 'image/png' ? 'image/png' : prepared.mime === 'application/pdf' ? 'application/pdf' : 'image/jpeg';
  return { content: Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength).toString('base64'), mime };
}
