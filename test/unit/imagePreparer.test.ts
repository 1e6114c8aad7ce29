import assert from 'node:assert/strict';
import { yandexDescriptor } from '../../src/providers/yandex/descriptor';
import { googleDescriptor } from '../../src/providers/google/descriptor';
import { smartyDescriptor } from '../../src/providers/smarty/descriptor';
import fs from 'node:fs';
import path from 'node:path';
import { type ProviderLimits } from '../../src/images/limits';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import { toOriginal, uprightToStored, type Orientation } from '../../src/images/transform';
import { loadVips, type Vips } from '../../src/images/worker/vips';
import type { ImageSource } from '../../src/images/imageSource';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/images');
const WORKER = path.join(ROOT, 'dist/imageWorker.js');

async function fromBytes(bytes: Uint8Array, file: string): Promise<ImageSource> {
  const name = path.basename(file);
  const probe = await probeImage(bytes, name, formatOnly);
  return { uri: `file://${file}`, name, size: bytes.byteLength, ...probe, read: () => Promise.resolve(bytes) };
}
const source = (file: string) => fromBytes(new Uint8Array(fs.readFileSync(file)), file);
const fixture = (name: string) => source(path.join(FIXTURES, name));
// CMYK without an ICC profile goes through a generic profile: red comes out a little off.
const isRed = (p: number[]) => p[0]! > 180 && p[1]! < 90 && p[2]! < 90;

describe('ImagePreparer (wasm-vips in a worker)', function () {
  this.timeout(60_000);
  let preparer: ImagePreparer;
  let vips: Vips;

  before(async function () {
    if (!fs.existsSync(WORKER)) throw new Error('dist/imageWorker.js is missing: run `npm run build` first');
    preparer = new ImagePreparer(WORKER, formatOnly, 5_000);
    vips = await loadVips(path.join(ROOT, 'dist/vendor/wasm-vips'));
  });
  after(() => preparer.dispose());

  const decode = (bytes: Uint8Array) => vips.Image.newFromBuffer(bytes);

  it('never transfers (detaches) a pooled Node Buffer the caller holds', async () => {
    const file = fs.readFileSync(path.join(FIXTURES, 'orient-6.jpg')); // small: a slice of Node's shared pool
    const image = await fixture('orient-6.jpg');
    const pooled = Buffer.from(file); // another pool slice, as readFile gives
    await preparer.prepare({ ...image, read: () => Promise.resolve(pooled) }, yandexDescriptor.limits.vision!);
    assert.equal(pooled.byteLength, file.byteLength);
    assert.deepEqual(pooled, file);
  });

  it('sends a file that already fits as it is, byte for byte when its metadata is to be kept', async () => {
    const image = await source(path.join(ROOT, 'samples/fruits.jpg'));
    const prepared = await preparer.prepare(image, yandexDescriptor.limits.vision!, undefined, { metadata: 'keep' });
    assert.deepEqual(prepared.reencoded, []);
    assert.deepEqual(prepared.bytes, await image.read());
    assert.equal(prepared.mime, 'image/jpeg');
    assert.equal(prepared.metadataRemoved, undefined);
  });

  it('strips the metadata of a file sent as it is by default, without re-encoding it', async () => {
    const image = await fixture('private.jpg');
    const prepared = await preparer.prepare(image, yandexDescriptor.limits.vision!);
    assert.deepEqual(prepared.reencoded, []);
    assert.deepEqual(prepared.metadataRemoved?.kinds, ['exif', 'gps', 'camera', 'thumbnail', 'xmp', 'iptc', 'comment']);
    const original = await image.read();
    assert.equal(prepared.bytes.length, original.length - prepared.metadataRemoved.bytes);
    assert.ok(!Buffer.from(prepared.bytes).includes('Jane Doe'));
    // Metadata sits before the first scan: the file's last 4 kB (scan data and EOI) are unchanged.
    assert.deepEqual(prepared.bytes.subarray(-4096), original.subarray(-4096));
  });

  it('keeps only the first page of a multi-page TIFF sent as it is, and says so', async () => {
    const prepared = await preparer.prepare(await fixture('private.tiff'), googleDescriptor.limits.annotate!);
    assert.deepEqual(prepared.reencoded, []);
    assert.ok(prepared.metadataRemoved?.kinds.includes('gps'));
    assert.deepEqual(prepared.notes, []); // the second directory is a reduced-resolution copy, not a page
  });

  it('re-encodes a file whose metadata it cannot strip (losslessly as PNG), and carries none', async () => {
    // WhitePoint with a field type no TIFF version defines: libtiff skips the tag, the stripper stops.
    const tiff = Buffer.from(fs.readFileSync(path.join(FIXTURES, 'image.tiff')));
    const ifd = tiff.readUInt32LE(4);
    let patched = 0;
    for (let e = ifd + 2; e < ifd + 2 + tiff.readUInt16LE(ifd) * 12; e += 12) {
      if (tiff.readUInt16LE(e) !== 318) continue;
      tiff.writeUInt16LE(99, e + 2);
      patched++;
    }
    assert.equal(patched, 1);
    const prepared = await preparer.prepare(await fromBytes(tiff, '/odd.tiff'), googleDescriptor.limits.annotate!);
    assert.deepEqual(prepared.reencoded, ['metadata']);
    assert.equal(prepared.mime, 'image/png');
    const sent = decode(prepared.bytes);
    assert.deepEqual([sent.width, sent.height], [160, 120]);
    for (const field of ['exif-data', 'xmp-data', 'iptc-data', 'icc-profile-data']) assert.equal(sent.getTypeof(field), 0, field);
    sent.delete();
  });

  it('refuses, naming the file and the setting, a file it can neither strip nor re-encode', async () => {
    const image = await fixture('image.heic');
    await assert.rejects(preparer.prepare(image, { ...googleDescriptor.limits.annotate!, accepts: ['heic'] }), (e: Error) => e instanceof UserError && e.message.includes('"image.heic"') && e.message.includes('imageInsight.keepMetadata'));
    const kept = await preparer.prepare(image, { ...googleDescriptor.limits.annotate!, accepts: ['heic'] }, undefined, { metadata: 'keep' });
    assert.deepEqual(kept.bytes, await image.read());
  });

  it('re-encodes without metadata (vips keep: 0) whatever the source carried', async () => {
    const prepared = await preparer.prepare(await fixture('private.png'), { ...yandexDescriptor.limits.vision!, accepts: ['jpeg'] });
    assert.deepEqual(prepared.reencoded, ['format']);
    assert.ok(!Buffer.from(prepared.bytes).includes('Jane Doe'));
    const sent = decode(prepared.bytes);
    for (const field of ['exif-data', 'xmp-data', 'iptc-data']) assert.equal(sent.getTypeof(field), 0, field);
    sent.delete();
  });

  it('turns all eight EXIF orientations upright, and the transform maps back to the picture the user sees', async () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const image = await fixture(`orient-${o}.jpg`);
      assert.equal(image.orientation, o);
      // The transform's idea of "stored" agrees with the decoder: the upright marker at (8, 8)
      // sits where uprightToStored says in the stored pixels.
      const stored = decode(await image.read());
      const at = uprightToStored({ x: 8, y: 8 }, o, { width: image.width, height: image.height });
      assert.ok(isRed(stored.getpoint(Math.floor(at.x), Math.floor(at.y))), `orientation ${o}: stored marker at ${JSON.stringify(at)}`);
      stored.delete();

      const prepared = await preparer.prepare(image, yandexDescriptor.limits.vision!);
      const sent = decode(prepared.bytes);
      assert.deepEqual([sent.width, sent.height], [160, 120], `orientation ${o}`);
      assert.ok(isRed(sent.getpoint(4, 4)), `orientation ${o}: marker top-left after preparation`);
      sent.delete();
      assert.deepEqual(prepared.reencoded, o === 1 ? [] : ['orientation']);
      const back = toOriginal(prepared.transform, { x: 8, y: 8 });
      assert.ok(Math.abs(back.x - 8) < 1 && Math.abs(back.y - 8) < 1, `orientation ${o}: ${JSON.stringify(back)}`);
    }
  });

  it('converts every decodable format to what the provider takes (progressive, grayscale, CMYK, 16-bit, palette + alpha, WebP, TIFF)', async () => {
    for (const name of ['progressive.jpg', 'gray.png', 'cmyk.jpg', 'rgb16.png', 'palette-alpha.png', 'image.webp', 'image.tiff']) {
      // A provider that takes no raster format as it is: everything is converted.
      const prepared = await preparer.prepare(await fixture(name), { ...yandexDescriptor.limits.vision!, accepts: ['pdf'] });
      const sent = decode(prepared.bytes);
      assert.equal(prepared.mime, 'image/jpeg', name);
      assert.equal(sent.bands, name === 'gray.png' ? 1 : 3, `${name}: 8-bit sRGB or gray`);
      assert.deepEqual([sent.width, sent.height], [160, 120], name);
      assert.ok(isRed(sent.getpoint(4, 4)) || name === 'gray.png', `${name}: colours survive`);
      sent.delete();
    }
  });

  it('re-encodes a CMYK JPEG as RGB even for a provider that takes JPEG', async () => {
    const image = await fixture('cmyk.jpg');
    assert.equal(image.cmyk, true);
    const prepared = await preparer.prepare(image, yandexDescriptor.limits.vision!);
    assert.deepEqual(prepared.reencoded, ['format']);
    const sent = decode(prepared.bytes);
    assert.equal(sent.bands, 3);
    assert.ok(isRed(sent.getpoint(4, 4)));
    sent.delete();
  });

  it('flattens transparency on white for JPEG', async () => {
    const prepared = await preparer.prepare(await fixture('palette-alpha.png'), { ...yandexDescriptor.limits.vision!, accepts: ['jpeg'] }); // PNG not taken
    const sent = decode(prepared.bytes);
    const corner = sent.getpoint(150, 110); // a transparent block in the source
    sent.delete();
    assert.ok(corner.every((v) => v > 240), `white, not black: ${corner.join(',')}`);
  });

  it('drops an alpha band that is opaque everywhere, giving what flattening would', async () => {
    const rgb = decode(await (await fixture('orient-1.jpg')).read());
    const rgba = rgb.bandjoin([255]);
    const png = rgba.pngsaveBuffer({ compression: 6, keep: 0 }).slice();
    rgb.delete();
    rgba.delete();
    const prepared = await preparer.prepare(await fromBytes(png, '/opaque.png'), { ...yandexDescriptor.limits.vision!, accepts: ['jpeg'] });
    const sent = decode(prepared.bytes);
    assert.equal(sent.bands, 3);
    assert.ok(isRed(sent.getpoint(4, 4)));
    assert.ok(sent.getpoint(150, 110).every((v) => v < 240), 'no white where nothing was transparent');
    sent.delete();
  });

  it('uses the first frame of an animated GIF and says so', async () => {
    const prepared = await preparer.prepare(await fixture('animated.gif'), yandexDescriptor.limits.vision!);
    assert.deepEqual(prepared.notes, ['"animated.gif" has 3 frames; only the first one was analyzed.']);
    const sent = decode(prepared.bytes);
    assert.ok(isRed(sent.getpoint(4, 4)), 'the first frame, not the negated second');
    sent.delete();
  });

  it('steps the JPEG quality down to meet a byte limit', async () => {
    const image = await source(path.join(ROOT, 'samples/scenetext01.jpg'));
    const limits: ProviderLimits = { ...yandexDescriptor.limits.vision!, accepts: ['png'], maxBytes: 90_000 }; // q85 ≈ 106 kB, q65 ≈ 86 kB
    const prepared = await preparer.prepare(image, limits);
    assert.ok(prepared.bytes.length <= 90_000, `${prepared.bytes.length}`);
    assert.deepEqual(prepared.attempts.map((a) => a.split('=')[0]), ['800x600@q85', '800x600@q75', '800x600@q65']);
    assert.equal(decode(prepared.bytes).width, 800);
  });

  it('fits a big image from samples, encoding it whole once, just under the limit', async () => {
    const small = decode(fs.readFileSync(path.join(ROOT, 'samples/messi5.jpg')));
    const big = small.resize(4, { kernel: 'lanczos3' }); // 2192×1368: big enough to be sampled
    const bytes = big.jpegsaveBuffer({ Q: 95, keep: 0 }).slice();
    small.delete();
    big.delete();
    const prepared = await preparer.prepare(await fromBytes(bytes, '/big.jpg'), { ...yandexDescriptor.limits.vision!, maxBytes: 150_000 });
    assert.equal(prepared.attempts.length, 1, prepared.attempts.join(', '));
    assert.ok(prepared.bytes.length <= 150_000 && prepared.bytes.length > 130_000, `${prepared.bytes.length} bytes`);
    assert.ok(Math.min(prepared.transform.sent.width, prepared.transform.sent.height) >= 480);
  });

  it('scales down to meet a byte limit, never below the legible minimum, and says when it cannot', async () => {
    const image = await source(path.join(ROOT, 'samples/scenetext01.jpg'));
    await assert.rejects(
      preparer.prepare(image, { ...yandexDescriptor.limits.vision!, accepts: ['png'], maxBytes: 4_000 }),
      (e: Error) => e instanceof UserError && /cannot fit Yandex Vision's limit of 0.0 MB without shrinking it below 480 pixels/.test(e.message),
    );
  });

  it('names a damaged file and sends nothing', async () => {
    // The probe refuses it first; bytes that changed after the probe meet the decoder's own check.
    await assert.rejects(fixture('truncated.jpg'), (e: Error) => e instanceof UserError && /"truncated.jpg" is cut short or damaged: the JPEG file ends before its end-of-image marker/.test(e.message));
    const cut = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'truncated.jpg')));
    const probed = { ...(await fixture('orient-1.jpg')), name: 'truncated.jpg', read: () => Promise.resolve(cut) };
    await assert.rejects(preparer.prepare(probed, { ...yandexDescriptor.limits.vision!, accepts: ['png'] }), (e: Error) =>
      e instanceof UserError && /"truncated.jpg" is a damaged or unsupported JPEG file/.test(e.message),
    );
  });

  it('refuses a PNG whose checksum is wrong before anything is decoded or sent', async () => {
    await assert.rejects(fixture('bad-crc.png'), (e: Error) => e instanceof UserError && /"bad-crc.png" is a damaged PNG file: the checksum of its IHDR chunk is wrong/.test(e.message));
  });

  it('refuses formats nobody here can convert, and images below a provider\'s minimum', async () => {
    for (const name of ['image.avif', 'image.heic', 'drawing.svg', 'image.bmp']) {
      await assert.rejects(preparer.prepare(await fixture(name), yandexDescriptor.limits.vision!), /does not accept .* images, and Image Insight cannot convert/, name);
    }
    await assert.rejects(preparer.prepare(await fixture('four-by-four.png'), smartyDescriptor.limits.persons!), /"four-by-four.png" is 4×4 pixels; VK Cloud Smarty needs at least 5×5/);
    assert.equal((await preparer.prepare(await fixture('one-pixel.png'), yandexDescriptor.limits.vision!)).reencoded.length, 0);
  });

  it('sends BMP to Google as it is', async () => {
    const prepared = await preparer.prepare(await fixture('image.bmp'), googleDescriptor.limits.annotate!);
    assert.equal(prepared.mime, 'image/bmp');
  });
});
