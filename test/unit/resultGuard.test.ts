import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { allWords, failedResult, type AnalysisResult } from '../../src/shared/analysisResult';
import { describeInvalidResult, isAnalysisResult } from '../../src/shared/resultGuard';
import { syntheticTextResult } from './resultFixtures';

/** Malformed variants are made by editing a valid result freely: that is what `any` is for here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const box = (x: number, y: number, w: number, h: number) => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];

/** A small result with every optional field given at least once. */
function everything(): AnalysisResult {
  return {
    provider: 'google',
    features: ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects'],
    image: { uri: 'file:///a/b.jpg', width: 640, height: 480, mime: 'image/jpeg', sha256: 'ab'.repeat(32) },
    text: {
      fullText: 'Hello world',
      pages: [{
        width: 640,
        height: 480,
        blocks: [{
          polygon: box(-7, 10, 200, 20),
          lines: [{
            polygon: box(-7, 10, 200, 20),
            text: 'Hello world',
            confidence: 0.9,
            words: [
              { polygon: box(-7, 10, 90, 20), text: 'Hello', confidence: 0.95, language: 'en' },
              { polygon: box(100, 10, 93, 20), text: 'world' },
            ],
          }],
        }],
      }],
      tables: [{ polygon: box(0, 0, 100, 50), rows: 1, columns: 2, cells: [
        { row: 0, column: 0, text: 'Hello', polygon: box(0, 0, 50, 50) },
        { row: 0, column: 1, rowSpan: 1, columnSpan: 1, text: 'world' },
      ] }],
    },
    faces: [
      { polygon: box(10, 10, 50, 50) },
      {
        polygon: box(100, 100, 50, 50),
        confidence: 0.98,
        landmarks: [{ type: 'LEFT_EYE', x: 110.5, y: 120.25, z: -0.0004 }, { type: 'NOSE_TIP', x: 120, y: 130 }],
        attributes: { age: 30, sex: 'female', emotion: 'Sadness', likelihoods: { joy: 'VERY_LIKELY' } },
        person: { tag: 'person9', similarity: 0.9987, aliases: ['person12'] },
      },
    ],
    labels: [
      { name: 'high', score: 0.99, group: 'classification' },
      { name: 'Ostrich Fern', score: 2.1489387, group: 'label' },
      { name: 'adult', score: 0, group: 'safeSearch' },
      { name: 'Packaged goods', score: 0.78, group: 'object', polygon: box(44, 786, 335, 414) },
    ],
    copies: { count: 3, matches: [{ pageUrl: 'https://example.com/', imageUrl: 'https://example.com/a.jpg', title: 't', description: 'd' }, { pageUrl: 'string' }] },
    errors: [{ feature: 'faces', code: 3, message: 'Bad' }, { feature: '*', code: 'API_KEY_INVALID', message: 'expired' }, { feature: 'labels', message: 'no code' }],
    raw: { responses: [{}] },
    timings: { prepareMs: 12, requestMs: 340.5, parseMs: 0 },
  };
}

/** A copy of `everything()` changed by `change`, and the problem the guard finds in it. */
function problemAfter(change: (r: Loose) => void, base: () => AnalysisResult = everything): string | undefined {
  const result: Loose = base();
  change(result);
  return describeInvalidResult(result);
}

describe('isAnalysisResult', () => {
  it('accepts a result with every optional field, and one with none', () => {
    assert.equal(describeInvalidResult(everything()), undefined);
    assert.equal(isAnalysisResult(everything()), true);
    const bare = problemAfter((r) => {
      for (const key of ['text', 'faces', 'labels', 'copies']) delete r[key];
      r.features = [];
      r.errors = [];
    });
    assert.equal(bare, undefined);
  });

  it('accepts what failedResult makes (size 0, empty mime and hash, raw null)', () => {
    assert.equal(describeInvalidResult(failedResult('yandex', ['text'], 'file:///x.png', 'boom')), undefined);
  });

  it('treats an optional field set to undefined as absent, and lets raw be anything', () => {
    assert.equal(problemAfter((r) => { r.text.pages[0].blocks[0].lines[0].words[0].confidence = undefined; r.faces = undefined; }), undefined);
    for (const raw of [undefined, null, 0, 'text', [1, [2]], { a: NaN }]) assert.equal(problemAfter((r) => { r.raw = raw; }), undefined);
    assert.equal(problemAfter((r) => { delete r.raw; }), undefined);
  });

  it('allows keys it does not know (a result written by a newer version)', () => {
    assert.equal(problemAfter((r) => { r.extra = 1; r.text.pages[0].rotation = 'ANGLE_0'; r.faces[0].angles = { roll: 1 }; }), undefined);
  });

  const cases: Array<[string, (r: Loose) => void, string]> = [
    ['NaN in a word polygon', (r) => { r.text.pages[0].blocks[0].lines[0].words[1].polygon[1].x = NaN; }, 'text.pages[0].blocks[0].lines[0].words[1].polygon[1].x: expected a finite number, got NaN'],
    ['Infinity', (r) => { r.text.pages[0].blocks[0].lines[0].polygon[3].y = Infinity; }, 'text.pages[0].blocks[0].lines[0].polygon[3].y: expected a finite number, got Infinity'],
    ['-Infinity in a landmark', (r) => { r.faces[1].landmarks[1].x = -Infinity; }, 'faces[1].landmarks[1].x: expected a finite number, got -Infinity'],
    ['a number as a string (Yandex int64)', (r) => { r.faces[0].polygon[0].x = '410'; }, 'faces[0].polygon[0].x: expected a finite number, got the string "410"'],
    ['a missing polygon', (r) => { delete r.text.pages[0].blocks[0].polygon; }, 'text.pages[0].blocks[0].polygon: missing'],
    ['a polygon that is not an array', (r) => { r.labels[3].polygon = { vertices: [] }; }, 'labels[3].polygon: expected an array of points, got an object'],
    ['a point that is null', (r) => { r.faces[0].polygon[2] = null; }, 'faces[0].polygon[2]: expected a point, got null'],
    ['a sparse polygon', (r) => { const sparse: unknown[] = new Array(2); sparse[1] = { x: 1, y: 1 }; r.faces[0].polygon = sparse; }, 'faces[0].polygon[0]: expected a point, got undefined'],
    ['a wrong label group', (r) => { r.labels[1].group = 'brand'; }, 'labels[1].group: expected one of classification|label|safeSearch|object|logo|landmark|cropHint|webEntity, got the string "brand"'],
    ['a landmark off the globe', (r) => { r.labels[1].locations = [{ latitude: 91, longitude: 0 }]; }, 'labels[1].locations[0].latitude: expected a latitude (−90 to 90), got 91'],
    ['a colour channel past 255', (r) => { r.colors = [{ red: 256, green: 0, blue: 0, score: 1, pixelFraction: 1 }]; }, 'colors[0].red: expected a number in 0–255, got 256'],
    ['a web image with an unknown match', (r) => { r.copies = { matches: [], images: [{ url: 'https://x', match: 'exact' }] }; }, 'copies.images[0].match: expected full|partial|similar, got the string "exact"'],
    ['face angles without tilt', (r) => { r.faces[0].attributes = { angles: { roll: 1, pan: 2 } }; }, 'faces[0].attributes.angles.tilt: missing'],
    ['a label without a score', (r) => { delete r.labels[0].score; }, 'labels[0].score: missing'],
    ['a likelihood score as a string', (r) => { r.labels[2].score = 'VERY_UNLIKELY'; }, 'labels[2].score: expected a finite number, got the string "VERY_UNLIKELY"'],
    ['an unknown feature', (r) => { r.features.push('ocr'); }, 'features[6]: expected a feature id, got the string "ocr"'],
    ['features not an array', (r) => { r.features = 'text'; }, 'features: expected an array, got the string "text"'],
    ['an error for an unknown feature', (r) => { r.errors[0].feature = 'all'; }, "errors[0].feature: expected a feature id or '*', got the string \"all\""],
    ['an error code that is an object', (r) => { r.errors[1].code = { reason: 'x' }; }, 'errors[1].code: expected a string or a finite number, got an object'],
    ['an error without a message', (r) => { delete r.errors[2].message; }, 'errors[2].message: missing'],
    ['errors missing', (r) => { delete r.errors; }, 'errors: missing'],
    ['an empty provider', (r) => { r.provider = ''; }, 'provider: expected a non-empty string, got the string ""'],
    ['a negative image width', (r) => { r.image.width = -1; }, 'image.width: expected a finite number ≥ 0, got -1'],
    ['an image without a hash', (r) => { delete r.image.sha256; }, 'image.sha256: missing'],
    ['timings missing a field', (r) => { delete r.timings.parseMs; }, 'timings.parseMs: missing'],
    ['a word without text', (r) => { r.text.pages[0].blocks[0].lines[0].words[0].text = 5; }, 'text.pages[0].blocks[0].lines[0].words[0].text: expected a string, got 5'],
    ['a language that is not a string', (r) => { r.text.pages[0].blocks[0].lines[0].words[0].language = ['en']; }, 'text.pages[0].blocks[0].lines[0].words[0].language: expected a string, got an array of 1'],
    ['an optional field set to null', (r) => { r.text.pages[0].blocks[0].lines[0].confidence = null; }, 'text.pages[0].blocks[0].lines[0].confidence: expected a finite number, got null'],
    ['fullText missing', (r) => { delete r.text.fullText; }, 'text.fullText: missing'],
    ['a table cell at a fractional row', (r) => { r.text.tables[0].cells[1].row = 0.5; }, 'text.tables[0].cells[1].row: expected an integer ≥ 0, got 0.5'],
    ['a table cell spanning 0 columns', (r) => { r.text.tables[0].cells[1].columnSpan = 0; }, 'text.tables[0].cells[1].columnSpan: expected an integer ≥ 1, got 0'],
    ['a table row count as a string', (r) => { r.text.tables[0].rows = '2'; }, 'text.tables[0].rows: expected an integer ≥ 0, got the string "2"'],
    ['a likelihood that is not a string', (r) => { r.faces[1].attributes.likelihoods.anger = 2; }, 'faces[1].attributes.likelihoods["anger"]: expected a string, got 2'],
    ['a person alias that is not a string', (r) => { r.faces[1].person.aliases.push(7); }, 'faces[1].person.aliases[1]: expected a string, got 7'],
    ['a person without a tag', (r) => { r.faces[1].person = {}; }, 'faces[1].person.tag: missing'],
    ['a copy without a page URL', (r) => { delete r.copies.matches[1].pageUrl; }, 'copies.matches[1].pageUrl: missing'],
    ['a copy count of NaN', (r) => { r.copies.count = NaN; }, 'copies.count: expected a finite number ≥ 0, got NaN'],
    ['faces as an object', (r) => { r.faces = { 0: r.faces[0], length: 1 }; }, 'faces: expected an array, got an object'],
    ['a long string where a number belongs', (r) => { r.timings.requestMs = 'x'.repeat(1_000_000); }, 'timings.requestMs: expected a finite number ≥ 0, got a string of 1000000 characters'],
  ];
  for (const [what, change, expected] of cases) {
    it(`rejects ${what}, naming the path`, () => {
      assert.equal(problemAfter(change), expected);
      const result: Loose = everything();
      change(result);
      assert.equal(isAnalysisResult(result), false);
    });
  }

  it('rejects what is not an object at all', () => {
    for (const value of [undefined, null, 42, 'result', [], true]) {
      assert.match(describeInvalidResult(value)!, /^\(root\): expected an object, got /);
      assert.equal(isAnalysisResult(value), false);
    }
  });

  it('does not let __proto__ keys or inherited fields stand in for missing ones', () => {
    // JSON.parse makes "__proto__" an ordinary own key; it must neither crash nor count.
    const parsed = JSON.parse(JSON.stringify(everything()).replace('"text":"world"', '"__proto__":{"text":"world"}'));
    assert.equal(describeInvalidResult(parsed), 'text.pages[0].blocks[0].lines[0].words[1].text: missing');
    assert.equal(describeInvalidResult(JSON.parse(`{"__proto__":${JSON.stringify(everything())}}`)), 'provider: missing');
    const withProtoKey = JSON.parse(JSON.stringify(everything()).replace('"provider"', '"__proto__":{"polluted":true},"provider"'));
    assert.equal(describeInvalidResult(withProtoKey), undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    const inherited = Object.create(everything()) as object;
    assert.equal(describeInvalidResult(inherited), 'provider: missing');
    const nullPrototype = Object.assign(Object.create(null) as object, everything());
    assert.equal(describeInvalidResult(nullPrototype), undefined);
  });

  it('never throws, even on getters that throw and hostile proxies', () => {
    const getter = everything();
    Object.defineProperty(getter.image, 'width', { enumerable: true, get: () => { throw new Error('gotcha'); } });
    assert.equal(describeInvalidResult(getter), '(root): could not be read (Error)');
    const proxy = new Proxy({}, { has: () => { throw new TypeError('no'); }, getOwnPropertyDescriptor: () => { throw new TypeError('no'); }, get: () => { throw new TypeError('no'); } });
    assert.equal(describeInvalidResult(proxy), '(root): could not be read (TypeError)');
    assert.equal(isAnalysisResult(proxy), false);
  });

  it('handles deeply nested garbage without recursing into it', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = { pages: [deep] };
    assert.equal(problemAfter((r) => { r.text = deep; }), 'text.fullText: missing');
    assert.equal(problemAfter((r) => { r.text.pages = (deep as { pages: unknown }).pages; }), 'text.pages[0].width: missing');
    assert.equal(problemAfter((r) => { r.raw = deep; }), undefined);
  });

  it('walks huge arrays and points at the one bad element', () => {
    const points = Array.from({ length: 1_000_000 }, (_, i) => ({ x: i, y: i }));
    assert.equal(problemAfter((r) => { r.faces[0].polygon = points; }), undefined);
    points[999_999] = { x: 1, y: Number.NaN };
    assert.equal(problemAfter((r) => { r.faces[0].polygon = points; }), 'faces[0].polygon[999999].y: expected a finite number, got NaN');
    assert.equal(problemAfter((r) => { r.features = new Array<string>(1_000_000).fill('text'); }), undefined);
  });
});

describe('isAnalysisResult on big results', () => {
  it('finds the bad coordinate deep in a synthetic page', () => {
    const result: Loose = syntheticTextResult(2_000, 7);
    result.text.pages[0].blocks[2].lines[0].words[5].polygon[1].x = NaN;
    assert.equal(describeInvalidResult(result), 'text.pages[0].blocks[2].lines[0].words[5].polygon[1].x: expected a finite number, got NaN');
  });

  it('checks 20,000 words in a few milliseconds', function () {
    const result = syntheticTextResult(20_000, 1);
    assert.equal(allWords(result.text!).length, 20_000);
    assert.equal(isAnalysisResult(result), true); // warm up
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      isAnalysisResult(result);
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[3]!;
    this.test!.title += ` (median ${median.toFixed(1)} ms)`;
    // Generous for slow CI machines; locally it is ~2–4 ms.
    assert.ok(median < 50, `median ${median.toFixed(1)} ms`);
  });
});
