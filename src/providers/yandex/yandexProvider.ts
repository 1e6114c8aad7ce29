import { createHash } from 'node:crypto';
import { MIME } from '../../images/formats';
import { PROVIDER_LIMITS } from '../../images/limits';
import type { PreparedImage } from '../../images/preparer';
import { polygonToOriginal, uprightSize } from '../../images/transform';
import { endpointProblem, type ImageInsightConfig } from '../../services/configSchema';
import type { Credentials } from '../../services/credentialShapes';
import { isCancellation, messageOf, UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { HttpClient } from '../http';
import { ProviderError } from '../providerError';
import { failedResult, type AnalysisResult, type FeatureId } from '../../shared/analysisResult';
import type { AnalyzeOptions, Provider } from '../types';
import type { CancellationLike } from '../../shared/cancellation';
import type { ImageSource } from '../../images/imageSource';
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
    const [result] = await this.run([() => Promise.resolve(image)], features, options, token, true);
    return result!;
  }

  /**
   * Several images (a multi-selection): batchAnalyze takes up to 8 per request, so 11 images
   * with faces and labels cost two requests, not eleven. Each image is read and prepared in
   * turn and only its fitted copy (≤ 1 MB) is kept until its request goes. A failed image, or
   * a failed request, gives its images a result whose `errors` say why; the others go on.
   */
  analyzeMany(images: Array<() => Promise<ImageSource>>, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult[]> {
    return this.run(images, features, options, token, false);
  }

  private async run(loaders: Array<() => Promise<ImageSource>>, features: FeatureId[], options: AnalyzeOptions, token: CancellationLike, single: boolean): Promise<AnalysisResult[]> {
    const { t } = this.deps;
    const settings = { ...this.deps.settings() };
    const credentials = await this.credentials(undefined);
    if ('iamToken' in credentials && settings.folderId === '') {
      // An IAM token bills a folder: ask for it once (it is then saved in the settings).
      settings.folderId = (await this.deps.askFolderId?.())?.trim() ?? '';
      if (settings.folderId === '') {
        throw new UserError(t('Yandex Vision needs a folder ID with an IAM token: set imageInsight.yandex.folderId (or use an API key, which needs none).'));
      }
    }
    const useOcr = settings.textApi === 'ocr' && features.includes('text');
    const batchFeatures = features.filter((f) => BATCH_FEATURES[f] !== undefined && !(useOcr && f === 'text'));
    const ocrUrl = useOcr ? `${this.endpoint(settings.ocrEndpoint, 'ocrEndpoint')}/ocr/v1/recognizeText` : '';
    const visionUrl = batchFeatures.length > 0 ? `${this.endpoint(settings.endpoint, 'endpoint')}/vision/v1/batchAnalyze` : '';
    const request = (file: string | undefined, url: string, headers: Record<string, string>, body: unknown, expect: 'json' | 'jsonLines') =>
      this.deps.http.request({ provider: this.displayName, file, method: 'POST', url, headers, body: JSON.stringify(body), idempotent: true, timeoutMs: settings.timeoutSeconds * 1000, token, expect });
    const fail = (entry: Entry, error: unknown) => {
      if (single || isCancellation(error)) throw error;
      entry.failure = error;
    };

    const entries: Entry[] = [];
    for (const load of loaders) {
      const entry: Entry = { found: [], raw: {}, prepareMs: 0, requestMs: 0 };
      entries.push(entry);
      try {
        const image = await load();
        const started = performance.now();
        entry.image = { uri: image.uri, name: image.name, mime: MIME[image.format], upright: uprightSize(image, image.orientation) };
        entry.sha256 = createHash('sha256').update(await image.read()).digest('hex');
        if (useOcr) {
          const prepared = await this.deps.preparer.prepare(image, PROVIDER_LIMITS.yandexOcr, token);
          entry.prepareMs += prepared.prepareMs;
          const t0 = performance.now();
          const response = await request(image.name, ocrUrl, yandexHeaders(credentials, 'ocr', settings.folderId || undefined), buildRecognizeText(batchImage(prepared), options.languages, settings.textModel), 'jsonLines');
          entry.requestMs += performance.now() - t0;
          entry.raw.recognizeText = response.lines ?? [];
          entry.found.push({ text: parseRecognizeText(response.lines ?? [], (p) => polygonToOriginal(prepared.transform, p), entry.image.upright), errors: [] });
        }
        if (batchFeatures.length > 0) {
          entry.vision = await this.deps.preparer.prepare(image, PROVIDER_LIMITS.yandexVision, token);
          entry.prepareMs += entry.vision.prepareMs;
        }
        entry.otherMs = performance.now() - started - entry.prepareMs - entry.requestMs;
      } catch (error) {
        fail(entry, error);
      }
    }

    const ready = entries.filter((e) => e.vision && !e.failure);
    if (ready.length > 0) {
      const textModel = settings.textModel === 'line' ? 'line' : 'page';
      const batches = buildBatchAnalyze(ready.map((e) => batchImage(e.vision!)), { features: batchFeatures, languages: options.languages, textModel, classificationModel: settings.classificationModel, folderId: settings.folderId || undefined }, credentials);
      for (const batch of batches) {
        const members = batch.images.map((i) => ready[i]!);
        const t0 = performance.now();
        try {
          const response = await request(members.length === 1 ? members[0]!.image!.name : undefined, visionUrl, yandexHeaders(credentials, 'vision'), batch.body, 'json');
          const results = (response.json as { results?: unknown[] } | undefined)?.results ?? [];
          members.forEach((entry, k) => {
            entry.requestMs += (performance.now() - t0) / members.length;
            entry.raw.batchAnalyze = { results: [results[k]] };
            entry.found.push(parseBatchAnalyzeResult(results[k], batchFeatures, (p) => polygonToOriginal(entry.vision!.transform, p), entry.image!.upright));
          });
        } catch (error) {
          for (const entry of members) fail(entry, error);
        }
      }
    }
    return entries.map((entry) => (entry.failure !== undefined || !entry.image ? failedResult(this.id, features, entry.image?.uri ?? '', messageOf(entry.failure)) : this.assemble(entry, features, useOcr, batchFeatures.length > 0)));
  }

  private assemble(entry: Entry, features: FeatureId[], useOcr: boolean, useVision: boolean): AnalysisResult {
    // Text from one API, the rest from the other: each finding comes from one answer only.
    const merged: YandexFindings = { errors: entry.found.flatMap((f) => f.errors) };
    for (const f of entry.found) {
      merged.text ??= f.text;
      merged.faces ??= f.faces;
      merged.labels ??= f.labels;
      merged.copies ??= f.copies;
    }
    const image = entry.image!;
    return {
      provider: this.id,
      features,
      image: { uri: image.uri, width: image.upright.width, height: image.upright.height, mime: image.mime, sha256: entry.sha256 ?? '' },
      ...(merged.text ? { text: merged.text } : {}),
      ...(merged.faces ? { faces: merged.faces } : {}),
      ...(merged.labels ? { labels: merged.labels } : {}),
      ...(merged.copies ? { copies: merged.copies } : {}),
      errors: merged.errors,
      raw: useOcr && !useVision ? entry.raw.recognizeText : !useOcr ? entry.raw.batchAnalyze : entry.raw,
      timings: { prepareMs: entry.prepareMs, requestMs: entry.requestMs, parseMs: entry.otherMs ?? 0 },
    };
  }

  private async credentials(file: string | undefined): Promise<YandexCredentials> {
    const { t } = this.deps;
    const stored = await this.deps.credentials.get(this.id);
    if (stored?.apiKey) return { apiKey: stored.apiKey };
    if (stored?.iamToken) return { iamToken: stored.iamToken };
    throw new ProviderError({ category: 'auth', provider: this.displayName, file, reason: t('no credentials are set. Run "Image Insight: Set Credentials…" and choose Yandex Vision.') }, this.deps.t);
  }

  private endpoint(value: string, setting: string): string {
    const { t } = this.deps;
    const problem = endpointProblem(value);
    if (problem) throw new UserError(t('The setting imageInsight.yandex.{0} cannot be used ({1}): {2}', setting, problem, value));
    return value.replace(/\/+$/, '');
  }
}

/** One image on its way: what is kept of it (not its original bytes) until its request goes. */
interface Entry {
  image?: { uri: string; name: string; mime: string; upright: { width: number; height: number } };
  sha256?: string;
  /** Its copy fitted for batchAnalyze. */
  vision?: PreparedImage;
  found: YandexFindings[];
  raw: { recognizeText?: unknown; batchAnalyze?: unknown };
  prepareMs: number;
  requestMs: number;
  otherMs?: number;
  failure?: unknown;
}

function batchImage(prepared: PreparedImage): BatchImage {
  const mime = prepared.mime === 'image/png' ? 'image/png' : prepared.mime === 'application/pdf' ? 'application/pdf' : 'image/jpeg';
  return { content: Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset, prepared.bytes.byteLength).toString('base64'), mime };
}
