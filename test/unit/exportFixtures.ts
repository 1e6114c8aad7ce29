import sharp from 'sharp';
import type { AnalysisResult, Word } from '../../src/shared/analysisResult';
import type { Point, Polygon } from '../../src/shared/geometry';

/**
 * Inputs for the export tests: a hand-made result with what an export must survive (untrusted
 * text with markup, pipes, quotes and line breaks, a Cyrillic word, rotated words given both
 * clockwise and counter-clockwise), and real images to put under results.
 */

/**
 * A word's box turned `degrees` counter-clockwise (as seen) about its bottom left, as a provider
 * gives it: top left, top right, bottom right, bottom left; `counterClockwise` lists them the
 * other way round from the top left, as Yandex does.
 */
export function turnedBox(bottomLeft: Point, width: number, height: number, degrees: number, counterClockwise = false): Polygon {
  const a = (degrees * Math.PI) / 180;
  const along = { x: Math.cos(a), y: -Math.sin(a) };
  const up = { x: -Math.sin(a), y: -Math.cos(a) };
  const at = (s: number, t: number): Point => ({ x: bottomLeft.x + along.x * s + up.x * t, y: bottomLeft.y + along.y * s + up.y * t });
  const [tl, tr, br, bl] = [at(0, height), at(width, height), at(width, 0), at(0, 0)];
  return counterClockwise ? [tl, bl, br, tr] : [tl, tr, br, bl];
}

const word = (text: string, polygon: Polygon, extra: Partial<Word> = {}): Word => ({ text, polygon, ...extra });

/** Words far enough apart (more than 0.6 of their height) that a PDF reader keeps each one apart. */
export const UNTRUSTED_WORDS = {
  script: '<script>alert("x")</script>',
  pipes: 'a|b&c',
  quotes: `"it's"`,
  cyrillic: 'Привет',
  broken: 'two\nlines',
  backticks: '```fence',
};

export function handMadeResult(): AnalysisResult {
  const line1 = [
    word(UNTRUSTED_WORDS.script, turnedBox({ x: 20, y: 60 }, 220, 30, 0), { confidence: 0.91, language: 'en' }),
    word(UNTRUSTED_WORDS.pipes, turnedBox({ x: 300, y: 60 }, 80, 30, 0), { confidence: 0.5 }),
    word(UNTRUSTED_WORDS.quotes, turnedBox({ x: 420, y: 60 }, 60, 30, 0), { language: '*' }),
  ];
  const line2 = [
    word(UNTRUSTED_WORDS.cyrillic, turnedBox({ x: 20, y: 130 }, 150, 36, 0), { confidence: 0.99, language: 'ru' }),
    word(UNTRUSTED_WORDS.broken, turnedBox({ x: 220, y: 130 }, 160, 36, 0)),
    word(UNTRUSTED_WORDS.backticks, turnedBox({ x: 420, y: 130 }, 150, 36, 0)),
  ];
  // A line turned 30° up, its two words given in the two turns providers use.
  const line3 = [word('rotated', turnedBox({ x: 60, y: 360 }, 140, 32, 30), { confidence: 0.8 }), word('word', turnedBox({ x: 60 + 210 * Math.cos(Math.PI / 6), y: 360 - 210 * Math.sin(Math.PI / 6) }, 90, 32, 30, true))];
  const lines = [line1, line2, line3].map((words) => ({ polygon: [] as Polygon, text: words.map((w) => w.text).join(' '), words }));
  return {
    provider: 'test',
    features: ['text', 'faces', 'labels', 'copies'],
    image: { uri: 'file:///tmp/hand%20made.png', width: 600, height: 400, mime: 'image/png', sha256: '0'.repeat(64) },
    text: {
      fullText: lines.map((l) => l.text).join('\n'),
      pages: [{ width: 600, height: 400, blocks: [{ polygon: [], lines: lines.slice(0, 2) }, { polygon: [], lines: lines.slice(2) }] }],
    },
    faces: [{ polygon: turnedBox({ x: 400, y: 380 }, 100, 100, 0), confidence: 0.97, attributes: { age: 31, sex: 'female', emotion: 'joy|<b>' }, person: { tag: 'Ann\n| Lee', similarity: 0.8765 } }],
    labels: [
      { name: 'cat | *dog*', score: 0.91234, group: 'label' },
      { name: 'adult', score: 0.1, group: 'safeSearch', likelihood: 'VERY_UNLIKELY' },
    ],
    copies: {
      count: 2,
      matches: [
        { pageUrl: 'https://example.com/a|b?q=<x>', title: '[click](javascript:alert(1)) & `code`' },
        { pageUrl: 'javascript:alert(1)', title: 'evil\ntitle', imageUrl: 'https://example.com/i.png' },
      ],
    },
    errors: [{ feature: 'persons', code: 'E|1', message: 'failed\n# not a heading' }],
    raw: { big: 'x'.repeat(1000) },
    timings: { prepareMs: 1, requestMs: 2, parseMs: 3 },
  };
}

/** A plain image of the given size, as the PDF export takes it. */
export async function solidImage(width: number, height: number, mime: 'image/jpeg' | 'image/png'): Promise<{ bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' }> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 180, b: 120 } } });
  const bytes = await (mime === 'image/jpeg' ? image.jpeg() : image.png()).toBuffer();
  return { bytes: new Uint8Array(bytes), mime };
}
