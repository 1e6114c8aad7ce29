import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startYandexEmulator, type YandexEmulator } from '../emulators';
import fetch from 'node-fetch';
import { makePng } from './imageBuilders';
import { RESULT_FIXTURES_DIR } from './resultFixtures';
import { b64, pdf, png, post, walk, type Loose } from './yandexEmulatorHelpers';

const fixtureRaw = (name: string): Loose => JSON.parse(fs.readFileSync(path.join(RESULT_FIXTURES_DIR, `${name}.json`), 'utf8')).raw;

describe('Yandex emulator: OCR recognizeText', () => {
  let y: YandexEmulator;
  let url: string;
  const key = (): Record<string, string> => ({ authorization: `Api-Key ${y.apiKey}`, 'x-data-logging-enabled': 'false' });
  const recognize = (bytes: Buffer, model = 'page', extra: object = {}, headers = key()) => post(url, { mimeType: 'PNG', languageCodes: ['*'], model, content: b64(bytes), ...extra }, headers);
  const lines = (text: string): Loose[] => text.split('\n').filter((l) => l !== '').map((l): Loose => JSON.parse(l));

  before(async () => {
    y = await startYandexEmulator();
    url = `${y.ocr.url}/ocr/v1/recognizeText`;
  });
  afterEach(() => y.reset());
  after(() => y.close());

  it('answers JSON Lines, one {result: {textAnnotation, page}} per page, and records x-data-logging-enabled', async () => {
    const res = await recognize(png(400, 300));
    assert.equal(res.status, 200);
    assert.ok(res.text.endsWith('\n'));
    const [line, ...rest] = lines(res.text);
    assert.equal(rest.length, 0);
    assert.deepEqual(Object.keys(line), ['result']);
    assert.deepEqual(Object.keys(line.result), ['textAnnotation', 'page']);
    assert.equal(line.result.page, '0');
    const t = line.result.textAnnotation;
    assert.deepEqual([t.width, t.height, t.rotate, t.markdown, t.pictures, t.entities, t.tables], ['400', '300', 'ANGLE_0', ' ', [], [], []]);
    assert.equal(y.ocr.requests[0]!.headers['x-data-logging-enabled'], 'false');
  });

  it('textSegments index into fullText, int64 are strings, entityIndex is "-1"', async () => {
    for (const model of ['page', 'page-column-sort', 'handwritten', 'table', 'markdown', 'math-markdown']) {
      const codes = model === 'handwritten' || model === 'table' ? ['ru', 'en'] : ['*'];
      const t = lines((await recognize(png(900, 600, 3), model, { languageCodes: codes })).text)[0].result.textAnnotation;
      for (const block of t.blocks) {
        for (const line of block.lines) {
          const s = line.textSegments[0];
          assert.equal(t.fullText.substr(Number(s.startIndex), Number(s.length)), line.text, model);
          for (const w of line.words) {
            assert.equal(w.entityIndex, '-1');
            assert.equal(t.fullText.substr(Number(w.textSegments[0].startIndex), Number(w.textSegments[0].length)), w.text);
          }
        }
      }
      for (const [k, v] of walk(t)) if (['x', 'y', 'startIndex', 'length', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'].includes(k)) assert.equal(typeof v, 'string', `${model} ${k}`);
      const newFormat = !['handwritten', 'table'].includes(model);
      assert.equal('layoutType' in t.blocks[0], newFormat, model);
      if (model === 'table') {
        const table = t.tables[0];
        assert.equal(table.cells.length, Number(table.rowCount) * Number(table.columnCount));
      }
      if (model === 'markdown') assert.match(t.markdown, /^# /);
      if (model === 'math-markdown') assert.match(t.markdown, /\$\$/);
    }
  });

  it('is deterministic per image and answers the documented bodies for known images', async () => {
    const a = await recognize(png(300, 200, 1));
    assert.equal((await recognize(png(300, 200, 1))).text, a.text);
    assert.notEqual((await recognize(png(300, 200, 2))).text, a.text);
    const image = (name: string): Buffer => y.knownImages.find((k) => k.name === name)!.png;
    assert.deepEqual(lines((await recognize(image('penguins'))).text), fixtureRaw('yandex-ocr-recognize-text-1'));
    assert.deepEqual(lines((await recognize(image('handwritten'), 'handwritten', { languageCodes: ['en'] })).text), fixtureRaw('yandex-ocr-recognize-handwritten-1'));
    assert.deepEqual(lines((await recognize(image('table'), 'table', { languageCodes: ['ru', 'en'] })).text), fixtureRaw('yandex-ocr-recognize-table-1'));
  });

  it('takes a one-page PDF and refuses more pages', async () => {
    const one = await recognize(pdf([[595, 842]]), 'page', { mimeType: 'application/pdf' });
    assert.equal(lines(one.text)[0].result.textAnnotation.width, '1240');
    const two = await recognize(pdf([[595, 842], [595, 842]]), 'page', { mimeType: 'application/pdf' });
    assert.equal(two.status, 400);
  });

  const bad: [string, (b: Buffer) => Promise<Loose>][] = [
    ['an unknown model', (b) => recognize(b, 'poem')],
    ['handwritten with "*"', (b) => recognize(b, 'handwritten')],
    ['table with a language other than ru/en', (b) => recognize(b, 'table', { languageCodes: ['de'] })],
    ['no language codes', (b) => recognize(b, 'page', { languageCodes: [] })],
    ['a MIME type that does not match the bytes', (b) => recognize(b, 'page', { mimeType: 'JPEG' })],
    ['an unsupported MIME type', (b) => recognize(b, 'page', { mimeType: 'image/gif' })],
    ['bytes that are not an image', () => recognize(Buffer.from('hello'), 'page', { mimeType: undefined })],
    ['over 20 MP', () => recognize(makePng(1, 1, { declared: { width: 6000, height: 4000 } }))],
    ['no content', () => post(url, { mimeType: 'PNG', languageCodes: ['*'] }, key())],
    ['an unknown field', (b) => recognize(b, 'page', { folderId: 'x' })],
  ];
  for (const [what, send] of bad) {
    it(`refuses ${what} with 400 {code: 3}`, async () => {
      const res = await send(png(50, 50));
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.code, 3);
    });
  }

  it('same auth; IAM takes the folder from x-folder-id', async () => {
    assert.equal((await recognize(png(8, 8), 'page', {}, {})).json.code, 16);
    const bearer = { authorization: `Bearer ${y.iamToken}` };
    assert.equal((await recognize(png(8, 8), 'page', {}, bearer)).status, 400);
    assert.equal((await recognize(png(8, 8), 'page', {}, { ...bearer, 'x-folder-id': y.folderId })).status, 200);
  });

  it('a truncated JSONL answer stops mid-line; node-fetch v2 never notices, so only an abort ends the read', async () => {
    y.ocr.inject({ kind: 'truncated', afterBytes: 40 });
    // node-fetch v2 pipes the response into a PassThrough without forwarding 'aborted': the body
    // neither ends nor errors. The client's timeout (an AbortSignal) is what has to end it.
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ languageCodes: ['*'], content: b64(png(200, 100)) }), headers: key(), signal: AbortSignal.timeout(300) });
    assert.equal(res.status, 200);
    await assert.rejects(res.text(), /abort/i);
  });
});
