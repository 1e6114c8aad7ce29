import assert from 'node:assert/strict';
import { yandexDescriptor } from '../../src/providers/yandex/descriptor';
import fs from 'node:fs';
import path from 'node:path';
import { ImagePreparer } from '../../src/images/preparer';
import { probeImage } from '../../src/images/probe';
import { formatOnly } from '../../src/shared/localize';

const ROOT = path.resolve(__dirname, '../../..');

describe('image worker inside the real extension host', () => {
  it('runs wasm-vips in a worker thread of the extension host and turns a photo upright', async () => {
    const preparer = new ImagePreparer(path.join(ROOT, 'dist/imageWorker.js'), formatOnly, 1_000);
    try {
      const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'test/fixtures/images/orient-6.jpg')));
      const probe = await probeImage(bytes, 'orient-6.jpg', formatOnly);
      assert.deepEqual([probe.width, probe.height, probe.orientation], [120, 160, 6]);
      const prepared = await preparer.prepare({ uri: 'file:///orient-6.jpg', name: 'orient-6.jpg', size: bytes.length, ...probe, read: () => Promise.resolve(bytes) }, yandexDescriptor.limits.vision!);
      const sent = await probeImage(prepared.bytes, 'sent.jpg', formatOnly);
      assert.deepEqual([sent.format, sent.width, sent.height, sent.orientation], ['jpeg', 160, 120, 1]);
      assert.deepEqual(prepared.reencoded, ['orientation']);
      console.log(`      prepared in ${prepared.prepareMs.toFixed(0)} ms on Node ${process.version}`);
    } finally {
      preparer.dispose();
    }
  });
});
