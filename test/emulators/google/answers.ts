/**
 * Synthetic AnnotateImageResponses in the real shapes: fields omitted when zero or empty (a
 * vertex at x = 0 is `{"y": …}`), enums as strings, every feature's own message. Deterministic:
 * the same image always gets the same answer (seeded from its SHA-256), another image another.
 * An image under 64 pixels has nothing in it: `{}`, as Google answers a blank picture.
 */
import { Seeded } from '../yandex/image';
import type { GoogleImage } from './image';

type Json = Record<string, unknown>;

/** proto3 JSON: a zero number is left out. */
const vertex = (x: number, y: number): Json => ({ ...(x !== 0 ? { x } : {}), ...(y !== 0 ? { y } : {}) });
const box = (x: number, y: number, w: number, h: number) => ({ vertices: [vertex(x, y), vertex(x + w, y), vertex(x + w, y + h), vertex(x, y + h)] });
const LIKELIHOODS = ['VERY_UNLIKELY', 'UNLIKELY', 'POSSIBLE', 'LIKELY', 'VERY_LIKELY'];
const LABELS = ['Font', 'Rectangle', 'Pattern', 'Grey', 'Parallel', 'Monochrome', 'Screenshot', 'Document', 'Paper', 'Line'];

/** The words of the synthetic text: two lines, the first hyphenated across the break. */
const TEXT = [
  { text: 'Image', after: 'SPACE' },
  { text: 'In', after: 'HYPHEN' },
  { text: 'sight', after: 'SURE_SPACE' },
  { text: 'emulated', after: 'LINE_BREAK' },
];

function textAnswers(image: GoogleImage, rng: Seeded, tag: string): Json {
  const words = [...TEXT.slice(0, 3), { text: tag, after: 'SPACE' }, TEXT[3]!];
  const lineHeight = Math.max(1, Math.floor(image.height / 4));
  const charWidth = Math.max(1, Math.floor(image.width / 24));
  let x = 0;
  let line = 0;
  const placed = words.map((w) => {
    const width = w.text.length * charWidth;
    const at = { ...w, x, y: line * lineHeight, width, confidence: 0.9 + rng.int(0, 9) / 100 };
    if (w.after === 'HYPHEN' || w.after === 'EOL_SURE_SPACE' || w.after === 'LINE_BREAK') {
      line++;
      x = 0;
    } else x += width + charWidth;
    return at;
  });
  const symbols = (w: (typeof placed)[number]) =>
    [...w.text].map((ch, i, all) => ({
      ...(i === all.length - 1 ? { property: { detectedBreak: { type: w.after } } } : {}),
      boundingBox: box(w.x + i * charWidth, w.y, charWidth, lineHeight - 1),
      text: ch,
      confidence: w.confidence,
    }));
  const fullText = 'Image In-\nsight ' + tag + ' emulated\n';
  return {
    textAnnotations: [
      { locale: 'en', description: fullText, boundingPoly: box(0, 0, Math.max(...placed.map((w) => w.x + w.width)), 2 * lineHeight - 1) },
      ...placed.map((w) => ({ description: w.text, boundingPoly: box(w.x, w.y, w.width, lineHeight - 1) })),
    ],
    fullTextAnnotation: {
      pages: [{
        property: { detectedLanguages: [{ languageCode: 'en', confidence: 1 }] },
        width: image.width,
        height: image.height,
        blocks: [{
          boundingBox: box(0, 0, image.width - 1, 2 * lineHeight - 1),
          paragraphs: [{ boundingBox: box(0, 0, image.width - 1, 2 * lineHeight - 1), words: placed.map((w) => ({ boundingBox: box(w.x, w.y, w.width, lineHeight - 1), symbols: symbols(w), confidence: w.confidence })), confidence: 0.95 }],
          blockType: 'TEXT',
          confidence: 0.95,
        }],
        confidence: 0.95,
      }],
      text: fullText,
    },
  };
}

/** One image's answer to the features asked (maxResults honoured); `{}` when there is nothing to find. */
export function annotateImage(image: GoogleImage, features: Array<{ type: string; maxResults: number }>): Json {
  if (image.width * image.height < 64) return {};
  const rng = new Seeded(image.sha256);
  const tag = image.sha256.slice(0, 6);
  const w = image.width;
  const h = image.height;
  const out: Json = {};
  for (const { type, maxResults } of features) {
    switch (type) {
      case 'TEXT_DETECTION':
      case 'DOCUMENT_TEXT_DETECTION':
        Object.assign(out, textAnswers(image, rng, tag));
        break;
      case 'FACE_DETECTION':
        out.faceAnnotations = [{
          boundingPoly: box(Math.floor(w / 4), 0, Math.floor(w / 2), Math.floor(h / 2)),
          fdBoundingPoly: box(Math.floor(w / 3), Math.floor(h / 8), Math.floor(w / 3), Math.floor(h / 3)),
          landmarks: [
            { type: 'LEFT_EYE', position: { x: w * 0.4, y: h * 0.2, z: -0.5 } },
            { type: 'RIGHT_EYE', position: { x: w * 0.6, y: h * 0.2 } },
            { type: 'NOSE_TIP', position: { x: w * 0.5, y: h * 0.3, z: -12.25 } },
          ],
          rollAngle: rng.int(-30, 30) + 0.5,
          panAngle: rng.int(-40, 40) + 0.25,
          tiltAngle: rng.int(-20, 20) + 0.125,
          detectionConfidence: 0.9 + rng.int(0, 9) / 100,
          landmarkingConfidence: 0.5,
          joyLikelihood: rng.pick(LIKELIHOODS),
          sorrowLikelihood: 'VERY_UNLIKELY',
          angerLikelihood: 'VERY_UNLIKELY',
          surpriseLikelihood: rng.pick(LIKELIHOODS),
          underExposedLikelihood: 'VERY_UNLIKELY',
          blurredLikelihood: 'UNLIKELY',
          headwearLikelihood: 'VERY_UNLIKELY',
        }];
        break;
      case 'LABEL_DETECTION':
        out.labelAnnotations = LABELS.slice(0, Math.min(maxResults, 3 + rng.int(0, 5))).map((description, i) => ({ mid: `/m/0emu${i}`, description, score: 0.95 - i * 0.05, topicality: 0.95 - i * 0.05 }));
        break;
      case 'SAFE_SEARCH_DETECTION':
        out.safeSearchAnnotation = { adult: 'VERY_UNLIKELY', spoof: rng.pick(LIKELIHOODS), medical: 'UNLIKELY', violence: 'VERY_UNLIKELY', racy: rng.pick(LIKELIHOODS) };
        break;
      case 'OBJECT_LOCALIZATION':
        // Normalized vertices; the first object touches the top-left corner, so its zeros are omitted.
        out.localizedObjectAnnotations = [
          { mid: '/m/0emuobj', name: 'Rectangle', score: 0.8, boundingPoly: { normalizedVertices: [{}, { x: 0.5 }, { x: 0.5, y: 0.5 }, { y: 0.5 }] } },
          { mid: '/m/0emuobj2', name: 'Picture frame', score: 0.6, boundingPoly: { normalizedVertices: [{ x: 0.5, y: 0.5 }, { x: 1, y: 0.5 }, { x: 1, y: 1 }, { x: 0.5, y: 1 }] } },
        ].slice(0, maxResults);
        break;
      case 'LOGO_DETECTION':
        out.logoAnnotations = [{ mid: '/m/0emulogo', description: 'Image Insight', score: 0.7, boundingPoly: box(0, Math.floor(h / 2), Math.floor(w / 3), Math.floor(h / 4)) }];
        break;
      case 'LANDMARK_DETECTION':
        out.landmarkAnnotations = [{
          mid: '/m/0emuland',
          description: 'Emulated Tower',
          score: 0.6,
          boundingPoly: box(Math.floor(w / 2), Math.floor(h / 2), Math.floor(w / 3), Math.floor(h / 3)),
          locations: [{ latLng: { latitude: 48.858 + rng.int(0, 9) / 1000, longitude: 2.294 } }],
        }];
        break;
      case 'WEB_DETECTION':
        out.webDetection = {
          webEntities: [{ entityId: '/m/0emuweb', score: 1.25, description: 'Emulated picture' }, { entityId: '/m/0emuweb2', score: 0.5, description: 'Pattern' }].slice(0, maxResults),
          fullMatchingImages: [{ url: `https://images.example.com/${tag}.png` }],
          partialMatchingImages: [{ url: `https://images.example.com/${tag}-crop.jpg` }],
          pagesWithMatchingImages: [{ url: `https://pages.example.com/${tag}.html`, pageTitle: `&lt;b&gt;Emulated&lt;/b&gt; page ${tag} &amp; friends`, fullMatchingImages: [{ url: `https://images.example.com/${tag}.png` }] }],
          visuallySimilarImages: [{ url: `https://images.example.com/similar-${tag}.jpg` }],
          bestGuessLabels: [{ label: `emulated ${tag}`, languageCode: 'en' }],
        };
        break;
      case 'IMAGE_PROPERTIES':
        out.imagePropertiesAnnotation = { dominantColors: { colors: [
          { color: { red: rng.int(1, 255), green: rng.int(1, 255), blue: rng.int(1, 255) }, score: 0.6, pixelFraction: 0.5 },
          // Black: every channel is zero, so the colour object is empty on the wire.
          { color: {}, score: 0.3, pixelFraction: 0.25 },
        ] } };
        break;
      case 'CROP_HINTS':
        out.cropHintsAnnotation = { cropHints: [{ boundingPoly: { vertices: [vertex(0, 0), vertex(w - 1, 0), vertex(w - 1, h - 1), vertex(0, h - 1)] }, confidence: 0.8, importanceFraction: 1 }] };
        break;
      default:
        break; // PRODUCT_SEARCH needs a product set: nothing to say without one
    }
  }
  // JSON drops undefined fields; keep the object clean for tests that compare it.
  return JSON.parse(JSON.stringify(out)) as Json;
}
