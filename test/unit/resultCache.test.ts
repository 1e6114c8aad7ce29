import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResultCache } from '../../src/analysis/resultCache';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { loadResultFixture, resultFixtureNames } from './resultFixtures';

const CACHE_MODULE = path.resolve(__dirname, '../../src/analysis/resultCache.js');

const keyOf = (name: string) => createHash('sha256').update(name).digest('hex');

/** The same real result for image `i` of the workspace (URIs of equal length, so entries of equal size). */
function imageResult(i: number, folder = 'ws'): AnalysisResult {
  const result = loadResultFixture('yandex-ocr-recognize-text-1');
  return { ...result, image: { ...result.image, uri: `file:///${folder}/img-${String(i).padStart(3, '0')}.jpg` } };
}

describe('ResultCache: results on disk by key, LRU within a size cap', () => {
  let dir: string;
  let logged: string[];
  const open = (maxBytes = 10_000_000) => new ResultCache(dir, maxBytes, { log: (line) => logged.push(line) });
  /** The size of one `imageResult` entry on disk. */
  let entryBytes: number;

  before(async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'result-cache-'));
    await new ResultCache(scratch, 10_000_000).put(keyOf('x'), imageResult(0));
    entryBytes = fs.statSync(path.join(scratch, `${keyOf('x')}.json`)).size;
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'result-cache-'));
    logged = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives back what was stored, raw and image URI included, with when it was stored', async () => {
    const cache = open();
    const result = imageResult(1);
    assert.equal(await cache.get(keyOf('a')), undefined, 'nothing stored yet: a miss, not an error');
    const before = Date.now();
    assert.equal(await cache.put(keyOf('a'), result), true);
    const after = Date.now();
    const hit = await cache.get(keyOf('a'));
    assert.deepEqual(hit?.result, result);
    assert.notEqual(hit.result.raw, null);
    assert.ok(hit.storedAt >= before && hit.storedAt <= after);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `${keyOf('a')}.json`), 'utf8'));
    assert.deepEqual(Object.keys(onDisk).sort(), ['key', 'result', 'storedAt', 'version']);
    // A second store opened on the same directory (another window, a restart) sees it too.
    assert.deepEqual((await open().get(keyOf('a')))?.result, result);
    assert.deepEqual(await cache.size(), { entries: 1, bytes: entryBytes });
  });

  it('keeps every real fixture without errors exactly as it was', async () => {
    const cache = open();
    for (const name of resultFixtureNames()) {
      const result = loadResultFixture(name);
      const stored = await cache.put(keyOf(name), result);
      assert.equal(stored, result.errors.length === 0, name);
      if (stored) assert.deepEqual((await cache.get(keyOf(name)))?.result, result, name);
    }
  });

  it('does not store results with errors or without a content hash, and refuses what is not a key', async () => {
    const cache = open();
    const partial = { ...imageResult(1), errors: [{ feature: 'faces' as const, message: 'timed out' }] };
    assert.equal(await cache.put(keyOf('p'), partial), false);
    assert.equal(await cache.put(keyOf('n'), { ...imageResult(1), image: { ...imageResult(1).image, sha256: '' } }), false);
    await assert.rejects(cache.put('../../etc/passwd', imageResult(1)), /Not a cache key/);
    assert.equal(await cache.get('../index'), undefined);
    assert.deepEqual(await cache.size(), { entries: 0, bytes: 0 });
  });

  it('evicts the least recently used first, and a read counts as a use', async () => {
    const cache = open(entryBytes * 3 + Math.floor(entryBytes / 2));
    for (const name of ['a', 'b', 'c']) assert.equal(await cache.put(keyOf(name), imageResult(name.charCodeAt(0))), true);
    assert.ok(await cache.get(keyOf('a')));
    await cache.put(keyOf('d'), imageResult(4));
    const present = () => {
      const keys: string[] = [];
      for (const name of ['a', 'b', 'c', 'd', 'e']) if (fs.existsSync(path.join(dir, `${keyOf(name)}.json`))) keys.push(name);
      return keys;
    };
    assert.deepEqual(present(), ['a', 'c', 'd'], 'b was the least recently used');
    await cache.put(keyOf('e'), imageResult(5));
    assert.deepEqual(present(), ['a', 'd', 'e']);
    assert.ok((await cache.size()).bytes <= cache.maxBytes);
    assert.equal(await cache.get(keyOf('b')), undefined);
  });

  it('an entry larger than the cap is not stored, and evicts nothing', async () => {
    const cache = open(entryBytes + 10);
    assert.equal(await cache.put(keyOf('a'), imageResult(1)), true);
    assert.equal(await cache.put(keyOf('big'), { ...imageResult(2), raw: { padding: 'x'.repeat(entryBytes) } }), false);
    assert.deepEqual(await cache.size(), { entries: 1, bytes: entryBytes });
    assert.equal(await open(0).put(keyOf('z'), imageResult(3)), false, 'a cap of 0 stores nothing');
  });

  it('putting a key again replaces its entry', async () => {
    const cache = open();
    await cache.put(keyOf('a'), imageResult(1));
    await cache.put(keyOf('a'), imageResult(2));
    assert.equal((await cache.get(keyOf('a')))?.result.image.uri, imageResult(2).image.uri);
    assert.equal((await cache.size()).entries, 1);
  });

  it('the same content at another place: the hit says the new place, and search finds it there', async () => {
    const cache = open();
    await cache.put(keyOf('a'), imageResult(1, 'old'));
    const hit = await cache.get(keyOf('a'), imageResult(1, 'new').image.uri);
    assert.equal(hit?.result.image.uri, 'file:///new/img-001.jpg');
    const found = [];
    for await (const entry of cache.entries((uri) => uri.startsWith('file:///new/'))) found.push(entry.result.image.uri);
    assert.deepEqual(found, ['file:///new/img-001.jpg']);
  });

  it('drops a damaged or foreign entry instead of throwing', async () => {
    const cache = open();
    const file = (name: string) => path.join(dir, `${keyOf(name)}.json`);
    await cache.put(keyOf('good'), imageResult(1));
    const good = JSON.parse(fs.readFileSync(file('good'), 'utf8'));
    const bad: Record<string, string> = {
      cut: fs.readFileSync(file('good'), 'utf8').slice(0, 200),
      empty: '',
      other: JSON.stringify({ ...good, key: keyOf('somewhere else') }),
      future: JSON.stringify({ ...good, version: 99 }),
      invalid: JSON.stringify({ ...good, result: { ...good.result, image: { uri: 1 } } }),
      undated: JSON.stringify({ ...good, storedAt: 'yesterday' }),
      array: '[]',
    };
    for (const [name, text] of Object.entries(bad)) {
      fs.writeFileSync(file(name), text);
      assert.equal(await cache.get(keyOf(name)), undefined, name);
      assert.ok(!fs.existsSync(file(name)), `${name} is removed`);
    }
    assert.equal(logged.filter((line) => /dropped/.test(line)).length, Object.keys(bad).length);
    assert.deepEqual(await cache.size(), { entries: 1, bytes: entryBytes });
    assert.ok(await cache.get(keyOf('good')));
  });

  it('rebuilds an unreadable index from the files; an index that lists missing files is corrected', async () => {
    const cache = open();
    for (const name of ['a', 'b', 'c']) await cache.put(keyOf(name), imageResult(name.charCodeAt(0)));
    const index = path.join(dir, 'index.json');
    for (const damage of ['{"version": 1, "entr', '{"version": 1, "entries": {"nope": 3}}', '{"version": 7, "entries": {}}', 'null']) {
      fs.writeFileSync(index, damage);
      assert.deepEqual(await cache.size(), { entries: 3, bytes: 3 * entryBytes }, damage);
      assert.equal(Object.keys(JSON.parse(fs.readFileSync(index, 'utf8')).entries).length, 3, `${damage}: the repaired index is saved`);
    }
    fs.rmSync(index);
    fs.rmSync(path.join(dir, `${keyOf('b')}.json`));
    assert.deepEqual(await cache.size(), { entries: 2, bytes: 2 * entryBytes });
    // The next change saves the repaired index.
    await cache.put(keyOf('d'), imageResult(4));
    const saved = JSON.parse(fs.readFileSync(index, 'utf8'));
    assert.deepEqual(Object.keys(saved.entries).sort(), [keyOf('a'), keyOf('c'), keyOf('d')].sort());
    assert.ok(await cache.get(keyOf('a')));
  });

  it('a half-written temporary file (a crash before the rename) is never read; old ones are removed', async () => {
    const cache = open();
    await cache.put(keyOf('a'), imageResult(1));
    const temp = path.join(dir, `${keyOf('b')}.json.0123456789ab.tmp`);
    fs.writeFileSync(temp, '{"version": 1, "key": "');
    assert.equal(await cache.get(keyOf('b')), undefined);
    assert.deepEqual(await cache.size(), { entries: 1, bytes: entryBytes });
    assert.ok(fs.existsSync(temp), 'a fresh one may be another window writing');
    fs.utimesSync(temp, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    await cache.size();
    assert.ok(!fs.existsSync(temp));
  });

  it('clear removes every entry and the index, says what it removed, and leaves other files alone', async () => {
    const cache = open();
    for (const name of ['a', 'b']) await cache.put(keyOf(name), imageResult(name.charCodeAt(0)));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    assert.deepEqual(await cache.clear(), { entries: 2, bytes: 2 * entryBytes });
    assert.deepEqual(fs.readdirSync(dir), ['notes.txt']);
    assert.deepEqual(await cache.size(), { entries: 0, bytes: 0 });
    assert.equal(await cache.get(keyOf('a')), undefined);
    assert.deepEqual(await new ResultCache(path.join(dir, 'never-made'), 1000).clear(), { entries: 0, bytes: 0 });
  });

  it('entries() yields the accepted results one by one, most recently used first, without reading the others', async () => {
    const cache = open();
    for (let i = 0; i < 5; i++) await cache.put(keyOf(`ws${i}`), imageResult(i, 'ws'));
    await cache.put(keyOf('elsewhere'), imageResult(9, 'elsewhere'));
    await cache.get(keyOf('ws2'));
    // Damaged, but outside the workspace: skipped unread, so it is still there.
    fs.writeFileSync(path.join(dir, `${keyOf('elsewhere')}.json`), 'garbage');
    const uris: string[] = [];
    for await (const entry of cache.entries((uri) => uri.startsWith('file:///ws/'))) {
      assert.ok(entry.storedAt > 0);
      uris.push(entry.result.image.uri);
    }
    assert.deepEqual(uris, ['file:///ws/img-002.jpg', 'file:///ws/img-004.jpg', 'file:///ws/img-003.jpg', 'file:///ws/img-001.jpg', 'file:///ws/img-000.jpg']);
    assert.ok(fs.existsSync(path.join(dir, `${keyOf('elsewhere')}.json`)));
    let all = 0;
    for await (const entry of cache.entries()) all += entry.result ? 1 : 0;
    assert.equal(all, 5, 'the damaged one is dropped when read');
  });

  it('concurrent puts and gets from two stores on one directory never corrupt it', async () => {
    const cap = entryBytes * 6;
    const a = open(cap);
    const b = open(cap);
    await Promise.all(Array.from({ length: 30 }, (_, i) => {
      const store = i % 2 === 0 ? a : b;
      // Some keys are shared: the last writer wins, whole.
      return store.put(keyOf(`k${i % 12}`), imageResult(i)).then(() => store.get(keyOf(`k${(i + 5) % 12}`)));
    }));
    await assertSound(cap);
  });

  it('two processes writing at once never corrupt it', async function () {
    this.timeout(60_000);
    const cap = entryBytes * 8;
    const input = path.join(dir, 'input.json.txt');
    fs.writeFileSync(input, JSON.stringify(Array.from({ length: 40 }, (_, i) => [keyOf(`k${i % 16}`), imageResult(100 + i)])));
    const script = `
      const { ResultCache } = require(${JSON.stringify(CACHE_MODULE)});
      const cache = new ResultCache(${JSON.stringify(dir)}, ${cap});
      const items = JSON.parse(require('fs').readFileSync(${JSON.stringify(input)}, 'utf8'));
      (async () => {
        for (const [i, [key, result]] of items.entries()) {
          await cache.put(key, result);
          if (i === 0) process.stdout.write('writing\\n');
          await cache.get(key);
        }
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Start once the child is writing, so that the two really overlap.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const cache = open(cap);
    for (let i = 0; i < 40; i++) {
      await cache.put(keyOf(`k${(i * 7) % 16}`), imageResult(i));
      await cache.get(keyOf(`k${i % 16}`));
    }
    assert.equal(await exited, 0);
    await assertSound(cap);
  });

  /** Every entry file is a whole, valid result; a fresh store agrees with the files; the next put brings it under the cap. */
  async function assertSound(cap: number): Promise<void> {
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'index.json');
    assert.ok(names.length > 0);
    const fresh = open(cap);
    for (const name of names) assert.ok(await fresh.get(name.slice(0, -'.json'.length)), `${name} is whole`);
    assert.ok(!logged.some((line) => /dropped/.test(line)), logged.join('\n'));
    assert.equal((await fresh.size()).entries, names.length);
    await fresh.put(keyOf('last'), imageResult(999));
    assert.ok((await fresh.size()).bytes <= cap);
    assert.ok(!fs.readdirSync(dir).some((n) => n.endsWith('.tmp')), 'no temporary file is left behind');
  }
});
