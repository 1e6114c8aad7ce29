import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Response } from 'node-fetch';
import { LanguageData, type FetchLike, type LanguageDataOptions } from '../../src/providers/local/languageData';
import { LANGUAGE_DATA_VERSION, LANGUAGE_HASHES, type LanguagePin } from '../../src/providers/local/languageHashes';
import { TESSERACT_LANGUAGES } from '../../src/providers/local/languageCodes';
import { DEFAULT_LANGUAGE_DATA_URL } from '../../src/providers/local/localSettings';
import { boundedGunzip, MAX_INFLATED_BYTES } from '../../src/providers/local/inflate';
import { GzipDownloadCheck } from '../../src/providers/local/traineddata';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { tokenSource } from './cancellation';
import { traineddata } from './traineddataBuilder';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLED = path.join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int');
const never = () => tokenSource();

const GZ = zlib.gzipSync(traineddata(randomBytes(64 * 1024)));
const pinOf = (bytes: Buffer): LanguagePin => ({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
const OTHER_PIN: LanguagePin = { sha256: 'ab'.repeat(32), bytes: GZ.length };

/** A fetch that serves `files` by URL from memory and records every request: no network. */
function fakeFetch(files: Record<string, Buffer>): FetchLike & { requests: string[] } {
  const requests: string[] = [];
  const fetch = (url: string) => {
    requests.push(url);
    const body = files[url];
    if (!body) return Promise.resolve(new Response('not found', { status: 404, url }));
    return Promise.resolve(new Response(Readable.from([body]), { status: 200, url, headers: { 'content-length': String(body.length), 'content-type': 'application/gzip' } }));
  };
  return Object.assign(fetch, { requests });
}

const rejectsWith = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (e: Error) => {
    assert.ok(e instanceof UserError, `${e.name}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });

const defaultUrl = (code: string) => `https://cdn.jsdelivr.net/npm/@tesseract.js-data/${code}@${LANGUAGE_DATA_VERSION}/4.0.0_best_int/${code}.traineddata.gz`;
const MIRROR = 'https://mirror.example.com/tessdata/{lang}/';

describe('language data: pinned version and checksums', () => {
  let dir: string;
  let storage: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ii-langpins-'));
    storage = path.join(dir, 'tessdata');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const make = (fetch: FetchLike, options: Partial<LanguageDataOptions> = {}) =>
    new LanguageData({ storageDir: storage, bundledDir: BUNDLED, baseUrl: '', fetch, t: formatOnly, ...options });
  const stored = () => (fs.existsSync(storage) ? fs.readdirSync(storage).sort() : []);

  it('the default URL names the exact package version the table pins, in package.json too', () => {
    assert.equal(DEFAULT_LANGUAGE_DATA_URL, `https://cdn.jsdelivr.net/npm/@tesseract.js-data/{lang}@${LANGUAGE_DATA_VERSION}/4.0.0_best_int/`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
    assert.equal(pkg.contributes.configuration.properties['imageInsight.local.languageDataUrl']?.default, DEFAULT_LANGUAGE_DATA_URL);
    assert.equal(make(fakeFetch({})).urlFor('deu'), defaultUrl('deu'));
  });

  it('the table: known codes, well-formed hashes, and the bundled English is the pinned file (same package version)', () => {
    for (const [code, pin] of Object.entries(LANGUAGE_HASHES)) {
      assert.ok(TESSERACT_LANGUAGES.has(code), code);
      assert.match(pin.sha256, /^[0-9a-f]{64}$/, code);
      assert.ok(Number.isSafeInteger(pin.bytes) && pin.bytes > 100_000, code);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@tesseract.js-data/eng/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, LANGUAGE_DATA_VERSION);
    assert.deepEqual(pinOf(fs.readFileSync(path.join(BUNDLED, 'eng.traineddata.gz'))), LANGUAGE_HASHES.eng);
    const built = path.join(ROOT, 'dist/ocr/eng.traineddata.gz');
    if (fs.existsSync(built)) assert.deepEqual(pinOf(fs.readFileSync(built)), LANGUAGE_HASHES.eng, 'the copy in dist/ocr');
  });

  it('a pinned language from the default URL: the matching file is kept', async () => {
    const fetch = fakeFetch({ [defaultUrl('deu')]: GZ });
    const log: string[] = [];
    await make(fetch, { pins: { deu: pinOf(GZ) }, log: (l) => log.push(l) }).ensure(['deu'], never());
    assert.deepEqual(fs.readFileSync(path.join(storage, 'deu.traineddata.gz')), GZ);
    assert.deepEqual(fetch.requests, [defaultUrl('deu')]);
    assert.ok(log.some((l) => /pinned SHA-256 [0-9a-f]{12}…/.test(l)), log.join('\n'));
  });

  it('a mismatch is refused, naming the language, the URL, both hash prefixes and what to do; nothing is kept', async () => {
    const fetch = fakeFetch({ [defaultUrl('deu')]: GZ });
    const got = pinOf(GZ).sha256.slice(0, 12);
    await rejectsWith(
      make(fetch, { pins: { deu: OTHER_PIN } }).ensure(['deu'], never()),
      new RegExp(`German \\(deu\\) language data from ${defaultUrl('deu').replace(/[.]/g, '\\.')} does not match the checksum pinned in Image Insight \\(SHA-256 expected abababababab…, got ${got}…\\), so it was refused and nothing was kept\\. A mirror set in imageInsight\\.local\\.languageDataUrl must serve the files of @tesseract\\.js-data version 1\\.0\\.0 unchanged: check the mirror, or reset the setting`),
    );
    assert.deepEqual(stored(), []);
  });

  it('a mirror must serve the same bytes: pinned languages are checked whatever the URL', async () => {
    const url = 'https://mirror.example.com/tessdata/deu/deu.traineddata.gz';
    await rejectsWith(make(fakeFetch({ [url]: GZ }), { baseUrl: MIRROR, pins: { deu: OTHER_PIN } }).ensure(['deu'], never()), /does not match the checksum pinned/);
    assert.deepEqual(stored(), []);
    await make(fakeFetch({ [url]: GZ }), { baseUrl: MIRROR, pins: { deu: pinOf(GZ) } }).ensure(['deu'], never());
    assert.deepEqual(stored(), ['deu.traineddata.gz']);
  });

  it('a language without a pinned checksum is not downloaded silently from the default URL', async () => {
    const fetch = fakeFetch({ [defaultUrl('rus')]: GZ });
    // No one to ask (the bench, scripts): refused before any request.
    await rejectsWith(make(fetch, { pins: {} }).ensure(['rus'], never()), new RegExp(`no pinned checksum for the Russian \\(rus\\) language data, so a download from ${defaultUrl('rus').replace(/[.]/g, '\\.')} could not be verified and was not made.*imageInsight\\.local\\.languageDataUrl`));
    const asked: Array<{ code: string; label: string; url: string }> = [];
    // The user says no.
    await rejectsWith(make(fetch, { pins: {}, confirmUnpinned: (r) => (asked.push(r), Promise.resolve(false)) }).ensure(['rus'], never()), /no pinned checksum/);
    assert.deepEqual(fetch.requests, []);
    assert.deepEqual(stored(), []);
    // The user agrees: fetched (checked for shape), kept, and not asked again.
    const log: string[] = [];
    const data = make(fetch, { pins: {}, log: (l) => log.push(l), confirmUnpinned: (r) => (asked.push(r), Promise.resolve(true)) });
    await data.ensure(['rus'], never());
    await data.ensure(['rus'], never());
    assert.deepEqual(asked, [{ code: 'rus', label: 'Russian (rus)', url: defaultUrl('rus') }, { code: 'rus', label: 'Russian (rus)', url: defaultUrl('rus') }]);
    assert.deepEqual(fetch.requests, [defaultUrl('rus')]);
    assert.ok(log.some((l) => /rus has no pinned checksum: downloading it because the user agreed/.test(l)), log.join('\n'));
  });

  it('a language without a pinned checksum from a mirror the user set: downloaded without asking (their chosen source)', async () => {
    const url = 'https://mirror.example.com/tessdata/rus/rus.traineddata.gz';
    const fetch = fakeFetch({ [url]: GZ });
    const log: string[] = [];
    await make(fetch, { baseUrl: MIRROR, pins: {}, log: (l) => log.push(l), confirmUnpinned: () => assert.fail('asked') }).ensure(['rus'], never());
    assert.deepEqual(fetch.requests, [url]);
    assert.ok(log.some((l) => /trusting the mirror set in imageInsight\.local\.languageDataUrl/.test(l)), log.join('\n'));
  });

  it('the real table: which languages it pins decides the question (pinned ones are never asked about)', async () => {
    const unpinned = [...TESSERACT_LANGUAGES].find((c) => !LANGUAGE_HASHES[c])!;
    const pinned = Object.keys(LANGUAGE_HASHES).find((c) => c !== 'eng')!;
    const asked: string[] = [];
    const fetch = fakeFetch({ [defaultUrl(pinned)]: GZ });
    const data = make(fetch, { confirmUnpinned: (r) => (asked.push(r.code), Promise.resolve(false)) });
    await rejectsWith(data.ensure([pinned], never()), /does not match the checksum pinned/); // a made-up file
    await rejectsWith(data.ensure([unpinned], never()), /no pinned checksum/);
    assert.deepEqual(asked, [unpinned]);
    assert.deepEqual(fetch.requests, [defaultUrl(pinned)]);
  });

  it('a cached file that does not match its pin is deleted and fetched again', async () => {
    const fetch = fakeFetch({ [defaultUrl('deu')]: GZ });
    fs.mkdirSync(storage, { recursive: true });
    const other = zlib.gzipSync(traineddata(randomBytes(1000))); // language data, but not the pinned file
    fs.writeFileSync(path.join(storage, 'deu.traineddata.gz'), other);
    const log: string[] = [];
    await make(fetch, { pins: { deu: pinOf(GZ) }, log: (l) => log.push(l) }).ensure(['deu'], never());
    assert.deepEqual(fs.readFileSync(path.join(storage, 'deu.traineddata.gz')), GZ);
    assert.deepEqual(fetch.requests, [defaultUrl('deu')]);
    assert.ok(log.some((l) => /is damaged \(SHA-256 [0-9a-f]{12}… is not the pinned/.test(l)), log.join('\n'));
  });

  it('the bundled English is checked against its pin when put in place', async () => {
    const fetch = fakeFetch({});
    await make(fetch).ensure(['eng'], never()); // the real file and the real table
    assert.deepEqual(stored(), ['eng.traineddata.gz']);
    const fake = path.join(dir, 'bundle');
    fs.mkdirSync(fake);
    fs.writeFileSync(path.join(fake, 'eng.traineddata.gz'), GZ);
    fs.rmSync(storage, { recursive: true });
    await rejectsWith(make(fetch, { bundledDir: fake }).ensure(['eng'], never()), /English \(eng\) language data shipped with Image Insight does not match its pinned checksum \(SHA-256 expected 45b4cb346724…, got [0-9a-f]{12}…\): the installation is damaged or was altered\. Reinstall the extension\./);
    assert.deepEqual(stored(), []);
    assert.deepEqual(fetch.requests, []);
  });

  it('invalidate: the file goes and the next ensure downloads it again', async () => {
    const fetch = fakeFetch({ [defaultUrl('deu')]: GZ });
    const log: string[] = [];
    const data = make(fetch, { pins: { deu: pinOf(GZ) }, log: (l) => log.push(l) });
    await data.ensure(['deu'], never());
    await data.ensure(['deu'], never());
    assert.equal(fetch.requests.length, 1);
    await data.invalidate('deu');
    assert.deepEqual(stored(), []);
    assert.ok(log.some((l) => /failed to load in the OCR engine; deleted, it will be fetched again/.test(l)), log.join('\n'));
    await data.ensure(['deu'], never());
    assert.equal(fetch.requests.length, 2);
    assert.deepEqual(stored(), ['deu.traineddata.gz']);
    // English comes back from the extension, not the network.
    await data.ensure(['eng'], never());
    await data.invalidate('eng');
    await data.ensure(['eng'], never());
    assert.equal(fetch.requests.length, 2);
    await assert.rejects(data.invalidate('../x'), /is not one the local OCR engine knows/);
  });
});

describe('language data: decompression cap', () => {
  /** Language-shaped at the start, then zeros: a few KB of gzip that unpack to `bytes`. */
  const bomb = (bytes: number) => zlib.gzipSync(traineddata(Buffer.alloc(bytes)), { level: 9 });

  it('is about 200 MB', () => assert.equal(MAX_INFLATED_BYTES, 200 * 1024 * 1024));

  it('boundedGunzip (the OCR worker) unpacks up to the cap and refuses past it with a plain message', () => {
    const small = traineddata(randomBytes(1000));
    assert.deepEqual(boundedGunzip(zlib.gzipSync(small), 1024 * 1024), small);
    assert.throws(() => boundedGunzip(bomb(3 * 1024 * 1024), 1024 * 1024), /^Error: it unpacks to more than 1 MB, more than any language needs: not language data$/);
    assert.throws(() => boundedGunzip(Buffer.from('not gzip')), /incorrect header check/);
  });

  it('the download check refuses a body that unpacks past the cap, and stops unpacking', async () => {
    const check = new GzipDownloadCheck(1024 * 1024);
    const body = bomb(64 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 4096) check.write(body.subarray(i, i + 4096));
    assert.equal(await check.finish(), 'inflatesTooLarge');
    const fine = new GzipDownloadCheck(1024 * 1024);
    fine.write(zlib.gzipSync(traineddata(randomBytes(1000))));
    assert.equal(await fine.finish(), undefined);
  });

  it('a download that unpacks past the cap is refused with a clear message, nothing kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ii-langbomb-'));
    try {
      const url = 'https://mirror.example.com/tessdata/rus/rus.traineddata.gz';
      const data = new LanguageData({ storageDir: dir, bundledDir: BUNDLED, baseUrl: MIRROR, fetch: fakeFetch({ [url]: bomb(8 * 1024 * 1024) }), t: formatOnly, pins: {}, maxInflatedBytes: 2 * 1024 * 1024 });
      await rejectsWith(data.ensure(['rus'], never()), /Russian \(rus\) language data from .* is not language data: the server sent a gzip file that unpacks to more than 2 MB, more than any language needs\./);
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
