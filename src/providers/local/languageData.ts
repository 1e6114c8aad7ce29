import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { CancellationLike } from '../../shared/cancellation';
import { languageLabel, toTesseractCodes, unknownLanguage } from './languageCodes';
import { downloadLanguage, type FetchLike } from './languageDownload';
import { LANGUAGE_HASHES, type LanguagePin } from './languageHashes';
import { MAX_INFLATED_BYTES } from './inflate';
import { DEFAULT_LANGUAGE_DATA_URL } from './localSettings';
import { checkFile } from './traineddata';

export type { FetchLike } from './languageDownload';

/** The largest tessdata_best_int file is ~35 MB (chi_tra_vert); anything past this is not language data. */
export const MAX_LANGUAGE_BYTES = 100 * 1024 * 1024;
/** A `.part` file older than this is left from a crash (a live download in another window is younger). */
const STALE_PART_MS = 24 * 60 * 60 * 1000;

export interface LanguageDataOptions {
  /** `<globalStorage>/tessdata`: one directory that serves as tesseract's langPath for every language. */
  storageDir: string;
  /** The directory shipped in the extension that holds `eng.traineddata.gz`. */
  bundledDir: string;
  /**
   * The setting `imageInsight.local.languageDataUrl` (`{lang}` becomes the tesseract code); a
   * function is read at each download, so a changed setting applies to the next one.
   */
  baseUrl: string | (() => string);
  fetch: FetchLike;
  t: Localize;
  log?: (line: string) => void;
  /** VS Code's display language, for language names in messages. */
  locale?: string;
  /**
   * Asked before a language with no pinned checksum is fetched from the default URL (see
   * `obtain`); resolves whether the user agreed. Without it such a download is refused.
   */
  confirmUnpinned?: (request: { code: string; label: string; url: string }) => Promise<boolean>;
  /** For tests: the pinned checksums (default `LANGUAGE_HASHES`). */
  pins?: Readonly<Record<string, LanguagePin>>;
  /** For tests: the size cap (default `MAX_LANGUAGE_BYTES`). */
  maxBytes?: number;
  /** For tests: the cap on what a download may unpack to (default `MAX_INFLATED_BYTES`). */
  maxInflatedBytes?: number;
  /** For tests: a download with no data for this long is given up (default 30 s). */
  idleMs?: number;
}

export interface DownloadProgress {
  code: string;
  receivedBytes: number;
  totalBytes?: number;
}

export interface StoredLanguage {
  code: string;
  bytes: number;
  /** English, shipped inside the extension: always there, never removed. */
  bundled: boolean;
}

/** What the commands and the Local provider use of the language data. */
export type LanguageStore = Pick<LanguageData, 'codes' | 'missing' | 'ensure' | 'list' | 'remove' | 'invalidate'>;

/** One language being put in place, shared by every `ensure` that asked for it meanwhile. */
interface Flight {
  promise: Promise<void>;
  controller: AbortController;
  waiters: number;
  listeners: Set<(p: DownloadProgress) => void>;
}

/**
 * The local OCR engine's language data (issue 6). English ships in the extension; every other
 * language is fetched once into global storage and checked before use. Pure: no `vscode` import —
 * the extension injects the paths, the setting, node-fetch (for VS Code's proxy) and `l10n.t`.
 *
 * Trust (issue 12): a language with a pinned SHA-256 (languageHashes.ts, made from the npm
 * packages of the version the default URL names) is accepted only as exactly that file, from any
 * URL — a company mirror must serve the same bytes, since the pin is about the file, not the host.
 * A language without a pin (its package could not be hashed when the table was made) is fetched:
 * - from a mirror the user set (an application-scope setting, so never a workspace's doing): the
 *   user chose that source, and the file is checked for shape only, as before;
 * - from the public default: only once the user agrees (`confirmUnpinned`), never silently, since
 *   nothing would tell a tampered CDN file from the real one.
 * Cached files are checked once per session (shape, and the pin where there is one); a file the
 * engine then fails to load is `invalidate`d: deleted and fetched again, not reused forever.
 */
export class LanguageData {
  /** Codes whose file passed the check this session: cached files are checked once, not per request. */
  private readonly verified = new Set<string>();
  private readonly flights = new Map<string, Flight>();
  private readonly log: (line: string) => void;
  private staleCleanup: Promise<void> | undefined;

  constructor(private readonly options: LanguageDataOptions) {
    this.log = options.log ?? (() => undefined);
  }

  /** Tesseract codes for the setting `imageInsight.languages` (throws UserError for an unknown one). */
  codes(languages: string[]): string[] {
    return toTesseractCodes(languages, this.options.t);
  }

  /**
   * Makes sure every one of `codes` has a checked `<code>.traineddata.gz` in the storage directory,
   * fetching what is missing one language at a time, and returns that directory (tesseract's
   * langPath). Cancelling stops this caller's wait; a download stops when no caller waits for it.
   */
  async ensure(codes: string[], token: CancellationLike, progress?: (p: DownloadProgress) => void): Promise<string> {
    if (token.isCancellationRequested) throw new CancelledError();
    const unique = [...new Set(codes)];
    for (const code of unique) this.assertCode(code);
    await fs.mkdir(this.options.storageDir, { recursive: true });
    this.staleCleanup ??= this.removeStaleParts();
    await this.staleCleanup;
    for (const code of unique) {
      if (this.verified.has(code) && (await exists(this.fileFor(code)))) continue;
      if (token.isCancellationRequested) throw new CancelledError();
      await this.join(this.flightFor(code), token, progress);
    }
    return this.options.storageDir;
  }

  /**
   * The codes `ensure` would have to download (no file in storage, and not the bundled English):
   * for the UI to show a cancellable download notification only when one is coming.
   */
  async missing(codes: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const code of new Set(codes)) {
      this.assertCode(code);
      if (await exists(this.fileFor(code))) continue;
      if (code === 'eng' && (await exists(this.bundledEnglish()))) continue;
      out.push(code);
    }
    return out;
  }

  /** Languages in storage, plus the bundled English, by code. */
  async list(): Promise<StoredLanguage[]> {
    const out = new Map<string, StoredLanguage>();
    const bundled = await sizeOf(this.bundledEnglish());
    if (bundled !== undefined) out.set('eng', { code: 'eng', bytes: bundled, bundled: true });
    const names = await fs.readdir(this.options.storageDir).catch(() => [] as string[]);
    for (const name of names) {
      const code = /^([a-z_]+)\.traineddata\.gz$/.exec(name)?.[1];
      if (!code || out.has(code)) continue;
      const bytes = await sizeOf(path.join(this.options.storageDir, name));
      if (bytes !== undefined) out.set(code, { code, bytes, bundled: false });
    }
    return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * Deletes a downloaded language; it is fetched again the next time it is needed. English is part
   * of the extension and is refused (its copy in storage is only a convenience, re-made on use).
   * @returns whether a file was deleted
   */
  async remove(code: string): Promise<boolean> {
    this.assertCode(code);
    if (code === 'eng' && (await exists(this.bundledEnglish()))) {
      const t = this.options.t;
      throw new UserError(t('English is part of Image Insight and cannot be removed.'));
    }
    await this.flights.get(code)?.promise.catch(() => undefined);
    this.verified.delete(code);
    const file = this.fileFor(code);
    const existed = await exists(file);
    await fs.rm(file, { force: true });
    if (existed) this.log(`Removed language data ${file}`);
    return existed;
  }

  /**
   * Forgets that a language was checked, and deletes its file: for the engine to call when tesseract
   * fails to load it (damage past the start that the cheap check cannot see, or a file from a
   * mirror that is not what it seems). The next `ensure` fetches it again (English: copies it
   * again from the extension).
   */
  async invalidate(code: string): Promise<void> {
    this.assertCode(code);
    this.verified.delete(code);
    const file = this.fileFor(code);
    const existed = await exists(file);
    await fs.rm(file, { force: true });
    if (existed) this.log(`Language data ${file} failed to load in the OCR engine; deleted, it will be fetched again when next needed`);
  }

  /** The URL a language is fetched from. */
  urlFor(code: string): string {
    const filled = this.baseUrl().split('{lang}').join(code);
    return `${filled}${filled.endsWith('/') ? '' : '/'}${code}.traineddata.gz`;
  }

  /** The pinned checksum of a language's file, if the table has one. */
  pinFor(code: string): LanguagePin | undefined {
    const pins = this.options.pins ?? LANGUAGE_HASHES;
    return Object.hasOwn(pins, code) ? pins[code] : undefined;
  }

  private baseUrl(): string {
    const setting = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    return setting.trim() || DEFAULT_LANGUAGE_DATA_URL;
  }

  private fileFor(code: string): string {
    return path.join(this.options.storageDir, `${code}.traineddata.gz`);
  }

  private bundledEnglish(): string {
    return path.join(this.options.bundledDir, 'eng.traineddata.gz');
  }

  /** Codes become file names and URL parts: only tesseract's own shape gets that far. */
  private assertCode(code: string): void {
    if (!/^[a-z]{3}(_[a-z]+)*$/.test(code)) throw unknownLanguage(code, this.options.t);
  }

  private flightFor(code: string): Flight {
    const existing = this.flights.get(code);
    if (existing) return existing;
    const listeners = new Set<(p: DownloadProgress) => void>();
    const controller = new AbortController();
    const flight: Flight = {
      controller,
      waiters: 0,
      listeners,
      promise: this.obtain(code, controller.signal, (p) => listeners.forEach((l) => l(p))).finally(() => {
        if (this.flights.get(code) === flight) this.flights.delete(code);
      }),
    };
    this.flights.set(code, flight);
    return flight;
  }

  /** Waits for a flight; leaving it (cancelled) aborts it when nobody else waits. */
  private join(flight: Flight, token: CancellationLike, progress?: (p: DownloadProgress) => void): Promise<void> {
    flight.waiters++;
    if (progress) flight.listeners.add(progress);
    return new Promise<void>((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        subscription.dispose();
        flight.waiters--;
        if (progress) flight.listeners.delete(progress);
        return true;
      };
      const subscription = token.onCancellationRequested(() => {
        if (!leave()) return;
        if (flight.waiters > 0) return reject(new CancelledError());
        // Out of the map now, so that a new request starts afresh instead of joining the abort.
        for (const [code, f] of this.flights) if (f === flight) this.flights.delete(code);
        flight.controller.abort();
        // Settle once the download has deleted its temp file: nothing is left behind on return.
        const settle = () => reject(new CancelledError());
        flight.promise.then(settle, settle);
      });
      flight.promise.then(
        () => {
          if (leave()) resolve();
        },
        (error: unknown) => {
          if (leave()) reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Puts one language in place: the checked cache, else the bundled copy, else a download. */
  private async obtain(code: string, signal: AbortSignal, progress: (p: DownloadProgress) => void): Promise<void> {
    const t = this.options.t;
    const file = this.fileFor(code);
    const pin = this.pinFor(code);
    if (await exists(file)) {
      const problem = await this.checkCached(file, pin).catch((error: Error) => `unreadable (${error.message})`);
      if (!problem) {
        this.verified.add(code);
        return;
      }
      this.log(`Language data ${file} is damaged (${problem}); deleting it and fetching it again`);
      await fs.rm(file, { force: true });
    }
    const label = languageLabel(code, this.options.locale);
    if (code === 'eng' && (await exists(this.bundledEnglish()))) {
      // Copied beside the downloads so that one langPath serves every language mix, and hashed
      // on the way (once per copy, ~10 ms): a damaged or altered installation is named as such.
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        await fs.copyFile(this.bundledEnglish(), temp);
        if (pin) {
          const got = await sha256Of(temp);
          if (got !== pin.sha256) {
            throw new UserError(t('The {0} language data shipped with Image Insight does not match its pinned checksum (SHA-256 expected {1}…, got {2}…): the installation is damaged or was altered. Reinstall the extension.', label, pin.sha256.slice(0, 12), got.slice(0, 12)));
          }
        }
        await fs.rename(temp, file);
      } finally {
        await fs.rm(temp, { force: true });
      }
      this.verified.add(code);
      return;
    }
    const url = this.urlFor(code);
    if (!pin) await this.allowUnpinned(code, label, url);
    this.log(`Downloading language data ${url}${pin ? ` (pinned SHA-256 ${pin.sha256.slice(0, 12)}…)` : ' (no pinned checksum)'}`);
    const started = Date.now();
    const bytes = await downloadLanguage({
      label,
      url,
      target: file,
      fetch: this.options.fetch,
      t,
      signal,
      maxBytes: this.options.maxBytes ?? MAX_LANGUAGE_BYTES,
      maxInflatedBytes: this.options.maxInflatedBytes ?? MAX_INFLATED_BYTES,
      ...(pin ? { expected: pin } : {}),
      idleMs: this.options.idleMs ?? 30_000,
      onProgress: (receivedBytes, totalBytes) => progress({ code, receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) }),
    });
    this.log(`Downloaded ${code} (${bytes} bytes) in ${Date.now() - started} ms`);
    this.verified.add(code);
  }

  /**
   * The policy for a language without a pinned checksum (see the class comment): a mirror the user
   * set is their choice of source; the public default needs their agreement, asked each time the
   * file must be fetched (once, normally: it is kept). Throws UserError when refused.
   */
  private async allowUnpinned(code: string, label: string, url: string): Promise<void> {
    if (this.baseUrl() !== DEFAULT_LANGUAGE_DATA_URL) {
      this.log(`${code} has no pinned checksum: trusting the mirror set in imageInsight.local.languageDataUrl`);
      return;
    }
    const agreed = (await this.options.confirmUnpinned?.({ code, label, url })) ?? false;
    if (!agreed) {
      const t = this.options.t;
      throw new UserError(t('Image Insight has no pinned checksum for the {0} language data, so a download from {1} could not be verified and was not made. Agree to the unverified download when asked, or set imageInsight.local.languageDataUrl to a mirror you trust that holds this file.', label, url));
    }
    this.log(`${code} has no pinned checksum: downloading it because the user agreed`);
  }

  /** Why a cached file cannot be used (its shape, or its pin where there is one), if it cannot. */
  private async checkCached(file: string, pin: LanguagePin | undefined): Promise<string | undefined> {
    const problem = await checkFile(file);
    if (problem) return problem;
    if (!pin) return undefined;
    // Also catches a file an older version fetched from the unversioned URL when that served
    // another release: it is fetched again, pinned.
    const got = await sha256Of(file);
    return got === pin.sha256 ? undefined : `SHA-256 ${got.slice(0, 12)}… is not the pinned ${pin.sha256.slice(0, 12)}…`;
  }

  /** Deletes `.part` files a crashed session left behind. */
  private async removeStaleParts(): Promise<void> {
    const names = await fs.readdir(this.options.storageDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const file = path.join(this.options.storageDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > STALE_PART_MS) await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(file: string): Promise<boolean> {
  return (await sizeOf(file)) !== undefined;
}

async function sizeOf(file: string): Promise<number | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? stat.size : undefined;
}
