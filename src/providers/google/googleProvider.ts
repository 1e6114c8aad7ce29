import { endpointProblem, readConcurrency } from '../../services/configSchema';
import type { Credentials } from '../../services/credentialShapes';
import { UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { ProviderDeps } from '../descriptor';
import type { HttpClient } from '../http';
import { ProviderError } from '../providerError';
import type { ProviderEngine, RequestKind, SentImage } from '../types';
import { googleDescriptor } from './descriptor';
import { explainGoogleError } from './googleErrors';
import { parseAnnotateResponse } from './googleParser';
import { annotateUrl, buildAnnotate, googleHeaders, MAX_IMAGES, MAX_REQUEST_IMAGE_BYTES, type GoogleCredentials } from './googleRequest';
import { PROJECT_ID, readGoogleSettings } from './googleSettings';

/**
 * Google Cloud Vision's transport: one images:annotate request for every feature asked, up to 16
 * images and a body under 10 MB each (the shared runner packs them by `maxImages` and
 * `maxBytes`), `responses[i]` parsed for the i-th image. The pure halves are the builder and the
 * parser; the shared HTTP client does the rest (retries of 429/503, redirects refused).
 */
export function createGoogleProvider(deps: Pick<ProviderDeps, 't' | 'setting' | 'credentials'>, http: HttpClient): ProviderEngine {
  const { t } = deps;
  const displayName = googleDescriptor.name(t);
  return {
    async plan(features, options, token) {
      const settings = readGoogleSettings(deps.setting);
      const credentials = googleCredentials(await deps.credentials.get(googleDescriptor.id), displayName, t);
      const problem = endpointProblem(settings.endpoint);
      if (problem) throw new UserError(t('The setting imageInsight.google.endpoint cannot be used ({0}): {1}', problem, settings.endpoint));
      if (settings.location !== '' && !PROJECT_ID.test(settings.projectId)) {
        throw new UserError(t('The setting imageInsight.google.projectId is not a Google Cloud project ID: "{0}". It is 6–30 lowercase letters, digits and hyphens, such as my-project-123.', settings.projectId));
      }
      const url = annotateUrl(settings.endpoint, settings.location, settings.projectId);
      const annotate: RequestKind<unknown[]> = {
        name: 'annotate',
        limits: googleDescriptor.limits.annotate!,
        maxImages: MAX_IMAGES,
        maxBytes: MAX_REQUEST_IMAGE_BYTES,
        pace: { lane: 'google:annotate', requestsPerSecond: settings.requestsPerMinute / 60, concurrency: readConcurrency(deps.setting) },
        send: async (images, file) => {
          const body = buildAnnotate(images.map(base64), { features, textFeature: settings.textFeature, languages: options.languages });
          const response = await http.request({
            provider: displayName,
            file,
            method: 'POST',
            url,
            headers: googleHeaders(credentials),
            body: JSON.stringify(body),
            idempotent: true,
            timeoutMs: settings.timeoutSeconds * 1000,
            token,
            expect: 'json',
            explainError: (status, json) => explainGoogleError(status, json, t),
          });
          const responses = (response.json as { responses?: unknown } | undefined)?.responses;
          // An answer for fewer images than were sent cannot be matched to them.
          if (!Array.isArray(responses) || responses.length !== images.length) {
            throw new ProviderError({ category: 'server', provider: displayName, file, status: response.status, reason: t('the answer holds {0} results for {1} images', Array.isArray(responses) ? responses.length : 0, images.length) }, t);
          }
          return responses as unknown[];
        },
        parse: (responses, index, image) => ({
          findings: parseAnnotateResponse(responses[index], { map: image.toOriginal, sent: image.prepared.transform.sent, upright: image.upright }),
          raw: { responses: [responses[index]] },
        }),
      };
      return [annotate];
    },
  };
}

function googleCredentials(stored: Credentials | undefined, displayName: string, t: Localize): GoogleCredentials {
  if (stored?.apiKey) return { apiKey: stored.apiKey };
  if (stored?.accessToken) return stored.quotaProject ? { accessToken: stored.accessToken, quotaProject: stored.quotaProject } : { accessToken: stored.accessToken };
  throw new ProviderError({ category: 'auth', provider: displayName, reason: t('no credentials are set. Run "Image Insight: Set Credentials…" and choose Google Cloud Vision.') }, t);
}

function base64(image: SentImage): string {
  const { bytes } = image.prepared;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
