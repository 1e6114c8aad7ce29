import assert from 'node:assert/strict';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import { int, parseBatchAnalyzeResult, parseRecognizeText } from '../../src/providers/yandex/yandexParser';
import { loadResultFixture } from './resultFixtures';

const identity = (p: Array<{ x: number; y: number }>) => p;
/** The findings of a fixture, as a parser should produce them (the fields the parser fills). */
const findings = (r: AnalysisResult) => JSON.parse(JSON.stringify({ text: r.text, faces: r.faces, labels: r.labels, copies: r.copies, errors: r.errors })) as unknown;

describe('Yandex parser: every documented answer gives the normalized result', () => {
  const batch = [
    'yandex-batchanalyze-text-1',
    'yandex-batchanalyze-classification-quality-1',
    'yandex-batchanalyze-classification-moderation-1',
    'yandex-batchanalyze-face-detection-1',
    'yandex-batchanalyze-image-copy-search-1',
    'yandex-batchanalyze-error-feature-1',
    'yandex-batchanalyze-error-file-1',
    'yandex-batchanalyze-partial-faces-text-error',
  ];
  for (const name of batch) {
    it(`batchAnalyze: ${name}`, () => {
      const fixture = loadResultFixture(name);
      const raw = fixture.raw as { results: unknown[] };
      const parsed = parseBatchAnalyzeResult(raw.results[0], fixture.features, identity, fixture.image);
      assert.deepEqual(findings({ ...fixture, ...parsed }), findings(fixture));
    });
  }
  for (const name of ['yandex-ocr-recognize-text-1', 'yandex-ocr-recognize-table-1', 'yandex-ocr-recognize-table-2', 'yandex-ocr-recognize-handwritten-1']) {
    it(`OCR recognizeText (JSON Lines): ${name}`, () => {
      const fixture = loadResultFixture(name);
      const text = parseRecognizeText(fixture.raw as unknown[], identity, fixture.image);
      assert.deepEqual(JSON.parse(JSON.stringify(text)), JSON.parse(JSON.stringify(fixture.text)));
    });
  }
});

describe('Yandex parser: tolerant of the wire quirks', () => {
  it('reads int64 strings and omitted zeros', () => {
    assert.deepEqual([int('460'), int(12), int(undefined), int('-1'), int('string'), int('')], [460, 12, 0, -1, 0, 0]);
    const entry = { results: [{ faceDetection: { faces: [{ boundingBox: { vertices: [{ y: '5' }, { x: '9' }, { x: '9', y: '5' }, {}] } }] } }] };
    assert.deepEqual(parseBatchAnalyzeResult(entry, ['faces'], identity, { width: 10, height: 10 }).faces, [{ polygon: [{ x: 0, y: 5 }, { x: 9, y: 0 }, { x: 9, y: 5 }, { x: 0, y: 0 }] }]);
  });

  it('never throws on shapes it did not expect', () => {
    const features: FeatureId[] = ['text', 'faces', 'labels', 'copies'];
    for (const junk of [null, 1, 'x', [], {}, { results: 'x' }, { results: [null, 1, { textDetection: 5 }, { error: 'x' }] }, { error: null }]) {
      assert.doesNotThrow(() => parseBatchAnalyzeResult(junk, features, identity, { width: 1, height: 1 }), JSON.stringify(junk));
    }
    assert.doesNotThrow(() => parseRecognizeText([null, {}, { result: { textAnnotation: { blocks: [null, { lines: 'x' }], tables: [{}] } } }], identity, { width: 1, height: 1 }));
  });

  it('keeps the Markdown the markdown models write, and not the page model\'s lone space', () => {
    const page = (markdown: string) => ({ result: { textAnnotation: { width: '10', height: '10', blocks: [], fullText: 'x', markdown }, page: '0' } });
    assert.equal(parseRecognizeText([page('# Title\n\n| a | b |'), page('second')], identity, { width: 10, height: 10 }).markdown, '# Title\n\n| a | b |\n\nsecond');
    assert.equal(parseRecognizeText([page(' ')], identity, { width: 10, height: 10 }).markdown, undefined);
  });

  it('maps every polygon through the transform it is given', () => {
    const fixture = loadResultFixture('yandex-batchanalyze-text-1');
    const halve = (p: Array<{ x: number; y: number }>) => p.map(({ x, y }) => ({ x: x / 2, y: y / 2 }));
    const parsed = parseBatchAnalyzeResult((fixture.raw as { results: unknown[] }).results[0], ['text'], halve, fixture.image);
    assert.deepEqual(parsed.text!.pages[0]!.blocks[0]!.lines[0]!.words[0]!.polygon[0], { x: 252, y: 380 });
  });
});
