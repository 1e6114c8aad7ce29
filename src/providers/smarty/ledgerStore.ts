import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import { emptyLedger, LedgerProblem, mergeLedger, validateLedger, type Ledger } from './ledger';

/**
 * The ledgers on disk (global storage), one file per account: `smarty-ledger-<account>.json`.
 * A write never leaves a half file where a whole one was: the new text goes to a temporary file
 * in the same folder, is flushed to the disk (fsync), then renamed over the old one (atomic on
 * one file system), and the folder is flushed so that the rename itself survives a power cut.
 * A crash between any two steps leaves the old ledger or the new one, and at worst a stray
 * temporary file, which is never read and is removed on the next load. Updates of one account
 * run one after another.
 */

const STRAY_AFTER_MS = 60_000;
const TEMP = /^smarty-ledger-[0-9a-f]{64}\.json\.[0-9a-f]+\.tmp$/;

export class LedgerStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string, private readonly t: Localize) {}

  fileOf(account: string): string {
    return path.join(this.dir, `smarty-ledger-${account}.json`);
  }

  /** The account's ledger; an empty one when there is no file yet. A damaged file is an error, never an empty ledger. */
  async load(account: string): Promise<Ledger> {
    const { t } = this;
    await this.removeStrayTemps();
    const file = this.fileOf(account);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger(account);
      throw error;
    }
    const ledger = this.parse(text, (detail) => t('The Smarty ledger {0} cannot be read: {1}', file, detail));
    if (ledger.account !== account) throw new UserError(t('The Smarty ledger {0} cannot be read: {1}', file, t('it belongs to another VK Cloud account or endpoint')));
    return ledger;
  }

  /** Loads, applies `change`, and saves if it changed anything; one update at a time. */
  update(account: string, change: (ledger: Ledger) => Ledger): Promise<Ledger> {
    const run = this.queue.then(async () => {
      const before = await this.load(account);
      const after = change(before);
      if (after !== before) await this.save(after);
      return after;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The ledger as an export file's text: the same format as on disk. */
  async exportText(account: string): Promise<string> {
    return serialize(await this.load(account));
  }

  /**
   * Merges an exported ledger into the account's. Everything is checked before anything is
   * written: a damaged file, or one of another account, is refused with a clear error and the
   * ledger stays as it was. `acceptOtherAccount` is for a team member whose client id differs
   * from the one the file was exported with (the UI asks first).
   */
  async import(account: string, text: string, source: string, options: { acceptOtherAccount?: boolean } = {}): Promise<Ledger> {
    const { t } = this;
    const fail = (detail: string) => t('The ledger file {0} cannot be imported (nothing was changed): {1}', source, detail);
    const incoming = this.parse(text, fail);
    if (incoming.account !== account && !options.acceptOtherAccount) throw new UserError(fail(t('it belongs to another VK Cloud account or endpoint')));
    return this.update(account, (current) => mergeLedger(current, { ...incoming, account }));
  }

  /** Writes the ledger: temp file, fsync, rename over, fsync the folder. */
  async save(ledger: Ledger): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = this.fileOf(ledger.account);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(serialize(ledger), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await syncDir(this.dir);
  }

  private parse(text: string, wrap: (detail: string) => string): Ledger {
    const { t } = this;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UserError(wrap(t('it is not JSON')));
    }
    try {
      return validateLedger(json, t);
    } catch (error) {
      if (error instanceof LedgerProblem) throw new UserError(wrap(error.message));
      throw error;
    }
  }

  /**
   * Temporary files a crash left behind: never the ledger, so they go — once they are a minute
   * old, since another VS Code window may be writing one right now.
   */
  private async removeStrayTemps(): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return;
    }
    const cutoff = Date.now() - STRAY_AFTER_MS;
    await Promise.all(names.filter((n) => TEMP.test(n)).map(async (n) => {
      const full = path.join(this.dir, n);
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(full, { force: true });
    }));
  }
}

export function serialize(ledger: Ledger): string {
  return `${JSON.stringify(ledger, null, 2)}\n`;
}

/** Flushes a folder's entries (the rename); not possible on Windows, where rename is durable enough. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows: nothing more to do there.
  } finally {
    await handle?.close();
  }
}
