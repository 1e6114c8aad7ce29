import assert from 'node:assert/strict';
import { parseInvocation } from '../../src/commands/commandArgs';
import { baseName } from '../../src/shared/baseName';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';

/** A stand-in for vscode.Uri: the parser checks the shape, not the class. */
function uri(path: string, scheme = 'file') {
  return { scheme, path, with: () => undefined, toString: () => `${scheme}://${path}` };
}

const parse = (...args: unknown[]) => parseInvocation(args, 'Extract Text', formatOnly);

describe('parseInvocation', () => {
  it('reads the palette form (no arguments) as a UI call with no image', () => {
    assert.deepEqual(parse(), { uris: [], options: {}, scripted: false });
    assert.deepEqual(parse(undefined), { uris: [], options: {}, scripted: false });
  });

  it('reads the Explorer form (uri, selection) as a UI call with the whole selection', () => {
    const a = uri('/a.png'), b = uri('/b.png');
    const inv = parse(a, [a, b]);
    assert.deepEqual(inv.uris, [a, b]);
    assert.equal(inv.scripted, false);
  });

  it('keeps the clicked file when the selection does not contain it', () => {
    const a = uri('/a.png'), b = uri('/b.png');
    assert.deepEqual(parse(a, [b]).uris, [a, b]);
  });

  it('reads editor menus (uri, { groupId }) as a UI call', () => {
    const inv = parse(uri('/a.png'), { groupId: 1, editorIndex: 0 });
    assert.equal(inv.scripted, false);
    assert.equal(inv.uris.length, 1);
  });

  it('reads script forms with options', () => {
    const a = uri('/a.png'), b = uri('/b.png');
    assert.deepEqual(parse(a, { provider: 'yandex', show: false }), { uris: [a], options: { provider: 'yandex', show: false }, scripted: true });
    assert.deepEqual(parse([a, b], { features: ['text', 'faces', 'text'] }).options, { features: ['text', 'faces'] });
    assert.deepEqual(parse(a, [a, b], { space: '3', personId: 7 }).options, { space: '3', personId: 7 });
    assert.deepEqual(parse(a, { newPerson: true, face: [{ x: 1, y: 2 }, { x: 3, y: 2 }, { x: 3, y: 4 }] }).options, { newPerson: true, face: [{ x: 1, y: 2 }, { x: 3, y: 2 }, { x: 3, y: 4 }] });
    assert.equal(parse(a).scripted, true);
    assert.deepEqual(parse({ show: false }).uris, []);
  });

  it('de-duplicates the same file', () => {
    const a = uri('/a.png');
    assert.equal(parse([a, uri('/a.png')]).uris.length, 1);
  });

  it('refuses arguments of the wrong type with a message naming the command', () => {
    for (const args of [[42], ['file:///a.png'], [true], [[]], [[uri('/a.png'), 5]], [uri('/a.png'), [5]], [uri('/a.png'), 'x']]) {
      assert.throws(() => parse(...args), (e: Error) => e instanceof UserError && e.message.startsWith('Extract Text'), JSON.stringify(args));
    }
  });

  it('refuses bad options, naming the option', () => {
    const a = uri('/a.png');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ provider: 3 }, 'provider'],
      [{ features: ['text', 'mind-reading'] }, 'features'],
      [{ features: [] }, 'features'],
      [{ languages: ['english'] }, 'languages'],
      [{ space: '10' }, 'space'],
      [{ space: 3 }, 'space'],
      [{ personId: -1 }, 'personId'],
      [{ personId: 1.5 }, 'personId'],
      [{ show: 'no' }, 'show'],
      [{ newPerson: 'yes' }, 'newPerson'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [options, name] of cases) {
      assert.throws(() => parse(a, options), (e: Error) => e instanceof UserError && e.message.includes(`"${name}"`), name);
    }
  });
});

describe('baseName', () => {
  it('is the last path segment', () => {
    assert.equal(baseName(uri('/x/y/фото 1 😀.png')), 'фото 1 😀.png');
    assert.equal(baseName(uri('/')), 'file:///');
  });
});
