import assert from 'node:assert/strict';
import { MAX_EDIT_LENGTH } from '../../src/shared/panelState';
import { isHostMessage, isRegion, isWebviewMessage } from '../../src/shared/protocol';
import { uiStrings } from '../../src/shared/uiStrings';
import { formatOnly } from '../../src/shared/localize';
import { externalUrl, mapUrl } from '../../src/shared/links';
import { syntheticTextResult } from './resultFixtures';

const region = { x: 1, y: 2, width: 3, height: 4 };

describe('webview → host messages (the host guard)', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'openText' },
      { type: 'openJson' },
      { type: 'copyJson' },
      { type: 'copyText', level: 'word', index: 0 },
      { type: 'copyText', level: 'line', index: 12 },
      { type: 'copyText', level: 'block', index: 3 },
      { type: 'copyRegion' },
      { type: 'copyRegion', region },
      { type: 'copyTable', region },
      { type: 'insertText' },
      { type: 'insertTable', region: { x: 0, y: 0, width: 0, height: 0 } },
      { type: 'copyFinding', kind: 'label', index: 2 },
      { type: 'copyFinding', kind: 'face', index: 0 },
      { type: 'openLink', index: 1, target: 'page' },
      { type: 'openLink', index: 1, target: 'image' },
      { type: 'openLink', index: 2, target: 'webImage' },
      { type: 'openMap', index: 0 },
      { type: 'editWord', index: 4, text: '' },
      { type: 'editWord', index: 4, text: 'x'.repeat(MAX_EDIT_LENGTH) },
      { type: 'enrollFace', index: 0 },
      { type: 'enrollFace', index: 3, newPerson: true },
    ];
    for (const message of good) assert.ok(isWebviewMessage(message), JSON.stringify(message));
  });

  it('drops anything else: unknown types, extra or missing fields, wrong types, URLs', () => {
    const bad: unknown[] = [
      null, undefined, 1, 'ready', [], {}, { type: 'READY' },
      { type: 'ready', extra: 1 },
      { type: 'copyWord', index: 3 }, // the first cut's message, retired
      { type: 'copyText', level: 'page', index: 0 },
      { type: 'copyText', level: 'word' },
      { type: 'copyText', level: 'word', index: -1 },
      { type: 'copyText', level: 'word', index: 1.5 },
      { type: 'copyText', level: 'word', index: '2' },
      { type: 'copyText', level: 'word', index: Number.MAX_SAFE_INTEGER + 2 },
      { type: 'copyText', level: 'word', index: 1, text: 'smuggled' },
      { type: 'copyRegion', region: { ...region, width: -1 } },
      { type: 'copyRegion', region: { ...region, x: NaN } },
      { type: 'copyRegion', region: { ...region, y: Infinity } },
      { type: 'copyRegion', region: { ...region, z: 1 } },
      { type: 'copyRegion', region: { x: 1, y: 2, width: 3 } },
      { type: 'copyRegion', region: null },
      { type: 'copyRegion', region: [1, 2, 3, 4] },
      { type: 'openLink', url: 'javascript:alert(1)' },
      { type: 'openLink', index: 0, target: 'page', url: 'https://evil.example' },
      { type: 'openLink', index: 0, target: 'javascript' },
      { type: 'openMap', index: -1 },
      { type: 'openMap', index: 0, url: 'https://evil.example' },
      { type: 'openMap', latitude: 1, longitude: 2 },
      { type: 'copyFinding', kind: 'copy', index: 0 },
      { type: 'editWord', index: 0 },
      { type: 'editWord', index: 0, text: 5 },
      { type: 'editWord', index: 0, text: 'x'.repeat(MAX_EDIT_LENGTH + 1) },
      // A face is named by index only: the host takes the polygon from its own copy.
      { type: 'enrollFace' },
      { type: 'enrollFace', index: -1 },
      { type: 'enrollFace', index: 0.5 },
      { type: 'enrollFace', index: '0' },
      { type: 'enrollFace', index: 0, newPerson: false },
      { type: 'enrollFace', index: 0, newPerson: 'yes' },
      { type: 'enrollFace', index: 0, face: [{ x: 0, y: 0 }, { x: 9, y: 0 }, { x: 9, y: 9 }] },
      { type: 'enrollFace', index: 0, space: '3', personId: 7 },
      Object.assign(Object.create({ type: 'ready' }) as object, {}),
      JSON.parse('{"type":"ready","__proto__":{"x":1}}'),
    ];
    for (const message of bad) assert.ok(!isWebviewMessage(message), JSON.stringify(message));
  });

  it('checks regions on their own', () => {
    assert.ok(isRegion(region));
    assert.ok(!isRegion({ ...region, height: -0.5 }));
  });
});

describe('host → webview messages', () => {
  const strings = uiStrings(formatOnly);
  const display = { title: 'a.png · Local', lowConfidence: 0.6, strings };
  const state = { version: 2, result: syntheticTextResult(3), seal: 'x', edits: [] };

  it('accepts show, notice and toast', () => {
    assert.ok(isHostMessage({ type: 'show', display, state }));
    assert.ok(isHostMessage({ type: 'show', display: { ...display, image: { base64: 'iVBORw0K', mime: 'image/png' } }, state }));
    assert.ok(isHostMessage({ type: 'notice', text: 'gone' }));
    assert.ok(isHostMessage({ type: 'toast', text: 'Copied' }));
  });

  it('refuses a show without its strings, a number, or a result', () => {
    const missing: Partial<typeof strings> = { ...strings };
    delete missing.copy;
    assert.ok(!isHostMessage({ type: 'show', display: { ...display, strings: missing }, state }));
    assert.ok(!isHostMessage({ type: 'show', display: { ...display, lowConfidence: NaN }, state }));
    assert.ok(!isHostMessage({ type: 'show', display, state: { version: 1 } }));
    // The picture comes only as bytes of a raster type: never a URL to load, never SVG or HTML.
    for (const image of [{ base64: 1, mime: 'image/png' }, { base64: 'PHN2Zz4=', mime: 'image/svg+xml' }, { base64: 'PGh0bWw+', mime: 'text/html' }, { base64: 'AAAA', mime: 'image/png;x' }, 'https://evil.example/x.png']) {
      assert.ok(!isHostMessage({ type: 'show', display: { ...display, image }, state }), JSON.stringify(image));
    }
    assert.ok(!isHostMessage({ type: 'notice', text: 1 }));
    assert.ok(!isHostMessage({ type: 'other' }));
  });
});

describe('external links', () => {
  it('opens only absolute http(s) URLs without credentials', () => {
    assert.equal(externalUrl('https://example.com/a?b=1#c'), 'https://example.com/a?b=1#c');
    assert.equal(externalUrl('http://example.com'), 'http://example.com/');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vscode://x', 'command:workbench.action.quit', '//example.com', '/relative', 'https://user:pass@example.com/', `https://example.com/${'a'.repeat(9000)}`, undefined, 42]) {
      assert.equal(externalUrl(bad), undefined, String(bad));
    }
  });

  it('builds a map link from a place\'s numbers alone, and none for a place off the globe', () => {
    assert.equal(mapUrl({ latitude: 30.3285, longitude: 35.4444 }), 'https://www.google.com/maps/search/?api=1&query=30.328500%2C35.444400');
    assert.equal(externalUrl(mapUrl({ latitude: -90, longitude: 180 })), 'https://www.google.com/maps/search/?api=1&query=-90.000000%2C180.000000');
    for (const bad of [{ latitude: 91, longitude: 0 }, { latitude: 0, longitude: -181 }, { latitude: NaN, longitude: 0 }]) assert.equal(mapUrl(bad), undefined);
  });
});
