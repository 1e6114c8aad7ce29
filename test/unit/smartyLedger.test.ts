import assert from 'node:assert/strict';
import { emptyLedger, findPerson, ledgerAccount, mergeLedger, nextPersonId, personOfTag, personsIn, recordDelete, recordSet, recordTruncate, renamePerson, validateLedger, type Ledger } from '../../src/providers/smarty/ledger';
import { formatOnly as t } from '../../src/shared/localize';
import { ACCOUNT, answered, hash, image, set } from './smartyLedgerBuilders';

describe('Smarty ledger: what the server holds, recorded only from status 0', () => {
  it('the account is a hash of the endpoint and the token or client id, never the secret', () => {
    assert.match(ACCOUNT, /^[0-9a-f]{64}$/);
    assert.notEqual(ledgerAccount('https://smarty.mail.ru/', { clientId: 'team-client' }), ledgerAccount('http://127.0.0.1:1', { clientId: 'team-client' }));
    assert.equal(ledgerAccount('https://smarty.mail.ru/', { clientId: 'team-client' }), ACCOUNT, 'a trailing slash is the same endpoint');
    assert.notEqual(ledgerAccount('https://smarty.mail.ru', { accessToken: 'team-client' }), ACCOUNT);
  });

  it('set: status 0 adds the person and image; 1 and 2 change nothing (the same object back)', () => {
    const empty = emptyLedger(ACCOUNT);
    assert.equal(recordSet(empty, '0', [set(1, 'a', 1), set(2, 'b', 2)]), empty);
    const one = recordSet(empty, '0', [set(1, 'a'), set(2, 'b', 1), set(3, 'c', 2)]);
    assert.deepEqual(personsIn(one, '0').map((p) => [p.personId, p.images.length]), [[1, 1]]);
    assert.equal(findPerson(one, '0', 2), undefined);
    assert.deepEqual(personsIn(one, '1'), []);
  });

  it('set: the same image twice is listed once; persons stay sorted by id; the input is never changed', () => {
    const first = recordSet(emptyLedger(ACCOUNT), '4', [set(7, 'x'), set(3, 'y')]);
    const frozen = JSON.stringify(first);
    const again = recordSet(first, '4', [{ ...set(7, 'x'), image: { ...image('x', 9) } }, set(7, 'z')]);
    assert.equal(JSON.stringify(first), frozen);
    assert.deepEqual(personsIn(again, '4').map((p) => p.personId), [3, 7]);
    assert.deepEqual(findPerson(again, '4', 7)!.images.map((i) => [i.sha256 === hash('x') ? 'x' : 'z', i.enrolledAt.slice(0, 10)]), [['x', '2025-01-09'], ['z', '2025-01-01']]);
    assert.equal(nextPersonId(again, '4'), 8);
    assert.equal(nextPersonId(again, '5'), 1);
  });

  it('delete: status 0 drops the person (delete names no image); anything else keeps it', () => {
    const ledger = recordSet(emptyLedger(ACCOUNT), '2', [set(1, 'a'), set(2, 'b'), set(2, 'c')]);
    const kept = recordDelete(ledger, '2', [{ personId: 1, object: answered(1) }, { personId: 2, object: answered(2) }]);
    assert.equal(kept, ledger);
    const after = recordDelete(ledger, '2', [{ personId: 2, object: answered(0) }]);
    assert.deepEqual(personsIn(after, '2').map((p) => p.personId), [1]);
    assert.deepEqual(recordDelete(after, '2', [{ personId: 1, object: answered(0) }]).spaces, {});
  });

  it('truncate empties the space and no other; rename is local and only for a known person', () => {
    let ledger = recordSet(emptyLedger(ACCOUNT), '0', [set(1, 'a')]);
    ledger = recordSet(ledger, '9', [set(1, 'b')]);
    ledger = renamePerson(ledger, '9', 1, '  Anna  ', 'the team lead');
    assert.deepEqual([findPerson(ledger, '9', 1)!.name, findPerson(ledger, '9', 1)!.notes], ['Anna', 'the team lead']);
    assert.equal(renamePerson(ledger, '9', 42, 'Nobody'), ledger);
    assert.equal(personOfTag(ledger, '9', 'person1')!.name, 'Anna');
    assert.equal(personOfTag(ledger, '9', 'undefined'), undefined);
    assert.equal(personOfTag(ledger, '9', 'person2'), undefined);
    ledger = recordTruncate(ledger, '0');
    assert.deepEqual(Object.keys(ledger.spaces), ['9']);
  });

  it('merge: adds persons, unites images by hash, keeps names already set', () => {
    const ours = renamePerson(recordSet(emptyLedger(ACCOUNT), '1', [set(1, 'a')]), '1', 1, 'Ours');
    const theirs = renamePerson(renamePerson(recordSet(emptyLedger(ACCOUNT), '1', [set(1, 'a'), set(1, 'b'), set(2, 'c')]), '1', 1, 'Theirs'), '1', 2, 'New');
    const merged = mergeLedger(ours, theirs);
    assert.deepEqual(personsIn(merged, '1').map((p) => [p.personId, p.name, p.images.length]), [[1, 'Ours', 2], [2, 'New', 1]]);
  });

  it('validate: a ledger it wrote passes whole; any damage names the field', () => {
    const good: Ledger = renamePerson(recordSet(emptyLedger(ACCOUNT), '3', [set(5, 'a'), { ...set(5, 'b'), image: { ...image('b'), thumbnail: 'data:image/png;base64,iVBORw0KGgo=' } }]), '3', 5, 'Ivan');
    assert.deepEqual(validateLedger(JSON.parse(JSON.stringify(good)), t), good);
    const damaged: Array<[string, (l: Record<string, any>) => void, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ['format', (l) => (l.format = 'other'), /not an Image Insight ledger/],
      ['newer schema', (l) => (l.schema = 2), /newer version.*schema 2/],
      ['account', (l) => (l.account = 'token-in-clear'), /ledger\.account/],
      ['extra field', (l) => (l.extra = 1), /ledger\.extra/],
      ['space 10', (l) => void (l.spaces['10'] = l.spaces['3']), /ledger\.spaces\.10/],
      ['person id', (l) => (l.spaces['3'][0].personId = -1), /personId/],
      ['duplicate person', (l) => void l.spaces['3'].push(l.spaces['3'][0]), /listed twice/],
      ['hash', (l) => (l.spaces['3'][0].images[0].sha256 = 'abc'), /images\[0\]\.sha256/],
      ['date', (l) => (l.spaces['3'][0].images[1].enrolledAt = 'yesterday'), /enrolledAt/],
      ['thumbnail', (l) => (l.spaces['3'][0].images[1].thumbnail = 'javascript:alert(1)'), /thumbnail/],
      ['no images', (l) => (l.spaces['3'][0].images = []), /images/],
      ['name type', (l) => (l.spaces['3'][0].name = 5), /name/],
    ];
    for (const [what, damage, message] of damaged) {
      const copy = JSON.parse(JSON.stringify(good)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      damage(copy);
      assert.throws(() => validateLedger(copy, t), message, what);
    }
  });
});
