import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';
import type { CancellationLike } from '../../shared/cancellation';
import { languageLabel, toTesseractCodes, unknownLanguage } from './languageCodes';
import { downloadLanguage, type FetchLike } from './languageDownload';
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
  /** For tests: the size cap (default `MAX_LANGUAGE_BYTES`). */
  maxBytes?: number;
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
export type LanguageStore = Pick<LanguageData, 'codes' | 'missing' | 'ensure' | 'list' | 'remove'>;

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
   * fails to load it (damage past the start that the cheap check cannot see).
   */
  async invalidate(code: string): Promise<void> {
    this.assertCode(code);
    this.verified.delete(code);
    await fs.rm(this.fileFor(code), { force: true });
  }

  /** The URL a language is fetched from. */
  urlFor(code: string): string {
    const setting = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    const base = setting.trim() || DEFAULT_LANGUAGE_DATA_URL;
    const filled = base.split('{lang}').join(code);
    return `${filled}${filled.endsWith('/') ? '' : '/'}${code}.traineddata.gz`;
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
    const file = this.fileFor(code);
    if (await exists(file)) {
      const problem = await checkFile(file).catch((error: Error) => `unreadable (${error.message})` as const);
      if (!problem) {
        this.verified.add(code);
        return;
      }
      this.log(`Language data ${file} is damaged (${problem}); deleting it and fetching it again`);
      await fs.rm(file, { force: true });
    }
    if (code === 'eng' && (await exists(this.bundledEnglish()))) {
      // Copied beside the downloads so that one langPath serves every language mix.
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        await fs.copyFile(this.bundledEnglish(), temp);
        await fs.rename(temp, file);
      } finally {
        await fs.rm(temp, { force: true });
      }
      this.verified.add(code);
      return;
    }
    const url = this.urlFor(code);
    this.log(`Downloading language data ${url}`);
    const started = Date.now();
    const bytes = await downloadLanguage({
      label: languageLabel(code, this.options.locale),
      url,
      target: file,
      fetch: this.options.fetch,
      t: this.options.t,
      signal,
      maxBytes: this.options.maxBytes ?? MAX_LANGUAGE_BYTES,
      idleMs: this.options.idleMs ?? 30_000,
      onProgress: (receivedBytes, totalBytes) => progress({ code, receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) }),
    });
    this.log(`Downloaded ${code} (${bytes} bytes) in ${Date.now() - started} ms`);
    this.verified.add(code);
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

async function exists(file: string): Promise<boolean> {
  return (await sizeOf(file)) !== undefined;
}

async function sizeOf(file: string): Promise<number | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? stat.size : undefined;
}
