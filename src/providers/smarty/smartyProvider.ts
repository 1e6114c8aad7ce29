import { readConcurrency } from '../../services/configSchema';
import type { FeatureId, Findings } from '../../shared/analysisResult';
import type { HttpClient } from '../http';
import type { ProviderDeps } from '../descriptor';
import type { ProviderEngine, RequestKind, SentImage } from '../types';
import { objectNamed, objectsOf } from './smartyEnvelope';
import { MAX_IMAGE_BYTES_PER_REQUEST, MAX_IMAGES_PER_REQUEST, smartyImageLimits } from './smartyLimits';
import { adultMeta, imageName, objectsMeta, recognizeMeta, textMeta, type SmartyFile } from './smartyMultipart';
import { SmartyClient } from './smartyClient';
import { parseAdultObject, parseObjectsDetect, parsePersonsObject, parseTextObject } from './smartyParser';

type Body = Record<string, unknown>;

/**
 * Smarty's analyses, on the shared runner: Recognize Persons (persons/recognize in a space,
 * never creating persons), Extract Text (text/recognize, detailed) and Classify Image
 * (objects/detect multiobject+scene and adult/detect as one request kind, so that both lists of
 * labels land in the one result). Images are fitted to Smarty's limits with
 * `imageInsight.smarty.maxImageMB`; up to 100 images and 30 MB go in one request.
 */
export function createSmartyProvider(deps: ProviderDeps, http: HttpClient): ProviderEngine {
  const client = new SmartyClient(deps, http);
  return {
    async plan(features, options, token) {
      const settings = client.settings();
      // Fail before any image is read when there is nothing to send with.
      await client.account();
      const limits = smartyImageLimits(settings.maxImageMB);
      const space = options.space ?? settings.space;
      const kind = <A>(name: string, send: (files: SmartyFile[], file: string | undefined) => Promise<A>, parse: (answer: A, name: string, image: SentImage) => Findings): RequestKind<A> => ({
        name,
        limits,
        maxImages: MAX_IMAGES_PER_REQUEST,
        maxBytes: MAX_IMAGE_BYTES_PER_REQUEST,
        // Every Smarty method counts against one account: one lane for them all.
        pace: { lane: 'smarty', requestsPerSecond: settings.requestsPerSecond, concurrency: readConcurrency(deps.setting) },
        send: (images, file) => send(images.map(fileOf), file),
        parse: (answer, index, image) => {
          const findings = parse(answer, imageName(index), image);
          return { findings, raw: answer };
        },
      });
      const names = (files: SmartyFile[]) => files.map((f) => f.name);
      const kinds: RequestKind[] = [];
      const wants = (f: FeatureId) => features.includes(f);
      if (wants('persons')) {
        kinds.push(kind<Body>('persons/recognize', (files, file) => client.call('persons/recognize', recognizeMeta(space, names(files)), files, { file, token, idempotent: true }),
          (body, name, image) => parsePersonsObject(objectNamed(objectsOf(body), name), image.toOriginal, deps.t)));
      }
      if (wants('text')) {
        kinds.push(kind<Body>('text/recognize', (files, file) => client.call('text/recognize', textMeta(names(files)), files, { file, token, idempotent: true }),
          (body, name, image) => parseTextObject(objectNamed(objectsOf(body), name), image.toOriginal, sentSize(image), image.upright, deps.t)));
      }
      if (wants('labels')) {
        kinds.push(kind<{ objects: Body; adult: Body }>('objects+adult', async (files, file) => {
          const objects = await client.call('objects/detect', objectsMeta(names(files)), files, { file, token, idempotent: true });
          const adult = await client.call('adult/detect', adultMeta(names(files)), files, { file, token, idempotent: true });
          return { objects, adult };
        }, (answer, name, image) => {
          const found = parseObjectsDetect(answer.objects, name, image.toOriginal, deps.t);
          const safe = parseAdultObject(objectNamed(objectsOf(answer.adult), name), deps.t);
          return { labels: [...(found.labels ?? []), ...(safe.labels ?? [])], errors: [...found.errors, ...safe.errors] };
        }));
      }
      return kinds;
    },
  };
}

/** The image as a file part: named as the runner numbered it in its request. */
function fileOf(image: SentImage, index: number): SmartyFile {
  const { prepared } = image;
  const mime = prepared.mime === 'image/png' ? 'image/png' : prepared.mime === 'image/tiff' ? 'image/tiff' : 'image/jpeg';
  return { name: imageName(index), bytes: prepared.bytes, mime };
}

function sentSize(image: SentImage): { width: number; height: number } {
  const { transform } = image.prepared;
  return { width: transform.sent.width, height: transform.sent.height };
}
