import assert from 'node:assert/strict';
import { emptyLedger, recordSet, renamePerson } from '../../src/providers/smarty/ledger';
import { childrenOf, fileLabel, hasPersons, imageNodes, nodeId, personLabel, personNodes, spaceNodes, thumbnailFile, type SmartyNode } from '../../src/smarty/smartyTree';
import { ACCOUNT, answered, hash, image } from './smartyLedgerBuilders';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function ledger() {
  let l = recordSet(emptyLedger(ACCOUNT), '2', [
    { personId: 4, image: image('anna-1', 3), object: answered(0) },
    { personId: 4, image: { ...image('anna-2', 1), thumbnail: PNG }, object: answered(0) },
    { personId: 1, image: image('boris', 2), object: answered(0) },
  ]);
  l = recordSet(l, '7', [{ personId: 9, image: image('vera'), object: answered(0) }]);
  return renamePerson(l, '2', 4, '  Anna  ');
}

describe('Smarty tree model: ledger → spaces → persons → images', () => {
  it('shows all ten spaces with their person counts; empty ones are leaves', () => {
    const spaces = spaceNodes(ledger());
    assert.deepEqual(spaces.map((s) => s.space), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual(spaces.map((s) => s.persons), [0, 0, 2, 0, 0, 0, 0, 1, 0, 0]);
    assert.deepEqual(childrenOf(ledger(), spaces[0]), []);
  });

  it('names a person by its local name, else by the server\'s tag, with its image count', () => {
    assert.deepEqual(personNodes(ledger(), '2').map((p) => [p.personId, p.label, p.images]), [[1, 'person1', 1], [4, 'Anna', 2]]);
    assert.equal(personLabel({ personId: 3, name: '   ' }), 'person3');
    assert.deepEqual(personNodes(ledger(), '5'), []);
  });

  it('lists a person\'s images oldest first by file name and date, with the thumbnail when the ledger has one', () => {
    const images = imageNodes(ledger(), '2', 4);
    assert.deepEqual(images.map((i) => [i.label, i.enrolledAt.slice(0, 10), i.thumbnail !== undefined]), [['anna-2.jpg', '2025-01-01', true], ['anna-1.jpg', '2025-01-03', false]]);
    assert.equal(images[0]!.sha256, hash('anna-2'));
    assert.deepEqual(imageNodes(ledger(), '2', 99), []);
    assert.deepEqual(childrenOf(ledger(), images[0]), []);
  });

  it('walks the whole tree through childrenOf with stable, unique ids', () => {
    const all: SmartyNode[] = [];
    const walk = (node?: SmartyNode) => {
      for (const child of childrenOf(ledger(), node)) {
        all.push(child);
        walk(child);
      }
    };
    walk();
    assert.equal(all.length, 10 + 3 + 4);
    assert.equal(new Set(all.map(nodeId)).size, all.length);
    assert.ok(all.every((n) => n.kind === 'space' || typeof n.personId === 'number'), 'context-menu commands get space and person id from the node');
  });

  it('knows when there is no person at all (the view then shows its welcome)', () => {
    assert.equal(hasPersons(emptyLedger(ACCOUNT)), false);
    assert.equal(hasPersons(ledger()), true);
  });

  it('file labels decode the last URI segment and survive a damaged escape', () => {
    assert.equal(fileLabel('file:///photos/%D0%90%D0%BD%D0%BD%D0%B0%201.jpg'), 'Анна 1.jpg');
    assert.equal(fileLabel('file:///photos/bad%E0.jpg'), 'bad%E0.jpg');
    assert.equal(fileLabel('untitled:clip?x=1'), 'untitled:clip');
  });

  it('turns a thumbnail data: URI into a file\'s extension and bytes, and refuses anything else', () => {
    assert.deepEqual(thumbnailFile(PNG)?.extension, 'png');
    assert.deepEqual([...thumbnailFile(PNG)!.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(thumbnailFile('data:image/jpeg;base64,/9j/')?.extension, 'jpg');
    assert.equal(thumbnailFile('data:image/svg+xml;base64,PHN2Zz4='), undefined);
    assert.equal(thumbnailFile('file:///etc/passwd'), undefined);
  });
});
