import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import type { LanguageSource } from '../../src/providers/local/languageSource';
import { languageLoadError, parseLanguageLoadError } from '../../src/providers/local/ocrProtocol';
import { allWords } from '../../src/shared/analysisResult';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { tokenSource } from './cancellation';
import { localProvider } from './localEngine';
import { traineddata } from './traineddataBuilder';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');
const ENGLISH = path.join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz');
const never = tokenSource();


describe('worker → host language-load errors', () => {
  it('carry the codes and the reason across the thread boundary (by name and message)', () => {
    const sent = languageLoadError(['eng', 'chi_sim'], 'initialization failed');
    const received = Object.assign(new Error(sent.message), { name: sent.name });
    assert.deepEqual(parseLanguageLoadError(received), { codes: ['eng', 'chi_sim'], detail: 'initialization failed' });
    assert.equal(parseLanguageLoadError(new Error(sent.message)), undefined);
    assert.equal(parseLanguageLoadError('eng: x'), undefined);
  });
});

describe('local OCR engine: a language file that fails to load is invalidated, not reused', function () {
  this.timeout(120_000);
  let preparer: ImagePreparer;
  let dir: string;
  let invalidated: string[][];
  let codes: string[];
  const languages: LanguageSource = {
    codes: () => codes,
    ensure: () => Promise.resolve(dir),
    invalidate: async (failed) => {
      invalidated.push(failed);
      for (const code of failed) await fs.promises.rm(path.join(dir, `${code}.traineddata.gz`), { force: true });
    },
  };
  const settings = { pageSegmentation: 3, codeMode: false };

  before(function () {
    if (!fs.existsSync(path.join(DIST, 'ocr', 'ocrWorker.js'))) throw new Error('dist/ocr is missing: run `npm run build` first');
    preparer = new ImagePreparer(path.join(DIST, 'imageWorker.js'), formatOnly, 5_000);
  });
  after(() => preparer.dispose());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ii-langload-'));
    fs.copyFileSync(ENGLISH, path.join(dir, 'eng.traineddata.gz'));
    invalidated = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function image() {
    const file = path.join(ROOT, 'samples/imageTextN.png');
    const bytes = new Uint8Array(fs.readFileSync(file));
    return { uri: `file://${file}`, name: 'imageTextN.png', size: bytes.byteLength, ...(await probeImage(bytes, 'imageTextN.png', formatOnly)), read: () => Promise.resolve(bytes) };
  }

  it('tesseract refuses one file of a mix: only that language is invalidated; the engine then works', async () => {
    fs.writeFileSync(path.join(dir, 'rus.traineddata.gz'), zlib.gzipSync(traineddata(randomBytes(64 * 1024))));
    const ocr = localProvider({ preparer, settings: () => settings, idleMs: 5_000, languages });
    try {
      codes = ['eng', 'rus'];
      await assert.rejects(ocr.analyze(await image(), ['text'], { languages: ['en', 'ru'] }, never), (e: unknown) => {
        assert.ok(e instanceof UserError, String(e));
        assert.match(e.message, /The local OCR engine could not load the language data rus \(.+\)\. The file was deleted and will be downloaded again on the next try\./);
        return true;
      });
      assert.deepEqual(invalidated, [['rus']]);
      assert.ok(!fs.existsSync(path.join(dir, 'rus.traineddata.gz')));
      codes = ['eng'];
      const result = await ocr.analyze(await image(), ['text'], { languages: ['en'] }, never);
      assert.ok(allWords(result.text!).length > 100);
    } finally {
      ocr.dispose();
    }
  });

  it('a gzip bomb in the language directory: the worker stops at ≈ 200 MB with a clear error, the file is invalidated', async () => {
    // ~200 KB of gzip that would unpack to 210 MB.
    fs.writeFileSync(path.join(dir, 'rus.traineddata.gz'), zlib.gzipSync(traineddata(Buffer.alloc(210 * 1024 * 1024)), { level: 1 }));
    const ocr = localProvider({ preparer, settings: () => settings, idleMs: 5_000, languages });
    try {
      codes = ['rus', 'eng'];
      await assert.rejects(ocr.analyze(await image(), ['text'], { languages: ['ru', 'en'] }, never), (e: unknown) => {
        assert.ok(e instanceof UserError, String(e));
        assert.match(e.message, /could not load the language data rus \(it unpacks to more than 200 MB, more than any language needs: not language data\)\. The file was deleted/);
        return true;
      });
      assert.deepEqual(invalidated, [['rus']]);
    } finally {
      ocr.dispose();
    }
  });
});
