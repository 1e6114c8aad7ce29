/**
 * The Yandex Vision emulator: two loopback servers, because the extension has two endpoint
 * settings (`imageInsight.yandex.endpoint` for batchAnalyze, `imageInsight.yandex.ocrEndpoint`
 * for the OCR API) and a test may want to fault one and not the other.
 */
import { randomUUID } from 'node:crypto';
import { type EmulatorResponse, EmulatorServer, type RecordedRequest } from './core';
import { answerBatchAnalyze, parseBatchAnalyze } from './yandex/batchAnalyze';
import { knownImages, type KnownImage } from './yandex/known';
import { BadRequest } from './yandex/protoJson';
import { answerRecognizeText } from './yandex/recognizeText';
import { authenticate, type Caller, checkFolder, Code, type Credentials, faultStatusBody, RateLimiter, statusResponse, yandexHeaders } from './yandex/status';

export { knownImages, type KnownImage };

export interface YandexEmulatorOptions {
  /** The one API key accepted (`Authorization: Api-Key …`); a service account, so no folder needed. */
  apiKey?: string;
  /** The one IAM token accepted (`Authorization: Bearer …`); a user account, so folderId is required. */
  iamToken?: string;
  /** The folder the credentials belong to. */
  folderId?: string;
  /** CLASSIFICATION / FACE_DETECTION answer a per-feature error, as the live service does. Default true. */
  discontinued?: boolean;
  /** batchAnalyze leaves out zero/empty values (proto3 JSON default). Default true. */
  omitZeros?: boolean;
  /** Requests per second before 429 {code 8}; the docs say ~10/s for Vision, 1/s for OCR. Default: no limit. */
  rateLimit?: { vision?: number; ocr?: number };
  ports?: { vision?: number; ocr?: number };
  /** Every answer takes this long (see EmulatorOptions). */
  latencyMs?: number;
}

export interface YandexEmulator extends Credentials {
  /** Serves POST /vision/v1/batchAnalyze. */
  vision: EmulatorServer;
  /** Serves POST /ocr/v1/recognizeText. */
  ocr: EmulatorServer;
  /** Images with documented answers (see yandex/known.ts). */
  knownImages: KnownImage[];
  reset(): void;
  close(): Promise<void>;
}

/** Fake but plausibly shaped: an API key is 40 characters from AQVN, an IAM token starts t1., a folder b1g. */
export const DEFAULT_CREDENTIALS: Credentials = {
  apiKey: 'AQVNemulatorTestKey0000000000000000000000'.slice(0, 40),
  iamToken: 't1.emulator-iam-token.0000000000000000',
  folderId: 'b1gemulator000folder',
};

const asString = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function startYandexEmulator(options: YandexEmulatorOptions = {}): Promise<YandexEmulator> {
  const credentials: Credentials = {
    apiKey: options.apiKey ?? DEFAULT_CREDENTIALS.apiKey,
    iamToken: options.iamToken ?? DEFAULT_CREDENTIALS.iamToken,
    folderId: options.folderId ?? DEFAULT_CREDENTIALS.folderId,
  };
  const behaviour = { discontinued: options.discontinued ?? true, omitZeros: options.omitZeros ?? true };
  const visionLimit = options.rateLimit?.vision ? new RateLimiter(options.rateLimit.vision) : undefined;
  const ocrLimit = options.rateLimit?.ocr ? new RateLimiter(options.rateLimit.ocr) : undefined;

  /** What both endpoints share: path, method, auth, quota, and the 400 for a bad body. */
  const endpoint =
    (path: string, limiter: RateLimiter | undefined, serve: (r: RecordedRequest, id: string, caller: Caller) => EmulatorResponse) =>
    (request: RecordedRequest): EmulatorResponse => {
      const id = randomUUID();
      if (request.path !== path) return statusResponse(Code.NOT_FOUND, 'Not Found', id);
      if (request.method !== 'POST') return statusResponse(Code.UNIMPLEMENTED, 'Method Not Allowed', id);
      const caller = authenticate(request, credentials, id);
      if ('status' in caller) return caller;
      if (limiter && !limiter.allow()) return statusResponse(Code.RESOURCE_EXHAUSTED, 'Quota limit exceeded: too many requests per second', id);
      try {
        return serve(request, id, caller);
      } catch (e) {
        if (e instanceof BadRequest) return statusResponse(Code.INVALID_ARGUMENT, e.message, id);
        throw e;
      }
    };

  const vision = await EmulatorServer.start(
    endpoint('/vision/v1/batchAnalyze', visionLimit, (request, id, caller) => {
      const { folderId, specs } = parseBatchAnalyze(request.body);
      const refused = checkFolder(caller, folderId, credentials, id);
      if (refused) return refused;
      return { status: 200, headers: yandexHeaders(id), body: answerBatchAnalyze(specs, behaviour) };
    }),
    { name: 'yandex-vision', port: options.ports?.vision, statusBody: faultStatusBody, ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) },
  );
  const ocr = await EmulatorServer.start(
    endpoint('/ocr/v1/recognizeText', ocrLimit, (request, id, caller) => {
      // The OCR API takes the folder from a header, not the body.
      const refused = checkFolder(caller, asString(request.headers['x-folder-id']), credentials, id);
      if (refused) return refused;
      return { status: 200, headers: { ...yandexHeaders(id), 'content-type': 'application/json' }, body: answerRecognizeText(request.body) };
    }),
    { name: 'yandex-ocr', port: options.ports?.ocr, statusBody: faultStatusBody, ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) },
  );
  return {
    ...credentials,
    vision,
    ocr,
    knownImages: knownImages(),
    reset: () => (vision.reset(), ocr.reset()),
    close: async () => void (await Promise.all([vision.close(), ocr.close()])),
  };
}
