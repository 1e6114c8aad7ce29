import assert from 'node:assert/strict';
import { MB } from '../../src/images/limits';
import { MAX_IMAGE_BYTES_PER_REQUEST, MAX_IMAGES_PER_REQUEST, MAX_REQUEST_BYTES, smartyImageLimits, splitRequests } from '../../src/providers/smarty/smartyLimits';
import { setMeta, smartyBody } from '../../src/providers/smarty/smartyMultipart';

describe('Smarty request limits: ≤ 100 images and ≤ 30 MB per request', () => {
  const sizes = (groups: number[][]) => groups.map((g) => g.length);

  it('250 small images → 100, 100, 50', () => {
    assert.deepEqual(sizes(splitRequests(Array.from({ length: 250 }, () => 1000), (n) => n)), [100, 100, 50]);
  });

  it('by bytes: five 10 MB images → 2, 2, 1 (three would pass 30 MB); order kept', () => {
    const items = [1, 2, 3, 4, 5].map((id) => ({ id, size: 10 * MB }));
    const groups = splitRequests(items, (i) => i.size);
    assert.deepEqual(groups.map((g) => g.map((i) => i.id)), [[1, 2], [3, 4], [5]]);
    for (const g of groups) assert.ok(g.reduce((n, i) => n + i.size, 0) <= MAX_IMAGE_BYTES_PER_REQUEST);
  });

  it('an item over the limit on its own still goes, alone; nothing → no request', () => {
    assert.deepEqual(sizes(splitRequests([1, 40 * MB, 1], (n) => n)), [1, 1, 1]);
    assert.deepEqual(splitRequests([], (n: number) => n), []);
  });

  it('a full request, multipart included, stays within 30 MB (and is built in linear time)', async () => {
    const per = Math.floor(MAX_IMAGE_BYTES_PER_REQUEST / MAX_IMAGES_PER_REQUEST);
    const images = Array.from({ length: MAX_IMAGES_PER_REQUEST }, (_, i) => ({ name: `file_${i}`, bytes: new Uint8Array(per), mime: 'image/jpeg' as const }));
    const started = Date.now();
    const body = await smartyBody('persons/set', setMeta('9', images.map((im, i) => ({ name: im.name, personId: 1_000_000 + i }))), images);
    assert.ok(body.length <= MAX_REQUEST_BYTES, `${body.length} bytes`);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('imageInsight.smarty.maxImageMB sets the per-image limit (4 MB before 2023, 15 MB since)', () => {
    assert.equal(smartyImageLimits(4).maxBytes, 4 * MB);
    assert.equal(smartyImageLimits(15).maxBytes, 15 * MB);
    assert.equal(smartyImageLimits(15).maxWidth, 3840);
    assert.equal(smartyImageLimits(15).minHeight, 5);
  });
});
