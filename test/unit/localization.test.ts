import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { nonLiteralCalls, ROOT, runtimeMessages } from './l10nKeys';

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join(',');

describe('localization', () => {
  it('package.json uses only keys that package.nls.json defines, and all of them', () => {
    const nls = readJson('package.nls.json');
    const used = new Set([...fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys used but not defined');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys defined but not used');
  });

  it('every package.nls.json key has a Russian translation (and no extra keys)', () => {
    const en = readJson('package.nls.json');
    const ru = readJson('package.nls.ru.json');
    assert.deepEqual(Object.keys(en).filter((k) => typeof ru[k] !== 'string' || ru[k] === ''), [], 'missing in package.nls.ru.json');
    assert.deepEqual(Object.keys(ru).filter((k) => !(k in en)), [], 'stale in package.nls.ru.json');
  });

  it('every runtime message has a Russian translation with the same placeholders', () => {
    const ru = readJson('l10n/bundle.l10n.ru.json');
    const messages = runtimeMessages();
    assert.ok(messages.size > 30, `only ${messages.size} messages found: is the scanner broken?`);
    const missing = [...messages].filter(([m]) => typeof ru[m] !== 'string' || ru[m] === '').map(([m, file]) => `${file}: ${m}`);
    assert.deepEqual(missing, [], 'messages without a Russian translation');
    const mismatched = [...messages.keys()].filter((m) => typeof ru[m] === 'string' && placeholders(m) !== placeholders(ru[m]));
    assert.deepEqual(mismatched, [], 'translations whose placeholders differ');
    assert.deepEqual(Object.keys(ru).filter((k) => !messages.has(k)), [], 'stale entries in bundle.l10n.ru.json');
  });

  it('every t() call passes a string literal, so the check above sees it', () => {
    assert.deepEqual(nonLiteralCalls(), []);
  });
});
