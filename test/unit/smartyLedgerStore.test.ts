import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyLedger, ledgerAccount, recordSet, renamePerson, validateLedger, type Ledger } from '../../src/providers/smarty/ledger';
import { LedgerStore, serialize } from '../../src/providers/smarty/ledgerStore';
import { formatOnly as t } from '../../src/shared/localize';
import { ACCOUNT, set } from './smartyLedgerBuilders';

const STORE_MODULE = path.resolve(__dirname, '../../src/providers/smarty/ledgerStore.js');

/** A ledger of `persons` persons, big enough that writing it takes a while. */
function bigLedger(persons: number, tag: string): Ledger {
  let ledger = emptyLedger(ACCOUNT);
  ledger = recordSet(ledger, '0', Array.from({ length: persons }, (_, i) => set(i + 1, `${tag}-${i}`)));
  return renamePerson(ledger, '0', 1, tag, 'x'.repeat(5000));
}

describe('Smarty ledger store: atomic, versioned, import all or nothing', () => {
  let dir: string;
  let store: LedgerStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smarty-ledger-'));
    store = new LedgerStore(dir, t);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('no file → an empty ledger; update saves and loads back; an unchanged update writes nothing', async () => {
    assert.deepEqual(await store.load(ACCOUNT), emptyLedger(ACCOUNT));
    const saved = await store.update(ACCOUNT, (l) => recordSet(l, '1', [set(1, 'a')]));
    assert.deepEqual(await store.load(ACCOUNT), saved);
    const text = fs.readFileSync(store.fileOf(ACCOUNT), 'utf8');
    assert.match(text, /"format": "image-insight-smarty-ledger"/);
    assert.match(text, /"schema": 1/);
    const mtime = fs.statSync(store.fileOf(ACCOUNT)).mtimeMs;
    await store.update(ACCOUNT, (l) => l);
    assert.equal(fs.statSync(store.fileOf(ACCOUNT)).mtimeMs, mtime);
  });

  it('concurrent updates run one after another (none is lost)', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update(ACCOUNT, (l) => recordSet(l, '2', [set(i + 1, `p${i}`)]))));
    assert.equal((await store.load(ACCOUNT)).spaces['2']!.length, 20);
  });

  it('a partial temporary file (a crash before the rename) is never read; old strays are removed', async () => {
    const saved = await store.update(ACCOUNT, (l) => recordSet(l, '1', [set(1, 'a')]));
    const temp = `${store.fileOf(ACCOUNT)}.0123456789ab.tmp`;
    fs.writeFileSync(temp, serialize(bigLedger(3, 'new')).slice(0, 100));
    assert.deepEqual(await store.load(ACCOUNT), saved);
    assert.ok(fs.existsSync(temp), 'a fresh temp may be another window\'s write in progress');
    fs.utimesSync(temp, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    await store.load(ACCOUNT);
    assert.ok(!fs.existsSync(temp), 'a stray older than a minute is removed');
  });

  it('a damaged ledger file is an error naming it, never silently an empty ledger', async () => {
    fs.writeFileSync(store.fileOf(ACCOUNT), '{"format": "image-insight-smarty-ledger", "sche');
    await assert.rejects(store.load(ACCOUNT), (e: Error) => e.message.includes(store.fileOf(ACCOUNT)) && /not JSON/.test(e.message));
  });

  it('survives being killed mid-write: the file is always the old ledger or the new one, whole', async function () {
    this.timeout(60_000);
    const a = bigLedger(400, 'A');
    const b = bigLedger(400, 'B');
    await store.save(a);
    // The ledgers go to the child in a file: a command line that long is over the OS limit.
    const input = path.join(os.tmpdir(), `smarty-ledgers-${process.pid}.json`);
    fs.writeFileSync(input, JSON.stringify([a, b]));
    const script = `
      const { LedgerStore } = require(${JSON.stringify(STORE_MODULE)});
      const store = new LedgerStore(${JSON.stringify(dir)}, (m) => m);
      const ledgers = JSON.parse(require('fs').readFileSync(${JSON.stringify(input)}, 'utf8'));
      let i = 0;
      (async () => { for (;;) await store.save(ledgers[i++ % 2]); })();
      setTimeout(() => process.stdout.write('writing\\n'), 0);`;
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const text = fs.readFileSync(store.fileOf(ACCOUNT), 'utf8');
      const loaded = validateLedger(JSON.parse(text), t);
      assert.ok(JSON.stringify(loaded) === JSON.stringify(a) || JSON.stringify(loaded) === JSON.stringify(b), `round ${round}: neither A nor B`);
      assert.deepEqual(await store.load(ACCOUNT), loaded);
    }
    fs.rmSync(input, { force: true });
  });

  it('export → import into an empty ledger gives the same ledger back', async () => {
    const saved = await store.update(ACCOUNT, (l) => renamePerson(recordSet(l, '5', [set(3, 'a'), set(4, 'b')]), '5', 3, 'Olga'));
    const text = await store.exportText(ACCOUNT);
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smarty-ledger-'));
    try {
      assert.deepEqual(await new LedgerStore(otherDir, t).import(ACCOUNT, text, 'team.json'), saved);
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('import refuses a damaged file or another account with a clear error, and changes nothing', async () => {
    await store.update(ACCOUNT, (l) => recordSet(l, '1', [set(1, 'a')]));
    const before = fs.readFileSync(store.fileOf(ACCOUNT), 'utf8');
    const good = serialize(recordSet(emptyLedger(ACCOUNT), '1', [set(2, 'b')]));
    const attempts: Array<[string, string, RegExp]> = [
      ['cut short', good.slice(0, good.length / 2), /team\.json cannot be imported \(nothing was changed\): it is not JSON/],
      ['one bad hash', good.replace(/"sha256": "[0-9a-f]{64}"/, '"sha256": "nope"'), /sha256 is missing or not valid/],
      ['not a ledger', '{"hello": 1}', /not an Image Insight ledger/],
      ['another account', serialize(recordSet(emptyLedger(ledgerAccount('https://smarty.mail.ru', { clientId: 'stranger' })), '1', [set(2, 'b')])), /another VK Cloud account/],
    ];
    for (const [what, text, message] of attempts) {
      await assert.rejects(store.import(ACCOUNT, text, 'team.json'), message, what);
      assert.equal(fs.readFileSync(store.fileOf(ACCOUNT), 'utf8'), before, what);
    }
    const stranger = serialize(recordSet(emptyLedger(ledgerAccount('https://smarty.mail.ru', { clientId: 'stranger' })), '1', [set(2, 'b')]));
    const merged = await store.import(ACCOUNT, stranger, 'team.json', { acceptOtherAccount: true });
    assert.deepEqual(merged.spaces['1']!.map((p) => p.personId), [1, 2]);
    assert.equal(merged.account, ACCOUNT);
  });
});
