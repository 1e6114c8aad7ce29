/**
 * Synthetic batchAnalyze feature results in the wire shape: int64 as JSON strings, doubles as
 * numbers, and — as proto3 JSON does by default, and the recorded batchAnalyze bodies show (no
 * `entities: []`, no `entityIndex`) — zero and empty values left out.
 */
import { type Seeded } from './image';
import { type Box, layoutPage } from './layout';

/** An int64 as the gateway writes it, or nothing when it is 0 and zeros are omitted. */
export function int64(value: number, omitZeros: boolean): string | undefined {
  return value === 0 && omitZeros ? undefined : String(Math.round(value));
}

/** Drops undefined members and, when omitting zeros, empty arrays and objects. */
export function compact<T extends object>(value: T, omitZeros: boolean): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (omitZeros && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

/** Four vertices from the top-left, counter-clockwise (1←4, ↓ ↑, 2→3), as the docs draw them. */
export function polygon(box: Box, omitZeros: boolean): object {
  const v = (x: number, y: number): object => compact({ x: int64(x, omitZeros), y: int64(y, omitZeros) }, omitZeros);
  return { vertices: [v(box.x0, box.y0), v(box.x0, box.y1), v(box.x1, box.y1), v(box.x1, box.y0)] };
}

export function textDetection(rng: Seeded, width: number, height: number, codes: readonly string[], model: string, omitZeros: boolean): object {
  const blocks = layoutPage(rng, width, height, codes, { singleLine: model === 'line' });
  return {
    pages: [
      compact(
        {
          blocks: blocks.map((b) => ({
            boundingBox: polygon(b.box, omitZeros),
            lines: b.lines.map((l) => ({
              boundingBox: polygon(l.box, omitZeros),
              words: l.words.map((w) => ({
                boundingBox: polygon(w.box, omitZeros),
                languages: [{ languageCode: w.language, confidence: w.confidence }],
                text: w.text,
                confidence: w.confidence,
              })),
              confidence: l.confidence,
            })),
          })),
          width: int64(width, omitZeros),
          height: int64(height, omitZeros),
        },
        omitZeros,
      ),
    ],
  };
}

const QUALITY = ['low', 'medium', 'high'] as const;
const MODERATION = ['adult', 'gruesome', 'text', 'watermarks'] as const;

/** quality: three probabilities that sum to 1; moderation: four independent ones. */
export function classification(rng: Seeded, model: string): object {
  if (model === 'quality') {
    const raw = QUALITY.map(() => Math.exp(rng.next() * 6));
    const sum = raw.reduce((a, b) => a + b, 0);
    return { properties: QUALITY.map((name, i) => ({ name, probability: raw[i]! / sum })) };
  }
  return { properties: MODERATION.map((name) => ({ name, probability: rng.next() ** 3 })) };
}

/** 0–3 square-ish faces inside the image; none gives `{}` (the empty list is omitted). */
export function faceDetection(rng: Seeded, width: number, height: number, omitZeros: boolean): object {
  const count = Math.min(width, height) < 16 ? 0 : rng.int(0, 3);
  const faces = [];
  for (let i = 0; i < count; i++) {
    const side = Math.max(8, Math.round(Math.min(width, height) * (0.1 + rng.next() * 0.25)));
    const x0 = rng.int(0, Math.max(0, width - side));
    const y0 = rng.int(0, Math.max(0, height - side));
    faces.push({ boundingBox: polygon({ x0, y0, x1: Math.min(width, x0 + side), y1: Math.min(height, y0 + Math.round(side * 1.2)) }, omitZeros) });
  }
  return compact({ faces }, omitZeros);
}

/** copyCount as an int64 string; no copies gives `{}`. */
export function imageCopySearch(rng: Seeded, omitZeros: boolean): object {
  const copyCount = rng.int(0, 20);
  const topResults = [];
  for (let i = 0; i < Math.min(copyCount, 5); i++) {
    const id = Math.floor(rng.next() * 1e9).toString(36);
    topResults.push({ imageUrl: `https://images.example.net/${id}.jpg`, pageUrl: `example.org/gallery/${id}`, title: `Gallery ${id}`, description: `A copy of the picture (${id})` });
  }
  return compact({ topResults, copyCount: int64(copyCount, omitZeros) }, omitZeros);
}
