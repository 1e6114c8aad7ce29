import assert from 'node:assert/strict';
import { assignPersonIds, planFolder, type FolderEntry } from '../../src/commands/folderPlan';
import { isImageName } from '../../src/commands/imageNames';
import { emptyLedger, recordSet, renamePerson } from '../../src/providers/smarty/ledger';
import { ACCOUNT, answered, image } from './smartyLedgerBuilders';

const file = (name: string): FolderEntry => ({ name, kind: 'file' });
const folder = (name: string): FolderEntry => ({ name, kind: 'folder' });

describe('Enroll Folder plan: folder → persons → images', () => {
  it('one sub-folder per person, named after it; non-images, nested folders and loose files are skipped and reported', () => {
    const subs: Record<string, FolderEntry[]> = {
      Boris: [file('b2.PNG'), file('b1.jpg'), file('notes.txt'), folder('old')],
      Anna: [file('a.jpeg'), file('.DS_Store')],
      Empty: [file('readme.md')],
    };
    const plan = planFolder('team', [folder('Boris'), folder('Anna'), folder('Empty'), folder('.git'), file('group.jpg'), file('list.csv')], (name) => subs[name] ?? []);
    assert.deepEqual(plan.persons, [
      { name: 'Anna', images: ['Anna/a.jpeg'] },
      { name: 'Boris', images: ['Boris/b1.jpg', 'Boris/b2.PNG'] },
    ]);
    assert.deepEqual(plan.skipped, [
      { path: 'group.jpg', reason: 'outsidePersonFolder' },
      { path: 'list.csv', reason: 'notImage' },
      { path: 'Boris/notes.txt', reason: 'notImage' },
      { path: 'Boris/old', reason: 'nestedFolder' },
      { path: 'Empty/readme.md', reason: 'notImage' },
      { path: 'Empty', reason: 'noImages' },
    ]);
  });

  it('a folder without sub-folders is one person named after the folder', () => {
    const plan = planFolder('Vera', [file('2.webp'), file('1.jpg'), file('cv.pdf')], () => assert.fail('no sub-folders to list'));
    assert.deepEqual(plan, { persons: [{ name: 'Vera', images: ['1.jpg', '2.webp'] }], skipped: [{ path: 'cv.pdf', reason: 'notImage' }] });
    assert.deepEqual(planFolder('nothing', [file('a.txt')], () => []), { persons: [], skipped: [{ path: 'a.txt', reason: 'notImage' }, { path: 'nothing', reason: 'noImages' }] });
  });

  it('knows image files by extension, as the palette does', () => {
    assert.deepEqual(['a.jpg', 'b.JPEG', 'c.tif', 'd.gif', 'e.bmp', 'f.webp', 'g.png'].filter(isImageName).length, 7);
    assert.deepEqual(['a.heic', 'b.jpg.txt', 'jpg', 'c.svg'].filter(isImageName), []);
  });

  it('gives a person the space already has by that name its id, and new persons fresh ids after the largest', () => {
    let ledger = recordSet(emptyLedger(ACCOUNT), '3', [
      { personId: 5, image: image('x'), object: answered(0) },
      { personId: 2, image: image('y'), object: answered(0) },
    ]);
    ledger = renamePerson(ledger, '3', 2, 'Boris');
    const plan = { persons: [{ name: 'Anna', images: ['Anna/a.jpg'] }, { name: 'Boris', images: ['Boris/b.jpg'] }, { name: 'Vera', images: ['Vera/v.jpg'] }], skipped: [] };
    assert.deepEqual(assignPersonIds(plan, ledger, '3').map((p) => [p.name, p.personId, p.isNew]), [['Anna', 6, true], ['Boris', 2, false], ['Vera', 7, true]]);
    assert.deepEqual(assignPersonIds(plan, ledger, '4').map((p) => p.personId), [1, 2, 3], 'another space has its own ids');
  });
});
