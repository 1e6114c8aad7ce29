import assert from 'node:assert/strict';
import type { AnalysisResult, Findings } from '../../src/shared/analysisResult';
import type { Polygon } from '../../src/shared/geometry';
import { errorReason, parseAnnotateResponse, requestErrorOf, type AnnotateContext } from '../../src/providers/google/googleParser';
import { paragraphLines } from '../../src/providers/google/googleText';
import { plainTitle } from '../../src/providers/google/googleWeb';
import { loadResultFixture, resultFixtureNames } from './resultFixtures';

const identity = (p: Polygon) => p;
const contextFor = (result: AnalysisResult): AnnotateContext => ({ map: identity, sent: result.image, upright: result.image });

/** The findings a fixture holds (what the parser must give for its raw response). */
function findingsOf(result: AnalysisResult): Findings {
  const { text, faces, labels, copies, colors, errors } = result;
  return JSON.parse(JSON.stringify({ text, faces, labels, copies, colors, errors })) as Findings;
}

/** The entry for the image: the example wrapped in `responses[]`, or saved unwrapped (SOURCES.md, Google quirk 6). */
function entryOf(raw: unknown): unknown {
  const responses = (raw as { responses?: unknown[] }).responses;
  return responses ? responses[0] : raw;
}

/** A paragraph of words, each `[text, break?]`, with one symbol per character and the break on the last. */
function paragraph(...words: Array<[string, string?]>) {
  return {
    words: words.map(([text, type], i) => ({
      boundingBox: { vertices: [{ x: i * 10 }, { x: i * 10 + 8 }, { x: i * 10 + 8, y: 10 }, { x: i * 10, y: 10 }] },
      confidence: 0.5 + i / 100,
      symbols: [...text].map((ch, j, all) => ({ text: ch, ...(type && j === all.length - 1 ? { property: { detectedBreak: { type } } } : {}) })),
    })),
  };
}

describe('Google parser', () => {
  const names = resultFixtureNames().filter((n) => n.startsWith('google-') && !n.startsWith('google-error-request'));

  for (const name of names) {
    it(`parses ${name} into its normalized fixture`, () => {
      const fixture = loadResultFixture(name);
      const found = parseAnnotateResponse(entryOf(fixture.raw), contextFor(fixture));
      assert.deepEqual(JSON.parse(JSON.stringify(found)), findingsOf(fixture));
    });
  }

  it('turns a request-level error body into one image\'s error, coded by its ErrorInfo reason', () => {
    const fixture = loadResultFixture('google-error-request-api-key-1');
    assert.deepEqual([requestErrorOf(fixture.raw)], fixture.errors);
    assert.equal(errorReason({ error: { errors: [{ reason: 'accessNotConfigured' }] } }), 'accessNotConfigured');
    assert.deepEqual(requestErrorOf({ error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota' } }), { feature: '*', code: 'RESOURCE_EXHAUSTED', message: 'Quota' });
  });

  it('rebuilds lines from the breaks: spaces, wraps, hyphens, and punctuation that sticks to its word', () => {
    const lines = paragraphLines(paragraph(['Hello', undefined], [',', 'SPACE'], ['won', 'HYPHEN'], ['derful', 'SURE_SPACE'], ['world', 'EOL_SURE_SPACE'], ['again', 'LINE_BREAK']), identity);
    assert.deepEqual(lines.map((l) => l.text), ['Hello, won-', 'derful world', 'again']);
    assert.deepEqual(lines.map((l) => l.words.map((w) => w.text)), [['Hello', ',', 'won'], ['derful', 'world'], ['again']]);
    assert.deepEqual(lines[0]!.polygon, [{ x: 0, y: 0 }, { x: 28, y: 0 }, { x: 28, y: 10 }, { x: 0, y: 10 }]);
    assert.ok(Math.abs(lines[0]!.confidence! - 0.51) < 1e-9);
    // A paragraph that ends without a break still ends its line; an empty one has none.
    assert.deepEqual(paragraphLines(paragraph(['a', 'SPACE'], ['b']), identity).map((l) => l.text), ['a b']);
    assert.deepEqual(paragraphLines({}, identity), []);
  });

  it('honours a break that comes before its symbol', () => {
    const p = { words: [{ symbols: [{ text: 'a' }] }, { symbols: [{ text: 'b', property: { detectedBreak: { type: 'SPACE', isPrefix: true } } }] }] };
    assert.deepEqual(paragraphLines(p, identity).map((l) => l.text), ['a b']);
  });

  it('scales normalized vertices by the sent image and maps them to the original', () => {
    const entry = { localizedObjectAnnotations: [{ name: 'Cat', score: 0.9, boundingPoly: { normalizedVertices: [{ y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.5, y: 1 }, { x: 0, y: 1 }] } }] };
    const double = (p: Polygon) => p.map(({ x, y }) => ({ x: x * 2, y: y * 2 }));
    const found = parseAnnotateResponse(entry, { map: double, sent: { width: 100, height: 50 }, upright: { width: 200, height: 100 } });
    assert.deepEqual(found.labels, [{ name: 'Cat', score: 0.9, group: 'object', polygon: [{ x: 0, y: 50 }, { x: 100, y: 50 }, { x: 100, y: 100 }, { x: 0, y: 100 }] }]);
  });

  it('reads omitted zeros as zeros, and {} as nothing found', () => {
    const found = parseAnnotateResponse({ logoAnnotations: [{ description: 'X', boundingPoly: { vertices: [{}, { x: 5 }, { x: 5, y: 5 }, { y: 5 }] } }] }, contextFor(loadResultFixture('google-logo-detection-1')));
    assert.deepEqual(found.labels, [{ name: 'X', score: 0, group: 'logo', polygon: [{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 5 }, { x: 0, y: 5 }] }]);
    assert.deepEqual(parseAnnotateResponse({}, contextFor(loadResultFixture('google-logo-detection-1'))), { errors: [] });
  });

  it('gives landmarks their box and where they are, and keeps a per-image error beside findings', () => {
    const entry = {
      landmarkAnnotations: [{ mid: '/m/0c7zy', description: 'Petra', score: 0.57, boundingPoly: { vertices: [{ x: 10, y: 20 }, { x: 30, y: 20 }, { x: 30, y: 40 }, { x: 10, y: 40 }] }, locations: [{ latLng: { latitude: 30.3285, longitude: 35.4444 } }, { latLng: {} }, { latLng: { latitude: 300 } }] }],
      error: { code: 13, message: 'Internal' },
    };
    const found = parseAnnotateResponse(entry, contextFor(loadResultFixture('google-logo-detection-1')));
    assert.deepEqual(found.labels, [{ name: 'Petra', score: 0.57, group: 'landmark', polygon: [{ x: 10, y: 20 }, { x: 30, y: 20 }, { x: 30, y: 40 }, { x: 10, y: 40 }], locations: [{ latitude: 30.3285, longitude: 35.4444 }, { latitude: 0, longitude: 0 }] }]);
    assert.deepEqual(found.errors, [{ feature: '*', code: 13, message: 'Internal' }]);
  });

  it('falls back to textAnnotations when there is no fullTextAnnotation, and gives leftover words a line each', () => {
    const word = (description: string, x: number) => ({ description, boundingPoly: { vertices: [{ x }, { x: x + 5 }, { x: x + 5, y: 5 }, { x, y: 5 }] } });
    const found = parseAnnotateResponse({ textAnnotations: [{ locale: 'en', description: 'ab c\nd\n' }, word('ab', 0), word('c', 10), word('d', 20), word('zz', 30)] }, contextFor(loadResultFixture('google-logo-detection-1')));
    assert.equal(found.text!.fullText, 'ab c\nd\n');
    assert.deepEqual(found.text!.pages[0]!.blocks[0]!.lines.map((l) => [l.text, l.words.length]), [['ab c', 2], ['d', 1], ['zz', 1]]);
  });

  it('makes page titles plain text', () => {
    assert.equal(plainTitle('How to Care for &lt;b&gt;Ferns&lt;/b&gt; | Garden &amp; Home &#8211; &#x41;'), 'How to Care for Ferns | Garden & Home – A');
    assert.equal(plainTitle('<script>x</script> &bogus;'), 'x &bogus;');
  });
});
