import assert from 'node:assert/strict';
import { objectNamed, objectsOf, readEnvelope, type SmartyObject } from '../../src/providers/smarty/smartyEnvelope';
import { parseAdultObject, parseObjectsDetect, parsePersonsObject, parseTextObject } from '../../src/providers/smarty/smartyParser';
import type { AnalysisResult, Findings } from '../../src/shared/analysisResult';
import type { Polygon } from '../../src/shared/geometry';
import { formatOnly as t } from '../../src/shared/localize';
import { loadResultFixture } from './resultFixtures';

const identity = (p: Polygon) => p;
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const findingsOf = (r: Pick<AnalysisResult, 'text' | 'faces' | 'labels' | 'copies' | 'errors'>) => plain({ text: r.text, faces: r.faces, labels: r.labels, copies: r.copies, errors: r.errors });

/** The objects of a fixture's raw envelope. */
function objects(fixture: AnalysisResult): SmartyObject[] {
  const envelope = readEnvelope(fixture.raw, 200);
  assert.ok(envelope.ok);
  return envelope.ok ? objectsOf(envelope.body) : [];
}

describe('Smarty parser: every documented answer gives its normalized fixture', () => {
  const recognize: Array<[string, string]> = [
    ['vk-persons-recognize-1', 'file_2'],
    ['vk-persons-recognize-1-aliases', 'file_3'],
    ['vk-persons-recognize-1-unknown-tag', 'file_4'],
    ['vk-persons-recognize-1-no-face', 'file_0'],
    ['vk-persons-recognize-1-bad-image', 'file_1'],
  ];
  for (const [name, file] of recognize) {
    it(`persons/recognize: ${name} (${file})`, () => {
      const fixture = loadResultFixture(name);
      const parsed: Findings = parsePersonsObject(objectNamed(objects(fixture), file), identity, t);
      assert.deepEqual(findingsOf({ ...fixture, ...parsed }), findingsOf(fixture));
    });
  }

  it('text/recognize detailed: vk-text-recognize-1 (fractional coord × the image size)', () => {
    const fixture = loadResultFixture('vk-text-recognize-1');
    const parsed = parseTextObject(objectNamed(objects(fixture), 'file_0'), identity, fixture.image, fixture.image, t);
    assert.deepEqual(plain(parsed.text), plain(fixture.text));
    assert.deepEqual(parsed.errors, []);
  });

  it('an error envelope: vk-error-1 (feature *, code = its status)', () => {
    const fixture = loadResultFixture('vk-error-1');
    const envelope = readEnvelope(fixture.raw, 200);
    assert.ok(!envelope.ok);
    if (!envelope.ok) assert.deepEqual(plain([{ feature: '*', code: envelope.status, message: envelope.message }]), plain(fixture.errors));
  });
});

describe('Smarty parser: beyond the documented examples', () => {
  const object = (raw: Record<string, unknown>): SmartyObject => objectsOf({ objects: [{ name: 'file_0', status: 0, ...raw }] })[0]!;

  it('maps faces through the transform; status 2 and a missing answer are errors of the whole image', () => {
    const double = (p: Polygon) => p.map(({ x, y }) => ({ x: x * 2, y: y * 2 }));
    const parsed = parsePersonsObject(object({ persons: [{ tag: 'person1', coord: [10, 20, 30, 40], similarity: 0.9 }, { coord: [1, 2] }] }), double, t);
    assert.deepEqual(parsed.faces, [{ polygon: [{ x: 20, y: 40 }, { x: 60, y: 40 }, { x: 60, y: 80 }, { x: 20, y: 80 }], person: { tag: 'person1', similarity: 0.9 } }]);
    assert.deepEqual(parsePersonsObject(object({ status: 2 }), identity, t).errors, [{ feature: '*', code: 2, message: 'a temporary error; try again later' }]);
    assert.deepEqual(parsePersonsObject(undefined, identity, t).errors, [{ feature: '*', message: 'Smarty did not answer for this image' }]);
  });

  it('text in pixels stays in pixels; lines far apart become separate blocks', () => {
    const word = (text: string, y: number, x = 10) => ({ text, prob: 0.9, lang: 'rus', coord: [x, y, x + 40, y + 20] });
    const line = (y: number, ...texts: string[]) => ({ line_prob: 0.8, line_coord: [10, y, 200, y + 20], words: texts.map((w, i) => word(w, y, 10 + i * 50)) });
    const parsed = parseTextObject(object({ results: [line(10, 'один', 'два'), line(35, 'три'), line(200, 'четыре')] }), identity, { width: 400, height: 300 }, { width: 400, height: 300 }, t);
    const page = parsed.text!.pages[0]!;
    assert.equal(parsed.text!.fullText, 'один два\nтри\nчетыре');
    assert.deepEqual(page.blocks.map((b) => b.lines.map((l) => l.text)), [['один два', 'три'], ['четыре']]);
    assert.deepEqual(page.blocks[0]!.lines[0]!.words[1]!.polygon[0], { x: 60, y: 10 });
    assert.equal(page.blocks[0]!.lines[0]!.words[0]!.language, 'rus');
    const brief = parseTextObject(object({ text: 'plain text' }), identity, { width: 4, height: 4 }, { width: 4, height: 4 }, t);
    assert.equal(brief.text!.fullText, 'plain text');
  });

  it('objects/detect: multiobject boxes as object labels, scenes as labels, a failed mode as an error beside them', () => {
    const body = {
      multiobject_labels: [{ status: 0, name: 'file_0', labels: [{ eng: 'Person', rus: 'Человек', prob: 0.9, coord: [1, 2, 11, 22] }, { rus: 'только', prob: 0.5 }] }],
      scene_labels: [{ status: 2, name: 'file_0' }],
      object_labels: [{ status: 0, name: 'file_1', labels: [{ eng: 'Other image', prob: 1 }] }],
    };
    const parsed = parseObjectsDetect(body, 'file_0', identity, t);
    assert.deepEqual(parsed.labels, [
      { name: 'Person', score: 0.9, group: 'object', polygon: [{ x: 1, y: 2 }, { x: 11, y: 2 }, { x: 11, y: 22 }, { x: 1, y: 22 }] },
      { name: 'только', score: 0.5, group: 'object' },
    ]);
    // object_labels has no entry for file_0 (not answered), scene_labels a temporary error.
    assert.deepEqual(parsed.errors.map((e) => [e.feature, e.code]), [['labels', undefined], ['labels', 2]]);
    assert.deepEqual(parseObjectsDetect(body, 'file_1', identity, t).labels, [{ name: 'Other image', score: 1, group: 'object' }]);
  });

  it('adult/detect: the safe score as a safe-search label', () => {
    assert.deepEqual(parseAdultObject(object({ safe: 0.55 }), t).labels, [{ name: 'safe', score: 0.55, group: 'safeSearch' }]);
    assert.deepEqual(parseAdultObject(object({ status: 1, error: 'bad' }), t).errors, [{ feature: 'labels', code: 1, message: 'bad' }]);
  });

  it('never throws on shapes it did not expect', () => {
    for (const junk of [{}, { persons: 'x' }, { persons: [null, 1, { coord: 'x' }] }, { results: [null, { words: [null, { coord: [1] }] }] }, { labels: 5 }]) {
      const o = object(junk);
      assert.doesNotThrow(() => parsePersonsObject(o, identity, t));
      assert.doesNotThrow(() => parseTextObject(o, identity, { width: 1, height: 1 }, { width: 1, height: 1 }, t));
      assert.doesNotThrow(() => parseAdultObject(o, t));
      assert.doesNotThrow(() => parseObjectsDetect({ multiobject_labels: [junk], scene_labels: 'x' }, 'file_0', identity, t));
    }
  });
});
