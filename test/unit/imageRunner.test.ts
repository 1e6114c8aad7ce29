import assert from 'node:assert/strict';
import type { ImageSource } from '../../src/images/imageSource';
import type { ProviderLimits } from '../../src/images/limits';
import type { PreparedImage } from '../../src/images/preparer';
import { runImages, type Fitter } from '../../src/providers/kit/imageRunner';
import type { ImageLoader, RequestKind, SentImage } from '../../src/providers/types';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { CancelledError, UserError } from '../../src/shared/errors';
import { tokenSource } from './cancellation';

const LIMITS: ProviderLimits = { name: 'Test', accepts: ['jpeg', 'png'], encodeAs: 'jpeg', maxBytes: 1e6, maxPixels: 1e8, minWidth: 1, minHeight: 1 };

/** An image of `bytes` bytes, 100×50, EXIF orientation 6 (so upright it is 50×100). */
function image(name: string, bytes = 1000): ImageLoader {
  const data = new Uint8Array(bytes).fill(name.length);
  const source: ImageSource = { uri: `file:///${name}`, name, size: bytes, format: 'jpeg', width: 100, height: 50, orientation: 6, read: () => Promise.resolve(data) };
  return () => Promise.resolve(source);
}

/** Fits by keeping the bytes, sent upright at half size (so boxes map back ×2); refuses names with "huge". */
const fitter: Fitter & { calls: string[] } = {
  calls: [],
  prepare(source) {
    this.calls.push(source.name);
    if (source.name.includes('huge')) return Promise.reject(new UserError(`"${source.name}" is too large`, source.name));
    return source.read().then(
      (bytes): PreparedImage => ({
        bytes,
        mime: 'image/jpeg',
        transform: { orientation: 1, stored: { width: 50, height: 100 }, sent: { width: 25, height: 50 }, sentAs: 'upright' },
        reencoded: [],
        notes: [],
        attempts: [],
        prepareMs: 1,
      }),
    );
  },
};

/** A request kind that records its requests and answers each image with one word at (1,1)–(2,2) in sent pixels. */
function kind(name: string, options: { maxImages: number; maxBytes?: number; fail?: (names: string[]) => Error | undefined }) {
  const requests: string[][] = [];
  const k: RequestKind<string[]> = {
    name,
    limits: LIMITS,
    maxImages: options.maxImages,
    maxBytes: options.maxBytes,
    send: (images: SentImage[]) => {
      const names = images.map((i) => i.name);
      requests.push(names);
      const error = options.fail?.(names);
      return error ? Promise.reject(error) : Promise.resolve(names);
    },
    parse: (answer, index, sent) => {
      const polygon = sent.toOriginal([{ x: 1, y: 1 }, { x: 2, y: 1 }, { x: 2, y: 2 }, { x: 1, y: 2 }]);
      const word = { polygon, text: `${name}:${answer[index]}` };
      return { findings: { text: { fullText: word.text, pages: [{ width: sent.upright.width, height: sent.upright.height, blocks: [{ polygon, lines: [{ polygon, text: word.text, words: [word] }] }] }] }, errors: [] }, raw: { [name]: answer[index] } };
    },
  };
  return { kind: k as RequestKind, requests };
}

const result = (outcome: AnalysisResult | Error | undefined): AnalysisResult => {
  if (!outcome || outcome instanceof Error) throw new Error(`expected a result, got ${String(outcome)}`);
  return outcome;
};

describe('the per-image runner', () => {
  beforeEach(() => (fitter.calls.length = 0));

  it('packs images into requests by count, keeps their order, and maps boxes back to original pixels', async () => {
    const batch = kind('batch', { maxImages: 3 });
    const names = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg'];
    const outcomes = await runImages('test', [batch.kind], names.map((n) => image(n)), ['text'], fitter, tokenSource());
    assert.deepEqual(batch.requests, [['a', 'bb', 'ccc'], ['dddd', 'eeeee', 'ffffff'], ['ggggggg']]);
    assert.deepEqual(outcomes.map((o) => result(o).text!.fullText), names.map((n) => `batch:${n}`));
    const first = result(outcomes[0]);
    assert.deepEqual([first.image.width, first.image.height], [50, 100], 'the upright size');
    assert.deepEqual(first.text!.pages[0]!.blocks[0]!.lines[0]!.words[0]!.polygon[0], { x: 2, y: 2 }, 'sent at half size: ×2');
    assert.match(first.image.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(first.raw, { batch: 'a' }, 'one kind of request: its raw answer as it came');
  });

  it('packs by bytes too: what is queued goes first when the next image would pass the limit', async () => {
    const batch = kind('batch', { maxImages: 16, maxBytes: 2500 });
    await runImages('test', [batch.kind], [image('a', 1000), image('b', 1000), image('c', 1000), image('d', 3000), image('e', 100)], ['text'], fitter, tokenSource());
    assert.deepEqual(batch.requests, [['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it('a failed image affects only its own outcome, and nothing is sent for it', async () => {
    const batch = kind('batch', { maxImages: 8 });
    const unreadable: ImageLoader = () => Promise.reject(new UserError('"gone.png" does not exist', 'gone.png'));
    const outcomes = await runImages('test', [batch.kind], [image('a'), unreadable, image('huge.jpg'), image('b')], ['text'], fitter, tokenSource());
    assert.deepEqual(batch.requests, [['a', 'b']]);
    assert.equal(result(outcomes[0]).text!.fullText, 'batch:a');
    assert.match((outcomes[1] as Error).message, /gone\.png/);
    assert.match((outcomes[2] as Error).message, /huge\.jpg/);
    assert.equal(result(outcomes[3]).text!.fullText, 'batch:b');
  });

  it('a failed request affects only its own images', async () => {
    const batch = kind('batch', { maxImages: 2, fail: (names) => (names.includes('c') ? new Error('503 from the provider') : undefined) });
    const outcomes = await runImages('test', [batch.kind], ['a', 'b', 'c', 'd', 'e'].map((n) => image(n)), ['text'], fitter, tokenSource());
    assert.deepEqual(outcomes.map((o) => (o instanceof Error ? o.message : 'ok')), ['ok', 'ok', '503 from the provider', '503 from the provider', 'ok']);
  });

  it('several kinds of request: each image fitted for each, findings merged, raw answers under their names', async () => {
    const ocr = kind('ocr', { maxImages: 1 });
    const vision = kind('vision', { maxImages: 8 });
    const outcomes = await runImages('test', [ocr.kind, vision.kind], [image('a'), image('b')], ['text', 'faces'], fitter, tokenSource());
    assert.deepEqual(ocr.requests, [['a'], ['b']]);
    assert.deepEqual(vision.requests, [['a', 'b']]);
    const a = result(outcomes[0]);
    assert.equal(a.text!.fullText, 'ocr:a', 'text from the first kind that has it');
    assert.deepEqual(a.raw, { ocr: { ocr: 'a' }, vision: { vision: 'a' } });
    assert.equal(a.timings.prepareMs, 2);
    assert.deepEqual(fitter.calls, ['a', 'a', 'b', 'b']);
  });

  it('an image whose second fitting fails is not sent by the first kind either', async () => {
    const ocr = kind('ocr', { maxImages: 8 });
    const vision = kind('vision', { maxImages: 8 });
    let calls = 0;
    const picky: Fitter = { prepare: (source, limits, token) => (source.name === 'b' && ++calls === 2 ? Promise.reject(new UserError('"b" does not fit')) : fitter.prepare(source, limits, token)) };
    const outcomes = await runImages('test', [ocr.kind, vision.kind], [image('a'), image('b')], ['text'], picky, tokenSource());
    assert.deepEqual(ocr.requests, [['a']]);
    assert.match((outcomes[1] as Error).message, /does not fit/);
  });

  it('cancellation stops everything', async () => {
    const token = tokenSource();
    const batch = kind('batch', { maxImages: 1, fail: () => (token.cancel(), new CancelledError()) });
    await assert.rejects(runImages('test', [batch.kind], [image('a'), image('b')], ['text'], fitter, token), CancelledError);
    assert.deepEqual(batch.requests, [['a']]);
  });
});
