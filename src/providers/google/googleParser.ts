import type { DominantColor, Face, FeatureError, Findings, GeoPoint, Label } from '../../shared/analysisResult';
import { arr, defined, num, obj, pixelPolygon, normalizedPolygon, str, zeroed, type Json, type PolygonMap, type Size } from './googleJson';
import { fullTextOf, textAnnotationsOf } from './googleText';
import { webCopiesOf, webEntitiesOf } from './googleWeb';

/**
 * One `AnnotateImageResponse` (`responses[i]`) → the normalized findings. Pure and tolerant:
 * zeros and empty lists are omitted on the wire (an image with nothing found is `{}`), enums are
 * strings, and a per-image `error` stays beside whatever else the entry holds.
 */

export interface AnnotateContext {
  /** Sent-image pixels → original upright pixels. */
  map: PolygonMap;
  /** The size of the image Google was sent (for normalized vertices). */
  sent: Size;
  /** The original's size as the user sees it. */
  upright: Size;
}

/** Likelihood → score: the enum's steps spread over 0–1. UNKNOWN (omitted) has none. */
export const LIKELIHOOD_SCORE: Record<string, number> = { VERY_UNLIKELY: 0, UNLIKELY: 0.25, POSSIBLE: 0.5, LIKELY: 0.75, VERY_LIKELY: 1 };
const SAFE_SEARCH = ['adult', 'spoof', 'medical', 'violence', 'racy'];
const FACE_LIKELIHOODS = ['joy', 'sorrow', 'anger', 'surprise', 'underExposed', 'blurred', 'headwear'];

export function parseAnnotateResponse(entry: unknown, context: AnnotateContext): Findings {
  const response = obj(entry);
  const out: Findings = { errors: [] };
  if (response.error !== undefined) out.errors.push(imageErrorOf(obj(response.error)));

  if (response.fullTextAnnotation !== undefined) out.text = fullTextOf(obj(response.fullTextAnnotation), context.map, context.upright);
  else if (response.textAnnotations !== undefined) out.text = textAnnotationsOf(arr(response.textAnnotations), context.map, context.upright);

  if (response.faceAnnotations !== undefined) out.faces = arr(response.faceAnnotations).map((f) => faceOf(obj(f), context.map));

  const labels: Label[] = [
    ...arr(response.labelAnnotations).map((l) => entity(obj(l), 'label', context.map)),
    ...safeSearchOf(response.safeSearchAnnotation),
    ...arr(response.localizedObjectAnnotations).map((o) => {
      const object = obj(o);
      return defined({ name: str(object.name) ?? '', score: zeroed(object.score), group: 'object' as const, polygon: nonEmpty(normalizedPolygon(object.boundingPoly, context.sent, context.map)) });
    }),
    ...arr(response.logoAnnotations).map((l) => entity(obj(l), 'logo', context.map)),
    ...arr(response.landmarkAnnotations).map((l) => entity(obj(l), 'landmark', context.map)),
    ...arr(obj(response.cropHintsAnnotation).cropHints).map((h) => {
      const hint = obj(h);
      return defined({ name: 'crop hint', score: zeroed(hint.confidence), group: 'cropHint' as const, polygon: nonEmpty(normalizedPolygon(hint.boundingPoly, context.sent, context.map)) });
    }),
  ];
  if (response.webDetection !== undefined) {
    const web = obj(response.webDetection);
    out.copies = webCopiesOf(web);
    labels.push(...webEntitiesOf(web));
  }
  // Any list-like answer present, even an empty one, says the feature ran.
  const hasLabels = ['labelAnnotations', 'safeSearchAnnotation', 'localizedObjectAnnotations', 'logoAnnotations', 'landmarkAnnotations', 'cropHintsAnnotation', 'webDetection'].some((k) => response[k] !== undefined);
  if (hasLabels) out.labels = labels;

  if (response.imagePropertiesAnnotation !== undefined) out.colors = colorsOf(obj(response.imagePropertiesAnnotation));
  return out;
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** Labels, logos and landmarks: `EntityAnnotation`s; a landmark has where it is. */
function entity(annotation: Json, group: 'label' | 'logo' | 'landmark', map: PolygonMap): Label {
  const locations = arr(annotation.locations).flatMap((l): GeoPoint[] => {
    const latLng = obj(obj(l).latLng);
    if (obj(l).latLng === undefined) return [];
    const latitude = zeroed(latLng.latitude);
    const longitude = zeroed(latLng.longitude);
    return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? [{ latitude, longitude }] : [];
  });
  return defined({
    name: str(annotation.description) ?? '',
    score: zeroed(annotation.score),
    group,
    polygon: group === 'label' ? undefined : nonEmpty(pixelPolygon(annotation.boundingPoly, map)),
    locations: group === 'landmark' ? nonEmpty(locations) : undefined,
  });
}

function safeSearchOf(annotation: unknown): Label[] {
  if (annotation === undefined) return [];
  const verdicts = obj(annotation);
  return SAFE_SEARCH.flatMap((name) => {
    const likelihood = str(verdicts[name]);
    const score = likelihood === undefined ? undefined : LIKELIHOOD_SCORE[likelihood];
    return score === undefined ? [] : [{ name, score, group: 'safeSearch' as const, likelihood: likelihood! }];
  });
}

function faceOf(face: Json, map: PolygonMap): Face {
  const landmarks = arr(face.landmarks).map((l) => {
    const landmark = obj(l);
    const position = obj(landmark.position);
    const [point] = map([{ x: zeroed(position.x), y: zeroed(position.y) }]);
    return defined({ type: str(landmark.type) ?? 'UNKNOWN_LANDMARK', x: point!.x, y: point!.y, z: num(position.z) });
  });
  const likelihoods: Record<string, string> = {};
  for (const name of FACE_LIKELIHOODS) {
    const value = str(face[`${name}Likelihood`]);
    if (value !== undefined) likelihoods[name] = value;
  }
  return defined({
    // boundingPoly frames the whole head; fdBoundingPoly only the skin, too tight to show.
    polygon: pixelPolygon(face.boundingPoly ?? face.fdBoundingPoly, map),
    confidence: num(face.detectionConfidence),
    landmarks: nonEmpty(landmarks),
    attributes: {
      likelihoods: Object.keys(likelihoods).length > 0 ? likelihoods : undefined,
      angles: { roll: zeroed(face.rollAngle), pan: zeroed(face.panAngle), tilt: zeroed(face.tiltAngle) },
    },
  });
}

function colorsOf(properties: Json): DominantColor[] {
  const channel = (v: unknown) => Math.min(255, Math.max(0, zeroed(v)));
  return arr(obj(properties.dominantColors).colors).map((c) => {
    const info = obj(c);
    const color = obj(info.color);
    return { red: channel(color.red), green: channel(color.green), blue: channel(color.blue), score: zeroed(info.score), pixelFraction: zeroed(info.pixelFraction) };
  });
}

/** A per-image `error` (a google.rpc.Status, HTTP 200): the whole image, feature `*`. */
function imageErrorOf(status: Json): FeatureError {
  return defined({ feature: '*' as const, code: num(status.code) ?? str(status.code), message: str(status.message) ?? '' });
}

/**
 * A request-level error body `{"error": {code, status, message, details}}` as one image's
 * failure: the ErrorInfo reason (`API_KEY_INVALID`) is the code, else the status name.
 */
export function requestErrorOf(body: unknown): FeatureError {
  const error = obj(obj(body).error);
  return defined({ feature: '*' as const, code: errorReason(body) ?? str(error.status) ?? num(error.code), message: str(error.message) ?? '' });
}

/** The first `ErrorInfo.reason` of an error body (or of its legacy `errors[]`). */
export function errorReason(body: unknown): string | undefined {
  const error = obj(obj(body).error);
  for (const detail of [...arr(error.details), ...arr(error.errors)]) {
    const reason = str(obj(detail).reason);
    if (reason) return reason;
  }
  return undefined;
}
