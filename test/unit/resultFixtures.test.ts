import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allWords, FEATURE_IDS, type AnalysisResult } from '../../src/shared/analysisResult';
import type { Polygon } from '../../src/shared/geometry';
import { isAnalysisResult } from '../../src/shared/resultGuard';
import { loadResultFixture, readResultFixtureIndex, RESULT_FIXTURES_DIR, syntheticTextResult } from './resultFixtures';

/**
 * The example responses the fixtures were derived from live beside the repo, not in it: on a
 * machine without them (CI) the comparison against them is skipped, and the fixtures, which
 * carry their raw responses, stand alone.
 */
const EXAMPLES_DIR = path.resolve(RESULT_FIXTURES_DIR, '../../../../shared/api/examples');

function readExample(file: string): unknown {
  const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
  // A .jsonl example is one JSON object per page; its fixture's raw is the array of them.
  return file.endsWith('.jsonl') ? text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown) : JSON.parse(text);
}

function polygonsOf(result: AnalysisResult): Polygon[] {
  const polygons: Polygon[] = [];
  for (const page of result.text?.pages ?? []) {
    for (const block of page.blocks) {
      polygons.push(block.polygon);
      for (const line of block.lines) polygons.push(line.polygon, ...line.words.map((w) => w.polygon));
    }
  }
  for (const table of result.text?.tables ?? []) polygons.push(table.polygon, ...table.cells.flatMap((c) => (c.polygon ? [c.polygon] : [])));
  for (const face of result.faces ?? []) polygons.push(face.polygon, (face.landmarks ?? []).map(({ x, y }) => ({ x, y })));
  for (const label of result.labels ?? []) if (label.polygon) polygons.push(label.polygon);
  return polygons;
}

describe('result fixtures', () => {
  const index = readResultFixtureIndex();
  const names = Object.keys(index.fixtures);
  const all = new Map(names.map((name) => [name, loadResultFixture(name)] as const));

  it('lists every fixture file in index.json, and only existing ones', () => {
    const files = fs.readdirSync(RESULT_FIXTURES_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => f.slice(0, -5));
    assert.deepEqual([...files].sort(), [...names].sort());
  });

  it('are all valid AnalysisResults that carry their provider response', () => {
    for (const [name, result] of all) {
      assert.ok(isAnalysisResult(result), name);
      assert.notEqual(result.raw, undefined, `${name} has no raw`);
      assert.ok(index.fixtures[name]!.sources.length > 0, `${name} names no source`);
    }
  });

  it('have their boxes in image pixels (inside the image, give or take Google\'s overhang)', () => {
    for (const [name, result] of all) {
      const { width, height } = result.image;
      const slackX = width * 0.01 + 10;
      const slackY = height * 0.01 + 10;
      for (const polygon of polygonsOf(result)) {
        for (const { x, y } of polygon) {
          assert.ok(x >= -slackX && x <= width + slackX && y >= -slackY && y <= height + slackY, `${name}: (${x}, ${y}) outside ${width}×${height}`);
        }
      }
    }
  });

  it('cover every provider and every kind of finding', () => {
    const results = [...all.values()];
    const some = (what: string, test: (r: AnalysisResult) => boolean) => assert.ok(results.some(test), `no fixture with ${what}`);
    for (const provider of ['yandex', 'google', 'smarty']) some(`provider ${provider}`, (r) => r.provider === provider);
    // No documented LANDMARK_DETECTION response was found (examples/SOURCES.md).
    for (const feature of FEATURE_IDS.filter((f) => f !== 'landmarks')) some(`feature ${feature}`, (r) => r.features.includes(feature));
    some('word confidences and languages', (r) => r.text !== undefined && allWords(r.text).some((w) => w.confidence !== undefined && w.language !== undefined));
    some('a table', (r) => (r.text?.tables?.length ?? 0) > 0);
    some('face landmarks', (r) => r.faces?.some((f) => (f.landmarks?.length ?? 0) > 0) ?? false);
    some('face likelihoods', (r) => r.faces?.some((f) => f.attributes?.likelihoods !== undefined) ?? false);
    some('age, sex and emotion', (r) => r.faces?.some((f) => f.attributes?.age !== undefined && f.attributes.sex !== undefined && f.attributes.emotion !== undefined) ?? false);
    some('a person with aliases', (r) => r.faces?.some((f) => (f.person?.aliases?.length ?? 0) > 0) ?? false);
    some('a face that is no one known', (r) => r.features.includes('persons') && (r.faces?.some((f) => f.person === undefined) ?? false));
    for (const group of ['classification', 'label', 'safeSearch', 'object', 'logo', 'cropHint', 'webEntity']) some(`a ${group} label`, (r) => r.labels?.some((l) => l.group === group) ?? false);
    some('dominant colours', (r) => (r.colors?.length ?? 0) > 0);
    some('web images and best guesses', (r) => (r.copies?.images?.length ?? 0) > 0 && (r.copies?.bestGuess?.length ?? 0) > 0);
    some('face angles', (r) => r.faces?.some((f) => f.attributes?.angles !== undefined) ?? false);
    some('a copy with page, title and image', (r) => r.copies?.matches.some((m) => m.title !== undefined && m.imageUrl !== undefined) ?? false);
    some('a whole-image error', (r) => r.errors.some((e) => e.feature === '*'));
    some('a feature error beside partial results', (r) => r.errors.some((e) => e.feature !== '*') && (r.faces?.length ?? 0) > 0);
  });

  it('represent every example response (skipped without ../shared/api/examples)', function () {
    if (!fs.existsSync(EXAMPLES_DIR)) this.skip();
    const covered = new Set(Object.values(index.fixtures).flatMap((f) => f.sources));
    // Request bodies are named `<provider>-…-request-…`; `google-error-request-…` is a response (a request-level error).
    const isRequest = (f: string) => f.includes('-request-') && !f.includes('-error-request-');
    const responses = fs.readdirSync(EXAMPLES_DIR).filter((f) => /\.jsonl?$/.test(f) && !isRequest(f));
    const missing = responses.filter((f) => !covered.has(f) && !(f in index.notResults));
    assert.deepEqual(missing, [], 'example responses with no fixture');
    for (const source of [...covered, ...Object.keys(index.notResults)]) assert.ok(responses.includes(source), `${source} is not an example response`);
  });

  it('carry their example response verbatim as raw (skipped without ../shared/api/examples)', function () {
    if (!fs.existsSync(EXAMPLES_DIR)) this.skip();
    for (const [name, entry] of Object.entries(index.fixtures)) {
      if (entry.composed) continue;
      assert.deepEqual(all.get(name)!.raw, readExample(entry.sources[0]!), name);
    }
  });
});

describe('syntheticTextResult', () => {
  it('is valid, has exactly the words asked for, and is the same for the same seed', () => {
    for (const n of [0, 1, 37, 5_000]) {
      const result = syntheticTextResult(n, 3);
      assert.ok(isAnalysisResult(result), `n=${n}`);
      assert.equal(allWords(result.text!).length, n);
    }
    assert.deepEqual(syntheticTextResult(500, 9), syntheticTextResult(500, 9));
    assert.notDeepEqual(syntheticTextResult(500, 9).text, syntheticTextResult(500, 10).text);
  });

  it('lays the words out inside the page, lines top to bottom', () => {
    const result = syntheticTextResult(20_000, 1);
    const page = result.text!.pages[0]!;
    const lines = page.blocks.flatMap((b) => b.lines);
    for (const word of allWords(result.text!)) {
      for (const { x, y } of word.polygon) assert.ok(x >= 0 && x <= page.width && y >= 0 && y <= page.height);
    }
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i]!.polygon[0]!.y > lines[i - 1]!.polygon[0]!.y);
    assert.equal(result.text!.fullText.split('\n').length, lines.length);
  });
});
