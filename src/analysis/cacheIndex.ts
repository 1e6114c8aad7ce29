import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The results cache's directory: one `<key>.json` per entry and `index.json`, the entries' sizes,
 * last uses and image URIs (for LRU eviction and for search to skip other folders' results
 * unread). The entry files are the truth; the index is a summary that is checked against them
 * every time it is loaded, because another VS Code window may have changed the directory since:
 * an entry it lists whose file is gone is dropped, a file it does not list is adopted (its size
 * and modification time read from the disk), and an index that cannot be read is rebuilt from
 * the files. So the index may be stale, never wrong for long, and never the reason an entry is
 * lost or served damaged.
 */

export const INDEX_FILE = 'index.json';
const INDEX_VERSION = 1;
/** A key is a hex SHA-256; nothing else becomes a file name (no path can be smuggled in). */
export const KEY = /^[0-9a-f]{64}$/;
const ENTRY_FILE = /^([0-9a-f]{64})\.json$/;
const TEMP_FILE = /\.[0-9a-f]{12}\.tmp$/;
/** A temporary file this old is a crash's leftover, not another window's write in progress. */
const STRAY_AFTER_MS = 60_000;

export interface IndexEntry {
  /** The entry file's size on disk. */
  bytes: number;
  /** When the entry was last stored or read (ms); the least recent goes first. */
  usedAt: number;
  /** The cached result's `image.uri`, when known (an adopted file's is not, until it is read). */
  uri?: string;
}

export type CacheIndex = Map<string, IndexEntry>;

export function entryFile(dir: string, key: string): string {
  return path.join(dir, `${key}.json`);
}

/**
 * Writes a file whole or not at all: a temporary file in the same folder, then renamed over the
 * target (atomic on one file system), so a crash or a second window never leaves half a file
 * where a reader could see it. No fsync: after a power cut the worst is an empty or damaged
 * entry, which the reader drops as it drops any damaged one — this is a cache.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Removes a file; one that is already gone (another window evicted it) is fine. */
export async function removeFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/**
 * The index as the directory stands now (see the file comment). `repaired`: it differed from the
 * files, and saving it would bring the disk in line.
 */
export async function loadIndex(dir: string): Promise<{ index: CacheIndex; repaired: boolean }> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { index: new Map(), repaired: false };
    throw error;
  }
  const stored = await readIndexFile(dir);
  const index: CacheIndex = new Map();
  const onDisk = new Set<string>();
  for (const name of names) {
    const key = ENTRY_FILE.exec(name)?.[1];
    if (key !== undefined) onDisk.add(key);
    else if (TEMP_FILE.test(name)) await removeIfStray(path.join(dir, name));
  }
  let repaired = stored === undefined && onDisk.size > 0;
  for (const key of onDisk) {
    const known = stored?.get(key);
    if (known) {
      index.set(key, known);
      continue;
    }
    const stat = await fs.stat(entryFile(dir, key)).catch(() => undefined);
    if (!stat) continue; // evicted by another window since readdir
    index.set(key, { bytes: stat.size, usedAt: stat.mtimeMs });
    repaired = true;
  }
  if (stored && stored.size !== index.size) repaired = true;
  return { index, repaired };
}

export async function saveIndex(dir: string, index: CacheIndex): Promise<void> {
  const entries: Record<string, IndexEntry> = {};
  for (const [key, entry] of index) entries[key] = entry;
  await writeAtomically(path.join(dir, INDEX_FILE), JSON.stringify({ version: INDEX_VERSION, entries }));
}

/** A time after every use in the index, so that "least recently used" is a strict order even within one clock tick. */
export function nextUse(index: CacheIndex): number {
  let latest = 0;
  for (const entry of index.values()) latest = Math.max(latest, entry.usedAt);
  return Math.max(Date.now(), Math.floor(latest) + 1);
}

/** Keys to evict, least recently used first, until the rest fit in `maxBytes`. */
export function evictions(index: CacheIndex, maxBytes: number): string[] {
  let total = totalBytes(index);
  const victims: string[] = [];
  for (const [key, entry] of [...index].sort(([, a], [, b]) => a.usedAt - b.usedAt)) {
    if (total <= maxBytes) break;
    victims.push(key);
    total -= entry.bytes;
  }
  return victims;
}

export function totalBytes(index: CacheIndex): number {
  let total = 0;
  for (const entry of index.values()) total += entry.bytes;
  return total;
}

/** The index file's entries, or undefined when it is missing, damaged or of another version. */
async function readIndexFile(dir: string): Promise<CacheIndex | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(path.join(dir, INDEX_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(json) || json.version !== INDEX_VERSION || !isRecord(json.entries)) return undefined;
  const index: CacheIndex = new Map();
  for (const [key, value] of Object.entries(json.entries)) {
    if (!KEY.test(key) || !isRecord(value)) return undefined;
    const { bytes, usedAt, uri } = value;
    if (!isCount(bytes) || typeof usedAt !== 'number' || !Number.isFinite(usedAt) || (uri !== undefined && typeof uri !== 'string')) return undefined;
    index.set(key, { bytes, usedAt, ...(uri === undefined ? {} : { uri }) });
  }
  return index;
}

async function removeIfStray(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat && Date.now() - stat.mtimeMs > STRAY_AFTER_MS) await removeFile(file).catch(() => undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
