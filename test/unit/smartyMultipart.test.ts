import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSmartyForm, smartyBody, deleteMeta, imageName, isSpace, objectsMeta, recognizeMeta, setMeta, textMeta, truncateMeta, type SmartyFile } from '../../src/providers/smarty/smartyMultipart';
import { parseMultipart } from '../emulators/smarty/multipart';
import { RESULT_FIXTURES_DIR } from './resultFixtures';

const EXAMPLES_DIR = path.resolve(RESULT_FIXTURES_DIR, '../../../../shared/api/examples');
const example = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/** Bytes that would break a sloppy parser: CRLFs, dashes and a fake boundary inside. */
const tricky = (seed: number): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, seed]), Buffer.from('\r\n--fake-boundary\r\n\r\n--'), Buffer.alloc(300, seed)]));

function parsed(form: ReturnType<typeof buildSmartyForm>) {
  const headers = form.getHeaders();
  return parseMultipart(form.getBuffer(), headers['content-type']);
}

describe('Smarty multipart bodies (seed 004)', () => {
  it('set: one file part per image named as images[].name, the exact bytes, then meta as the docs write it', () => {
    const files: SmartyFile[] = [{ name: imageName(0), bytes: tricky(1), mime: 'image/jpeg' }, { name: imageName(1), bytes: tricky(2), mime: 'image/png' }];
    const meta = setMeta('0', [{ name: 'file_0', personId: 1 }, { name: 'file_1', personId: 2 }]);
    const parts = parsed(buildSmartyForm('persons/set', meta, files));
    assert.deepEqual(parts.map((p) => p.name), ['file_0', 'file_1', 'meta']);
    assert.deepEqual(parts.map((p) => p.contentType), ['image/jpeg', 'image/png', undefined]);
    assert.ok(parts[0]!.filename && parts[1]!.filename, 'file parts carry a filename');
    assert.deepEqual(parts[0]!.data, Buffer.from(files[0]!.bytes));
    assert.deepEqual(parts[1]!.data, Buffer.from(files[1]!.bytes));
    const sent: unknown = JSON.parse(parts[2]!.data.toString('utf8'));
    assert.deepEqual(sent, { space: '0', images: [{ name: 'file_0', person_id: 1 }, { name: 'file_1', person_id: 2 }] });
    if (fs.existsSync(EXAMPLES_DIR)) assert.deepEqual(sent, example('vk-persons-set-request-meta-1.json'));
  });

  it('recognize: create_new false unless asked, update_embedding only when given', () => {
    assert.deepEqual(recognizeMeta('3', ['file_0']), { space: '3', create_new: false, images: [{ name: 'file_0' }] });
    assert.deepEqual(recognizeMeta('3', ['a', 'b'], { createNew: true, updateEmbedding: false }), { space: '3', create_new: true, update_embedding: false, images: [{ name: 'a' }, { name: 'b' }] });
    const parts = parsed(buildSmartyForm('persons/recognize', recognizeMeta('9', ['file_0']), [{ name: 'file_0', bytes: tricky(3), mime: 'image/jpeg' }]));
    assert.deepEqual(parts.map((p) => p.name), ['file_0', 'meta']);
  });

  it('delete and truncate: meta only, no file parts', () => {
    const del = deleteMeta('1', [{ name: 'f1', personId: 1 }, { name: 'f2', personId: 2 }]);
    if (fs.existsSync(EXAMPLES_DIR)) assert.deepEqual(del, example('vk-persons-delete-request-meta-1.json'));
    for (const [method, meta] of [['persons/delete', del], ['persons/truncate', truncateMeta('1')]] as const) {
      const parts = parsed(buildSmartyForm(method, meta, []));
      assert.deepEqual(parts.map((p) => p.name), ['meta']);
      assert.deepEqual(JSON.parse(parts[0]!.data.toString('utf8')), meta);
    }
    assert.deepEqual(truncateMeta('1'), { space: '1' });
  });

  it('smartyBody streams the same bytes as form-data would build, with its headers', async () => {
    const files: SmartyFile[] = [{ name: 'file_0', bytes: tricky(4), mime: 'image/jpeg' }];
    const meta = recognizeMeta('2', ['file_0']);
    const body = await smartyBody('persons/recognize', meta, files);
    const headers = body.getHeaders();
    const parts = parseMultipart(body.getBuffer(), headers['content-type']);
    assert.deepEqual(parts.map((p) => [p.name, p.data.length]), [['file_0', files[0]!.bytes.length], ['meta', JSON.stringify(meta).length]]);
    assert.equal(body.length, body.getBuffer().length);
  });

  it('text, objects and adult metas', () => {
    assert.deepEqual(textMeta(['file_0']), { mode: 'detailed', images: [{ name: 'file_0' }] });
    assert.deepEqual(objectsMeta(['file_0']), { mode: ['multiobject', 'scene'], images: [{ name: 'file_0' }] });
  });

  it('spaces are the strings "0" to "9"; person ids non-negative integers', () => {
    assert.ok(['0', '5', '9'].every(isSpace));
    for (const bad of ['10', '-1', '', ' 1', 1, null]) {
      assert.ok(!isSpace(bad));
      assert.throws(() => truncateMeta(bad as string), RangeError);
    }
    for (const id of [-1, 1.5, Number.NaN, 2 ** 60]) assert.throws(() => setMeta('0', [{ name: 'f', personId: id }]), RangeError);
  });

  it('refuses a body whose file parts do not match meta.images', () => {
    const file = (name: string): SmartyFile => ({ name, bytes: new Uint8Array([1]), mime: 'image/jpeg' });
    const meta = setMeta('0', [{ name: 'a', personId: 1 }, { name: 'b', personId: 2 }]);
    assert.throws(() => buildSmartyForm('persons/set', meta, [file('a')]), RangeError);
    assert.throws(() => buildSmartyForm('persons/set', meta, [file('b'), file('a')]), RangeError);
    assert.throws(() => buildSmartyForm('persons/set', setMeta('0', [{ name: 'a', personId: 1 }, { name: 'a', personId: 2 }]), [file('a'), file('a')]), RangeError);
    assert.throws(() => buildSmartyForm('persons/delete', deleteMeta('0', [{ name: 'a', personId: 1 }]), [file('a')]), RangeError);
  });
});
