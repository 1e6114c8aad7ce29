import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { probeImage } from '../../src/images/probe';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';
import { makeJpegHeader, makePng, makeTiffHeader } from './imageBuilders';

const SAMPLES = path.resolve(__dirname, '../../../samples');
const probe = (bytes: Uint8Array, name = 'x.png') => probeImage(bytes, name, formatOnly);
const refused = async (bytes: Uint8Array, name: string, expected: RegExp) =>
  assert.rejects(probe(bytes, name), (e: Error) => e instanceof UserError && e.file === name && expected.test(e.message) && e.message.includes(`"${name}"`));

describe('probeImage', () => {
  it('reads the samples\' formats and sizes from their headers', async () => {
    assert.deepEqual(await probe(fs.readFileSync(path.join(SAMPLES, 'fruits.jpg'))), { format: 'jpeg', width: 512, height: 480, orientation: 1 });
    assert.deepEqual(await probe(fs.readFileSync(path.join(SAMPLES, 'imageTextN.png'))), { format: 'png', width: 556, height: 257, orientation: 1 });
  });

  it('reads the EXIF orientation of JPEG (APP1), PNG (eXIf) and TIFF (IFD0)', async () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      assert.deepEqual(await probe(makeTiffHeader(40, 30, o), 'scan.tif'), { format: 'tiff', width: 40, height: 30, orientation: o }, `tiff ${o}`);
      assert.equal((await probe(makeJpegHeader(40, 30, o))).orientation, o, `jpeg ${o}`);
      assert.equal((await probe(makePng(4, 3, { orientation: o }))).orientation, o, `png ${o}`);
    }
    assert.equal((await probe(makeJpegHeader(40, 30))).orientation, 1);
  });

  it('ignores an orientation outside 1–8', async () => {
    assert.equal((await probe(makeJpegHeader(40, 30, 9))).orientation, 1);
  });

  it('refuses a text file, an HTML page and an empty file named like images, naming them', async () => {
    await refused(Buffer.from('not an image at all\n'), 'notes.png', /is a text file/);
    await refused(Buffer.from('<!DOCTYPE html><html><body>404</body></html>'), 'photo.jpg', /HTML page/);
    await refused(new Uint8Array(), 'empty.png', /is empty/);
    await refused(new Uint8Array([1, 2, 3, 0, 250, 251]), 'blob.bmp', /not an image Image Insight can read/);
  });

  it('refuses a decompression bomb before decoding', async () => {
    const bomb = makePng(1, 1, { declared: { width: 60000, height: 60000 } });
    assert.ok(bomb.length < 1000);
    await refused(bomb, 'bomb.png', /60000×60000 pixels \(3600 megapixels\).*decompression bomb/);
  });

  it('refuses a PNG with a bad CRC, naming the chunk', async () => {
    await refused(makePng(10, 10, { badCrc: true }), 'crc.png', /damaged PNG file: the checksum of its IHDR chunk is wrong/);
  });

  it('refuses a header cut short, saying what the structure walk found', async () => {
    await refused(makePng(10, 10).subarray(0, 20), 'cut.png', /"cut.png" is cut short or damaged: the PNG file ends before its IEND chunk/);
  });

  it('refuses a header it cannot read when the structure is whole', async () => {
    await refused(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'nothing.jpg', /JPEG, but its header is damaged or cut off/);
  });

  it('passes PDF through for the providers that take it', async () => {
    assert.equal((await probe(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).format, 'pdf');
  });
});
