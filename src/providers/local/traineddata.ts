import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { MAX_INFLATED_BYTES } from './inflate';

/**
 * A sanity check for gzip-compressed tesseract language data (`<code>.traineddata.gz`), cheap
 * enough to run on every cached file once per session. It checks what any real file must look
 * like — gzip, and inside it the traineddata table of contents: a little-endian int32 count of
 * components followed by that many int64 offsets, each -1 (absent) or pointing past the table —
 * so that an HTML error page, a captive-portal login or a truncated start fails at once with a
 * message that says so. Whether the file is the published one is the pinned SHA-256's job
 * (languageHashes.ts, checked in languageDownload.ts), for the languages that have one.
 */

/** What is wrong with a file that should be language data. */
export type DataProblem = 'empty' | 'html' | 'notGzip' | 'damaged' | 'notTraineddata' | 'inflatesTooLarge';

/** Tesseract 5 has 24 component types; anything far beyond that is not a table of contents. */
const MAX_COMPONENTS = 40;
/** Compressed bytes read for the check: the table of contents decompresses from far fewer. */
export const HEAD_BYTES = 64 * 1024;

/** Whether the first bytes of a body are gzip's magic number. */
export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Why bytes that are not gzip are not: an HTML page (error, login, directory listing) or other. */
export function describeNonGzip(head: Uint8Array): 'html' | 'notGzip' {
  const start = Buffer.from(head.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(head|body|title|meta|!--)/.test(start) ? 'html' : 'notGzip';
}

/** Checks the decompressed start of a traineddata file (its table of contents). */
export function checkTableOfContents(data: Uint8Array): boolean {
  if (data.length < 4) return false;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getInt32(0, true);
  if (count < 1 || count > MAX_COMPONENTS) return false;
  const tableEnd = 4 + 8 * count;
  if (data.length < tableEnd) return false;
  let present = 0;
  for (let i = 0; i < count; i++) {
    const offset = view.getBigInt64(4 + 8 * i, true);
    if (offset === -1n) continue;
    // Offsets count from the file's start; no language file comes near 16 GB.
    if (offset < BigInt(tableEnd) || offset > 2n ** 34n) return false;
    present++;
  }
  return present > 0;
}

/**
 * Checks the first compressed bytes of a `.traineddata.gz` (up to `HEAD_BYTES`; the whole file
 * when it is shorter). Only that much is decompressed, with a sync flush so that a head cut from
 * the middle of the stream still yields what it holds instead of an "unexpected end" error.
 */
export function checkHead(head: Uint8Array): DataProblem | undefined {
  if (head.length === 0) return 'empty';
  if (!isGzipMagic(head)) return describeNonGzip(head);
  let data: Buffer;
  try {
    // 64 KB cannot unpack past ~64 MB (deflate's ratio is at most ~1:1032); bounded all the same.
    data = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    return 'damaged';
  }
  return checkTableOfContents(data) ? undefined : 'notTraineddata';
}

/** Checks a file on disk by its first `HEAD_BYTES` (see `checkHead`). */
export async function checkFile(file: string): Promise<DataProblem | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return checkHead(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Follows a download chunk by chunk: decides as soon as the first `HEAD_BYTES` are in (so an HTML
 * page is refused without fetching the rest), and runs the whole body through gunzip — output
 * counted, then discarded — so that gzip's CRC and length trailer prove the file complete even
 * when the server gave no Content-Length and closed the connection early. Past `maxInflatedBytes`
 * of output the file is refused (`inflatesTooLarge`) and the decompression stops: a gzip bomb
 * costs a moment, not minutes of CPU.
 */
export class GzipDownloadCheck {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;
  private inflated = 0;
  private readonly gunzip = zlib.createGunzip();
  private gunzipError: Error | undefined;
  private readonly ended: Promise<void>;
  /** The first problem found, as soon as it is known. */
  problem: DataProblem | undefined;

  constructor(private readonly maxInflatedBytes = MAX_INFLATED_BYTES) {
    this.ended = new Promise<void>((resolve) => {
      this.gunzip.on('error', (error) => {
        this.gunzipError = error;
        resolve();
      });
      this.gunzip.on('end', resolve);
      this.gunzip.on('close', resolve);
    });
    this.gunzip.on('data', (chunk: Buffer) => {
      this.inflated += chunk.length;
      if (this.inflated > this.maxInflatedBytes && !this.problem) {
        this.problem = 'inflatesTooLarge';
        this.gunzip.destroy();
      }
    });
  }

  /** Feeds one chunk; returns the problem once one is known. */
  write(chunk: Buffer): DataProblem | undefined {
    if (!this.decided) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= 2 && !isGzipMagic(Buffer.concat(this.head))) this.decide();
      else if (this.headBytes >= HEAD_BYTES) this.decide();
    }
    if (!this.problem && !this.gunzipError) this.gunzip.write(chunk);
    return this.problem;
  }

  /** After the last chunk: the verdict on the whole body. */
  async finish(): Promise<DataProblem | undefined> {
    if (!this.decided) this.decide();
    if (this.problem) {
      this.gunzip.destroy();
      return this.problem;
    }
    this.gunzip.end();
    await this.ended;
    if (!this.problem && this.gunzipError) this.problem = 'damaged';
    return this.problem;
  }

  /** Stops the decompression early (the download failed for another reason). */
  dispose(): void {
    this.gunzip.destroy();
  }

  private decide(): void {
    this.decided = true;
    this.problem ??= checkHead(Buffer.concat(this.head).subarray(0, HEAD_BYTES));
    this.head.length = 0;
  }
}
