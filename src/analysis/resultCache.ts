import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AnalysisResult } from '../shared/analysisResult';
import { messageOf } from '../shared/errors';
import { describeInvalidResult } from '../shared/resultGuard';
import {
  entryFile, evictions, INDEX_FILE, KEY, loadIndex, nextUse, removeFile, saveIndex, totalBytes, writeAtomically, type CacheIndex,
} from './cacheIndex';

/**
 * The results cache (issue 16): analysis results on disk (global storage), by `cacheKey`, within
 * a size cap, the least recently used going first. One JSON file per entry, `{ version, key,
 * storedAt, result }` with the result whole (`raw` for the JSON tab, `image.uri` for search);
 * the index beside them is described in cacheIndex.ts. Several VS Code windows may share the
 * directory: every file is written whole or not at all, the last writer wins, and each window
 * checks the index against the files before it relies on it.
 *
 * A cache must never be why an analysis fails: reading and storing report problems to `log` and
 * carry on (a miss, an entry not stored). A damaged or foreign entry is dropped, never thrown.
 * Only `clear` rejects, since the user asked for it and must hear if it did not happen.
 */

const ENTRY_VERSION = 1;

/** A result read back from the cache, and when it was stored (ms since the epoch). */
export interface CachedResult {
  key: string;
  storedAt: number;
  result: AnalysisResult;
}

/** How much the cache holds. */
export interface CacheSize {
  entries: number;
  bytes: number;
}

export interface ResultCacheOptions {
  /** Why an entry was dropped or could not be stored, for the log (no secrets: keys and file names only). */
  log?: (line: string) => void;
}

export class ResultCache {
  /** Changes of the directory by this instance, one at a time (other windows are handled by the index check). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: (line: string) => void;

  /**
   * @param dir a directory of its own (it is created when first written; `clear` empties it)
   * @param maxBytes the cap on the entry files' total size; an entry larger than this is not stored
   */
  constructor(readonly dir: string, readonly maxBytes: number, options: ResultCacheOptions = {}) {
    this.log = options.log ?? (() => undefined);
  }

  /**
   * The cached result for `key`, or undefined. Counts as a use (it goes last in eviction order).
   * `uri`: where the image is now. The same content elsewhere (a copy, a moved file) has the same
   * key; the result then says the new place, and is stored so, so that search finds it there.
   */
  async get(key: string, uri?: string): Promise<CachedResult | undefined> {
    if (!KEY.test(key)) return undefined;
    return this.serially(async () => {
      const found = await this.read(key);
      if (!found) return undefined;
      let { result } = found;
      let bytes: number | undefined;
      if (uri !== undefined && uri !== result.image.uri) {
        result = { ...result, image: { ...result.image, uri } };
        bytes = await this.write(key, found.storedAt, result);
      }
      await this.touch(key, result.image.uri, bytes);
      return { key, storedAt: found.storedAt, result };
    }, undefined);
  }

  /**
   * Stores `result` under `key`, then evicts the least recently used entries until the cache fits
   * its cap. False when it was not stored: a result with errors (a feature failed — a timeout or
   * a quota may pass, so the next run should ask again) or without a content hash, one larger
   * than the cap, or a disk that refused it.
   */
  async put(key: string, result: AnalysisResult): Promise<boolean> {
    if (!KEY.test(key)) throw new Error(`Not a cache key: ${key}`);
    if (result.errors.length > 0 || result.image.sha256 === '') return false;
    return this.serially(async () => {
      const bytes = await this.write(key, Date.now(), result);
      if (bytes === undefined) return false;
      const { index } = await loadIndex(this.dir);
      index.set(key, { bytes, usedAt: nextUse(index), uri: result.image.uri });
      for (const victim of evictions(index, this.maxBytes)) {
        // One that cannot be removed now (open in another program on Windows) stays listed, and goes next time.
        await removeFile(entryFile(this.dir, victim)).then(
          () => index.delete(victim),
          (error) => this.log(`cache: ${victim} not evicted: ${messageOf(error)}`),
        );
      }
      await this.saveIndex(index);
      return index.has(key);
    }, false);
  }

  /** How many entries the cache holds, and their size. */
  async size(): Promise<CacheSize> {
    return this.serially(async () => {
      const index = await this.checkedIndex();
      return { entries: index.size, bytes: totalBytes(index) };
    }, { entries: 0, bytes: 0 });
  }

  /** Removes every entry (Clear Results Cache); says what was removed. Rejects when a file could not be removed. */
  async clear(): Promise<CacheSize> {
    const run = this.queue.then(async () => {
      const { index } = await loadIndex(this.dir);
      for (const key of index.keys()) await removeFile(entryFile(this.dir, key));
      await removeFile(path.join(this.dir, INDEX_FILE));
      return { entries: index.size, bytes: totalBytes(index) };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Every cached result whose `image.uri` passes `accept`, the most recently used first, read one
   * at a time (for search: only one result is in memory at once). Results the index knows to be
   * of another place are skipped unread. Reading does not count as a use. Damaged entries are
   * dropped and left out.
   */
  async *entries(accept: (uri: string) => boolean = () => true): AsyncGenerator<CachedResult> {
    const index = await this.serially(() => this.checkedIndex(), new Map() as CacheIndex);
    const order = [...index].sort(([, a], [, b]) => b.usedAt - a.usedAt);
    for (const [key, entry] of order) {
      if (entry.uri !== undefined && !accept(entry.uri)) continue;
      const found = await this.serially(() => this.read(key), undefined);
      if (found && accept(found.result.image.uri)) yield { key, ...found };
    }
  }

  /** The entry's content, or undefined when there is none; a damaged or foreign one is removed. */
  private async read(key: string): Promise<{ storedAt: number; result: AnalysisResult } | undefined> {
    const file = entryFile(this.dir, key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`cache: ${key} cannot be read: ${messageOf(error)}`);
      return undefined;
    }
    const problem = entryProblem(text, key);
    if (typeof problem !== 'string') return problem;
    this.log(`cache: ${key} dropped: ${problem}`);
    await removeFile(file).catch(() => undefined);
    return undefined;
  }

  /** Writes the entry's file; its size, or undefined when it is over the cap or the disk refused it. */
  private async write(key: string, storedAt: number, result: AnalysisResult): Promise<number | undefined> {
    const text = JSON.stringify({ version: ENTRY_VERSION, key, storedAt, result });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxBytes) return undefined;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await writeAtomically(entryFile(this.dir, key), text);
      return bytes;
    } catch (error) {
      this.log(`cache: ${key} not stored: ${messageOf(error)}`);
      return undefined;
    }
  }

  /** Marks the entry as just used (and, when it was just rewritten, its new size). */
  private async touch(key: string, uri: string, bytes?: number): Promise<void> {
    const { index } = await loadIndex(this.dir);
    const entry = index.get(key);
    if (!entry) return; // evicted by another window meanwhile
    index.set(key, { bytes: bytes ?? entry.bytes, usedAt: nextUse(index), uri });
    await this.saveIndex(index);
  }

  /** The index checked against the files, saved when that changed it (so the other windows need not repair it again). */
  private async checkedIndex(): Promise<CacheIndex> {
    const { index, repaired } = await loadIndex(this.dir);
    if (repaired) await this.saveIndex(index);
    return index;
  }

  private async saveIndex(index: CacheIndex): Promise<void> {
    // Not saved, it is rebuilt from the files on the next load: the entries themselves are safe.
    await saveIndex(this.dir, index).catch((error) => this.log(`cache: index not saved: ${messageOf(error)}`));
  }

  /** Runs `work` after this instance's earlier changes; a failure is logged and answered with `fallback`. */
  private serially<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    const run = this.queue.then(work).catch((error) => {
      this.log(`cache: ${messageOf(error)}`);
      return fallback;
    });
    this.queue = run;
    return run;
  }
}

/** The entry in `text`, or what is wrong with it (not JSON, another version or key, not a valid result). */
function entryProblem(text: string, key: string): { storedAt: number; result: AnalysisResult } | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof json !== 'object' || json === null) return 'not an object';
  const { version, key: itsKey, storedAt, result } = json as Record<string, unknown>;
  if (version !== ENTRY_VERSION) return `version ${String(version)}`;
  if (itsKey !== key) return 'stored under another key';
  if (typeof storedAt !== 'number' || !Number.isFinite(storedAt)) return 'no time stored';
  const invalid = describeInvalidResult(result);
  return invalid === undefined ? { storedAt, result: result as AnalysisResult } : `not a result (${invalid})`;
}
