/**
 * The Google Cloud Vision emulator: `POST /v1/images:annotate` and the data-residency form
 * `POST /v1/projects/{p}/locations/{us|eu|asia}/images:annotate` on one loopback server. It checks
 * what the docs say the API checks — header auth (`X-Goog-Api-Key`, or `Authorization: Bearer`
 * with an optional `X-Goog-User-Project`), the parent's format and locations, the feature enum,
 * ≤ 16 images, a body ≤ 10 MB, ≤ 20 MB and ≤ 75 MP per image — and answers in the real shapes.
 */
import { type EmulatorResponse, EmulatorServer, type RecordedRequest } from './core';
import { annotateImage } from './google/answers';
import { inspectImage } from './google/image';
import { parseAnnotate } from './google/request';
import { faultStatusBody, GoogleFailure, googleError } from './google/status';
import { RateLimiter } from './yandex/status';

export interface GoogleCredentials {
  apiKey: string;
  accessToken: string;
  /** The project the key and token belong to (also the only one a quota project may name). */
  projectId: string;
}

export interface GoogleEmulatorOptions extends Partial<GoogleCredentials> {
  /** The API is not enabled in the project: 403 SERVICE_DISABLED. */
  serviceDisabled?: boolean;
  /** The project has no billing account: 403 BILLING_DISABLED. */
  billingDisabled?: boolean;
  /** Requests per minute before 429 RATE_LIMIT_EXCEEDED (the default quota is 1800). Default: no limit. */
  perMinute?: number;
  port?: number;
  /** Every answer takes this long (see EmulatorOptions). */
  latencyMs?: number;
}

export interface GoogleEmulator extends GoogleCredentials {
  server: EmulatorServer;
  /** The `imageInsight.google.endpoint` to use. */
  url: string;
  reset(): void;
  close(): Promise<void>;
}

/** Fake but shaped like the real ones: a key is AIza + 35, a token ya29.…, a project ID lowercase. */
export const GOOGLE_CREDENTIALS: GoogleCredentials = {
  apiKey: 'AIzaSyEmulatorKey0000000000000000000000',
  accessToken: 'ya29.emulator-access-token-0000',
  projectId: 'image-insight-emulator',
};

const MAX_IMAGE_BYTES = 20 * 1000 * 1000;
const MAX_PIXELS = 75_000_000;
const LOCATIONS = ['us', 'eu', 'asia'];
const PROJECT = /^(?:(?:[a-z0-9-]+\.)+[a-z]{2,}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$|^\d{1,20}$/;
const header = (r: RecordedRequest, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The route: the global method, or a project and location (`parent` in the path). */
function route(path: string, credentials: GoogleCredentials): void {
  if (path === '/v1/images:annotate') return;
  const m = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/images:annotate$/.exec(path);
  if (!m) throw new GoogleFailure(googleError(404, `The requested URL ${path} was not found on this server.`));
  const project = decodeURIComponent(m[1]!);
  if (!PROJECT.test(project)) throw new GoogleFailure(googleError(400, `Invalid resource field value in the request: parent "projects/${project}".`));
  if (!LOCATIONS.includes(m[2]!)) throw new GoogleFailure(googleError(400, `Location "${m[2]}" is not supported. Supported locations: us, eu, asia.`));
  if (project !== credentials.projectId) throw new GoogleFailure(googleError(403, `Permission denied on resource project ${project}.`, { reason: 'CONSUMER_INVALID', metadata: { consumer: `projects/${project}` } }));
}

/** The credentials, from headers only; a secret is never echoed back in a message. */
function authenticate(r: RecordedRequest, credentials: GoogleCredentials): void {
  const key = header(r, 'x-goog-api-key') ?? r.query.get('key') ?? undefined;
  const authorization = header(r, 'authorization');
  if (key !== undefined) {
    if (key !== credentials.apiKey) throw new GoogleFailure(googleError(400, 'API key not valid. Please pass a valid API key.', { reason: 'API_KEY_INVALID' }));
  } else if (authorization !== undefined) {
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (token !== credentials.accessToken) {
      throw new GoogleFailure(googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', { reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED' }));
    }
    const quota = header(r, 'x-goog-user-project');
    if (quota !== undefined && quota !== credentials.projectId) {
      throw new GoogleFailure(googleError(403, `Caller does not have required permission to use project ${quota}.`, { reason: 'USER_PROJECT_DENIED', metadata: { consumer: `projects/${quota}` } }));
    }
  } else {
    throw new GoogleFailure(googleError(403, 'The request is missing a valid API key.', { reason: 'API_KEY_MISSING' }));
  }
}

export async function startGoogleEmulator(options: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  const credentials: GoogleCredentials = {
    apiKey: options.apiKey ?? GOOGLE_CREDENTIALS.apiKey,
    accessToken: options.accessToken ?? GOOGLE_CREDENTIALS.accessToken,
    projectId: options.projectId ?? GOOGLE_CREDENTIALS.projectId,
  };
  const limiter = options.perMinute ? new RateLimiter(options.perMinute / 60) : undefined;
  const consumer = { consumer: `projects/${credentials.projectId}` };

  const handle = (r: RecordedRequest): EmulatorResponse => {
    try {
      route(r.path, credentials);
      if (r.method !== 'POST') return googleError(405, 'Method not allowed.');
      authenticate(r, credentials);
      if (options.serviceDisabled) {
        return googleError(403, `Cloud Vision API has not been used in project ${credentials.projectId} before or it is disabled.`, { reason: 'SERVICE_DISABLED', metadata: consumer });
      }
      if (options.billingDisabled) return googleError(403, 'This API method requires billing to be enabled.', { reason: 'BILLING_DISABLED', metadata: consumer });
      if (limiter && !limiter.allow()) return googleError(429, "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'.", { reason: 'RATE_LIMIT_EXCEEDED', metadata: consumer });
      const responses = parseAnnotate(r.body).map((request) => {
        if (!request.bytes) return { error: { code: 3, message: 'No image content was provided (the emulator reads `image.content` only).' } };
        const image = inspectImage(request.bytes);
        if (image.bytes > MAX_IMAGE_BYTES) return { error: { code: 3, message: 'Image size exceeds the limit of 20 MB.' } };
        if (!image.format) return { error: { code: 3, message: 'Bad image data.' } };
        if (image.width * image.height > MAX_PIXELS) return { error: { code: 3, message: `Image exceeds the maximum of ${MAX_PIXELS} pixels.` } };
        return annotateImage(image, request.features);
      });
      return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: { responses } };
    } catch (error) {
      if (error instanceof GoogleFailure) return error.response;
      throw error;
    }
  };

  // A little over 10 MB reaches the handler, which answers Google's own 400 for it.
  const server = await EmulatorServer.start(handle, { name: 'google-vision', port: options.port, statusBody: faultStatusBody, maxBodyBytes: 12 * 1000 * 1000, ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}) });
  return { ...credentials, server, url: server.url, reset: () => server.reset(), close: () => server.close() };
}
