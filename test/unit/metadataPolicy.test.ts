import assert from 'node:assert/strict';
import type { ImageSource } from '../../src/images/imageSource';
import type { PreparedImage, PrepareOptions } from '../../src/images/preparer';
import type { ProviderDeps, ProviderDescriptor } from '../../src/providers/descriptor';
import { builtinProvider } from '../../src/providers/kit/builtinProvider';
import { localDescriptor } from '../../src/providers/local/descriptor';
import type { RequestKind } from '../../src/providers/types';
import { yandexDescriptor } from '../../src/providers/yandex/descriptor';
import { formatOnly } from '../../src/shared/localize';
import { tokenSource } from './cancellation';

const source: ImageSource = { uri: 'file:///home/jane/IMG_0001.jpg', name: 'IMG_0001.jpg', size: 10, format: 'jpeg', width: 4, height: 4, orientation: 1, read: () => Promise.resolve(new Uint8Array(10)) };

/** Runs one image through a provider made from `descriptor`; returns the options the preparer got and the log. */
async function run(descriptor: ProviderDescriptor, settings: Record<string, unknown>) {
  const options: Array<PrepareOptions | undefined> = [];
  const log: string[] = [];
  const prepared: PreparedImage = {
    bytes: new Uint8Array(4),
    mime: 'image/jpeg',
    transform: { orientation: 1, stored: { width: 4, height: 4 }, sent: { width: 4, height: 4 }, sentAs: 'upright' },
    reencoded: [],
    notes: [],
    attempts: [],
    metadataRemoved: { kinds: ['exif', 'gps', 'thumbnail'], bytes: 48_200 },
    prepareMs: 0,
  };
  const deps: ProviderDeps = {
    t: formatOnly,
    setting: (key) => settings[key],
    credentials: { get: () => Promise.resolve({ apiKey: 'k' }) },
    preparer: { prepare: (_s, _l, _t, o) => (options.push(o), Promise.resolve(prepared)) },
    distPath: '/nowhere',
    languages: { codes: () => ['eng'], ensure: () => Promise.resolve('/nowhere'), invalidate: () => Promise.resolve() },
    redact: (text) => text,
    log: (line) => log.push(line),
  };
  const kind: RequestKind = {
    name: 'test',
    limits: Object.values(descriptor.limits)[0]!,
    maxImages: 1,
    send: () => Promise.resolve({}),
    parse: () => ({ findings: { errors: [] }, raw: {} }),
  };
  const provider = builtinProvider(descriptor, deps, () => Promise.resolve(undefined), () => ({ plan: () => Promise.resolve([kind]) }));
  await provider.analyze([() => Promise.resolve(source)], ['text'], { languages: ['*'] }, tokenSource());
  return { options, log };
}

describe('metadata of images sent to providers', () => {
  it('a cloud provider gets images stripped, and the log names what went by kind and size only', async () => {
    const { options, log } = await run(yandexDescriptor, {});
    assert.deepEqual(options, [{ metadata: 'strip' }]);
    assert.deepEqual(log, ['yandex: IMG_0001.jpg: removed EXIF, GPS position, thumbnail: 48.2 KB']);
  });

  it('imageInsight.keepMetadata sends them as they are, and the log says so', async () => {
    const { options, log } = await run(yandexDescriptor, { keepMetadata: true });
    assert.deepEqual(options, [{ metadata: 'keep' }]);
    assert.ok(log[0]!.includes('imageInsight.keepMetadata'));
  });

  it('a value of the wrong type keeps the default: stripped', async () => {
    assert.deepEqual((await run(yandexDescriptor, { keepMetadata: 'yes' })).options, [{ metadata: 'strip' }]);
  });

  it('the offline provider reads files as they are (they never leave the computer)', async () => {
    const { options, log } = await run(localDescriptor, {});
    assert.deepEqual(options, [{ metadata: 'keep' }]);
    assert.ok(!log.some((line) => line.includes('keepMetadata')));
  });
});
