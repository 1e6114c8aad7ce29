/**
 * Known images: for each documented Yandex example there is an image here of the size that
 * example implies (a generated PNG, since the docs never published their pictures). Sent to the
 * emulator, it gets the documented body back verbatim — so parser output on the wire can be
 * compared with the normalized fixtures in test/fixtures/results. Any other image gets a
 * synthetic answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inspect, patternPng } from './image';

/** Compiled to out/test/emulators/yandex: the repo root is four levels up. */
const RESULTS_DIR = path.resolve(__dirname, '../../../../test/fixtures/results');

/** A batchAnalyze answer key: the feature type, and the model for CLASSIFICATION. */
export type VisionKey = 'TEXT_DETECTION' | 'CLASSIFICATION:quality' | 'CLASSIFICATION:moderation' | 'FACE_DETECTION' | 'IMAGE_COPY_SEARCH';

export interface KnownImage {
  name: string;
  /** A decodable PNG; its SHA-256 is what the emulator recognizes. */
  png: Buffer;
  sha256: string;
  width: number;
  height: number;
  /** The annotation object for each feature, as it goes under `textDetection`, `classification`… */
  vision: Partial<Record<VisionKey, object>>;
  /** One JSON Lines object (`{result: {…}}`) per OCR model. */
  ocr: Partial<Record<string, object>>;
}

function raw(fixture: string): unknown {
  return (JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, `${fixture}.json`), 'utf8')) as { raw: unknown }).raw;
}

/** results[0].results[0][key] of a batchAnalyze example. */
function firstFeature(fixture: string, key: string): object {
  const body = raw(fixture) as { results: { results: Record<string, object>[] }[] };
  return body.results[0]!.results[0]![key]!;
}

/** The first line of a JSON Lines example (fixtures keep `.jsonl` examples as arrays of lines). */
function firstLine(fixture: string): object {
  return (raw(fixture) as object[])[0]!;
}

/**
 * Seed 002's documented IMAGE_COPY_SEARCH answer (the examples folder only has the schema
 * template). The doc prints copyCount as the number 13; on the wire an int64 is a string.
 */
const COPY_SEARCH = {
  topResults: [
    {
      imageUrl: 'https://i.mycdn.me/i?r=AzEPZsRbOZEKgBhR0XGMT1RkPP9W1BmgpMQhwHsyiKHQlqaKTM5SRkZCeTgDn6uOyic',
      pageUrl: 'www.wallpaperinhd.net/leonardo-dicaprio-wallpaper-22/',
      title: 'Leonardo DiCaprio Wallpaper 22 - Desktop Wallpapers HD Free Backgrounds',
      description: 'Leonardo DiCaprio Wallpaper 22',
    },
    {
      imageUrl: 'https://sun9-68.userapi.com/c635102/v635102124/51ccb/-wkH1Q727zI.jpg',
      pageUrl: 'vk.com/wall-22890129_219793',
      title: 'Стена ВКонтакте',
      description: 'Любовь с первого взгляда?',
    },
  ],
  copyCount: '13',
};

function known(name: string, width: number, height: number, vision: KnownImage['vision'], ocr: KnownImage['ocr'] = {}): KnownImage {
  const png = patternPng(`yandex-known-${name}`, width, height);
  return { name, png, sha256: inspect(png).sha256, width, height, vision, ocr };
}

let cache: KnownImage[] | undefined;

/** The known images, built once (a few kilobytes each). */
export function knownImages(): KnownImage[] {
  cache ??= [
    known('penguins', 1920, 1280, { TEXT_DETECTION: firstFeature('yandex-batchanalyze-text-1', 'textDetection') }, { page: firstLine('yandex-ocr-recognize-text-1') }),
    // The quality doc puts its properties under `faceDetection` (a doc bug); the service says `classification`.
    known('quality', 1024, 768, { 'CLASSIFICATION:quality': firstFeature('yandex-batchanalyze-classification-quality-1', 'faceDetection') }),
    known('moderation', 1024, 768, { 'CLASSIFICATION:moderation': firstFeature('yandex-batchanalyze-classification-moderation-1', 'classification') }),
    known('face', 800, 600, { FACE_DETECTION: firstFeature('yandex-batchanalyze-face-detection-1', 'faceDetection') }),
    known('copies', 1024, 768, { IMAGE_COPY_SEARCH: COPY_SEARCH }),
    known('handwritten', 241, 162, {}, { handwritten: firstLine('yandex-ocr-recognize-handwritten-1') }),
    known('table', 724, 131, {}, { table: firstLine('yandex-ocr-recognize-table-1') }),
    known('table-ru', 97, 81, {}, { table: firstLine('yandex-ocr-recognize-table-2') }),
  ];
  return cache;
}

export function knownBySha(sha256: string): KnownImage | undefined {
  return knownImages().find((k) => k.sha256 === sha256);
}
