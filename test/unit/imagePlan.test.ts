import assert from 'node:assert/strict';
import { yandexDescriptor } from '../../src/providers/yandex/descriptor';
import { smartyDescriptor } from '../../src/providers/smarty/descriptor';
import { localDescriptor } from '../../src/providers/local/descriptor';
import { withOverrides } from '../../src/images/limits';
import { planPreparation } from '../../src/images/plan';
import type { ImageProbe } from '../../src/images/probe';
import { formatOnly } from '../../src/shared/localize';

const probe = (format: ImageProbe['format'], width: number, height: number, orientation: ImageProbe['orientation'] = 1): ImageProbe => ({ format, width, height, orientation });
const plan = (p: ImageProbe, bytes: number, limits = yandexDescriptor.limits.vision!) => planPreparation(p, bytes, 'photo.jpg', limits, formatOnly);

describe('planPreparation', () => {
  it('sends a small upright JPEG or PNG as it is', () => {
    assert.deepEqual(plan(probe('jpeg', 1600, 1200), 400_000), { kind: 'send' });
    assert.deepEqual(plan(probe('png', 800, 600), 900_000), { kind: 'send' });
  });

  it('re-encodes a 12 MP phone photo with orientation 6 for Yandex: upright, JPEG, same pixels', () => {
    const p = plan(probe('jpeg', 4000, 3000, 6), 4_800_000);
    assert.deepEqual(p, { kind: 'reencode', format: 'jpeg', size: { width: 3000, height: 4000 }, reasons: ['orientation', 'bytes'] });
  });

  it('scales a 50 MP photo down to the pixel limit, keeping the aspect ratio', () => {
    const p = plan(probe('jpeg', 8160, 6120), 15_000_000);
    assert.equal(p.kind, 'reencode');
    if (p.kind !== 'reencode') return;
    assert.ok(p.size.width * p.size.height <= 20_000_000);
    assert.ok(Math.abs(p.size.width / p.size.height - 8160 / 6120) < 0.01);
    assert.deepEqual(p.reasons, ['pixels', 'bytes']);
  });

  it('converts formats the provider does not take, and keeps PNG when only the orientation is off', () => {
    assert.deepEqual(plan(probe('webp', 1000, 800), 100_000), { kind: 'reencode', format: 'jpeg', size: { width: 1000, height: 800 }, reasons: ['format'] });
    assert.deepEqual(plan(probe('png', 100, 80, 3), 10_000), { kind: 'reencode', format: 'png', size: { width: 100, height: 80 }, reasons: ['orientation'] });
    assert.deepEqual(plan(probe('gif', 10, 10), 400, localDescriptor.limits.ocr), { kind: 'reencode', format: 'png', size: { width: 10, height: 10 }, reasons: ['format'] });
  });

  it('fits Smarty\'s 3840×2160 box', () => {
    const p = plan(probe('jpeg', 4000, 3000), 3_000_000, smartyDescriptor.limits.persons);
    assert.equal(p.kind, 'reencode');
    if (p.kind !== 'reencode') return;
    assert.ok(p.size.width <= 3840 && p.size.height <= 2160, JSON.stringify(p.size));
    assert.equal(p.size.height, 2160);
  });

  it('refuses what a provider cannot take and Image Insight cannot convert, naming both', () => {
    for (const format of ['heic', 'avif', 'svg'] as const) {
      const p = plan(probe(format, 100, 100), 1000);
      assert.equal(p.kind, 'refuse');
      if (p.kind === 'refuse') assert.match(p.message, new RegExp(`Yandex Vision does not accept ${format.toUpperCase()} images.*"photo.jpg"`));
    }
  });

  it('sends PDF where it is accepted and refuses it elsewhere', () => {
    assert.deepEqual(plan(probe('pdf', 0, 0), 2_000_000, yandexDescriptor.limits.ocr), { kind: 'send' });
    assert.equal(plan(probe('pdf', 0, 0), 20_000_000, yandexDescriptor.limits.ocr).kind, 'refuse');
    assert.equal(plan(probe('pdf', 0, 0), 1000, smartyDescriptor.limits.persons).kind, 'refuse');
  });

  it('refuses an image below the provider\'s minimum (Smarty: 5×5)', () => {
    const p = plan(probe('png', 4, 40), 100, smartyDescriptor.limits.persons);
    assert.deepEqual(p, { kind: 'refuse', message: '"photo.jpg" is 4×40 pixels; VK Cloud Smarty needs at least 5×5.' });
    assert.deepEqual(plan(probe('png', 1, 1), 100), { kind: 'send' });
  });

  it('lets settings override a limit that providers have changed (Smarty: 4 MB → 15 MB)', () => {
    const old = withOverrides(smartyDescriptor.limits.persons!, { maxBytes: 4 * 1024 * 1024 });
    assert.deepEqual(plan(probe('jpeg', 2000, 1500), 6_000_000, old), { kind: 'reencode', format: 'jpeg', size: { width: 2000, height: 1500 }, reasons: ['bytes'] });
    assert.deepEqual(plan(probe('jpeg', 2000, 1500), 6_000_000, smartyDescriptor.limits.persons), { kind: 'send' });
  });
});
