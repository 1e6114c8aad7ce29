import { createHash } from 'node:crypto';
import { parseConfig } from '../../services/configSchema';
import type { CancellationLike } from '../../shared/cancellation';
import { isCancellation, messageOf } from '../../shared/errors';
import type { ProviderDeps } from '../descriptor';
import type { HttpClient } from '../http';
import { recordDelete, recordSet, recordTruncate, renamePerson, type EnrolledImage, type Ledger } from './ledger';
import { LedgerStore } from './ledgerStore';
import { objectsOf, type SmartyObject } from './smartyEnvelope';
import { MAX_IMAGE_BYTES_PER_REQUEST, MAX_IMAGES_PER_REQUEST, smartyImageLimits, splitRequests } from './smartyLimits';
import { deleteMeta, imageName, isSpace, setMeta, truncateMeta, type SmartyFile, type Space } from './smartyMultipart';
import { SmartyClient } from './smartyClient';
import { sendRetryingTemporary, type RetryOptions } from './smartyRetry';
import type { EnrollItem, EnrollReport, SmartyPersonsApi } from './smartyPersonsApi';

export type { CropRect, EnrollItem, EnrollReport, SmartyPersonsApi } from './smartyPersonsApi';

interface Prepared {
  item: EnrollItem;
  file: SmartyFile;
  image: EnrolledImage;
}

/** The thumbnail kept in the ledger for the tree: a small JPEG of the face (or the image). */
const THUMBNAIL_LIMITS = { name: 'thumbnail', accepts: [], encodeAs: 'jpeg', maxBytes: 24 * 1024, maxPixels: 96 * 96, maxWidth: 96, maxHeight: 96, minWidth: 1, minHeight: 1 } as const;

/**
 * The persons operations that are not analyses — set, delete, truncate — and the ledger they
 * keep (PROVIDERS.md §3: the API cannot list persons). Each request's per-object answers are
 * recorded as they come, and only status 0 (ledger.ts): a crash between two requests leaves a
 * ledger that is behind the server, never ahead of it. Status-2 objects are sent again, alone,
 * with backoff (smartyRetry.ts). No `vscode`: the commands and the bench drive it alike.
 */
export class SmartyPersons implements SmartyPersonsApi {
  private readonly client: SmartyClient;
  readonly store: LedgerStore;

  constructor(
    private readonly deps: ProviderDeps,
    http: HttpClient,
    ledgerDir: string,
    private readonly retry: RetryOptions = {},
  ) {
    this.client = new SmartyClient(deps, http);
    this.store = new LedgerStore(ledgerDir, deps.t);
  }

  /** The ledger of the account whose credentials are stored now. */
  async ledger(): Promise<Ledger> {
    return this.store.load(await this.client.account());
  }

  account(): Promise<string> {
    return this.client.account();
  }

  redact(text: string): string {
    return this.client.redact(text);
  }

  /**
   * persons/set for each item, in request-sized batches (≤ 100 images, ≤ 30 MB). A failed
   * request fails only its own images; `onProgress` hears of each batch done. Cancellation
   * stops before the next batch (what is done stays recorded).
   */
  async enroll(space: string, items: readonly EnrollItem[], options: { token?: CancellationLike; onProgress?: (done: number, total: number) => void } = {}): Promise<EnrollReport[]> {
    const checked = this.space(space);
    const account = await this.client.account();
    const reports = new Map<EnrollItem, EnrollReport>();
    const ready: Prepared[] = [];
    const limits = smartyImageLimits(this.client.settings().maxImageMB);
    const keep = parseConfig(this.deps.setting).keepMetadata ? 'keep' : 'strip';
    for (const item of items) {
      if (options.token?.isCancellationRequested) break;
      try {
        const prepared = await this.deps.preparer.prepare(item.source, limits, options.token, { metadata: keep, ...(item.crop ? { crop: item.crop } : {}) });
        const thumb = await this.deps.preparer.prepare(item.source, THUMBNAIL_LIMITS, options.token, { metadata: 'strip', crop: item.crop ?? { left: 0, top: 0, width: item.source.width, height: item.source.height } } as never).catch(() => undefined);
        const mime = prepared.mime === 'image/png' ? 'image/png' : prepared.mime === 'image/tiff' ? 'image/tiff' : 'image/jpeg';
        const thumbnail = thumb ? `data:${thumb.mime === 'image/png' ? 'image/png' : 'image/jpeg'};base64,${Buffer.from(thumb.bytes).toString('base64')}` : undefined;
        ready.push({
          item,
          file: { name: '', bytes: prepared.bytes, mime },
          image: { sha256: createHash('sha256').update(prepared.bytes).digest('hex'), source: item.source.uri, ...(thumbnail && thumbnail.length <= 64 * 1024 ? { thumbnail } : {}), enrolledAt: '' },
        });
      } catch (error) {
        if (isCancellation(error)) throw error;
        reports.set(item, { personId: item.personId, name: item.source.name, uri: item.source.uri, done: false, error: messageOf(error) });
      }
    }
    const batches = splitRequests(ready, (p) => p.file.bytes.byteLength, { maxImages: MAX_IMAGES_PER_REQUEST, maxBytes: MAX_IMAGE_BYTES_PER_REQUEST });
    let done = 0;
    for (const batch of batches) {
      if (options.token?.isCancellationRequested) break;
      const named = batch.map((p, i) => ({ ...p, file: { ...p.file, name: imageName(i) } }));
      try {
        const outcomes = await sendRetryingTemporary(named, (p) => p.file.name, async (some) => {
          const body = await this.client.call('persons/set', setMeta(checked, some.map((p) => ({ name: p.file.name, personId: p.item.personId }))), some.map((p) => p.file), {
            file: some.length === 1 ? some[0]!.item.source.name : undefined,
            token: options.token,
            idempotent: false,
          });
          return objectsOf(body);
        }, { ...this.retry, token: options.token });
        const enrolledAt = new Date().toISOString();
        await this.store.update(account, (ledger) => recordSet(ledger, checked, outcomes.map((o) => ({ personId: o.item.item.personId, image: { ...o.item.image, enrolledAt }, object: o.object }))));
        for (const o of outcomes) reports.set(o.item.item, reportOf(o.item.item, o.object));
      } catch (error) {
        if (isCancellation(error)) throw error;
        for (const p of batch) reports.set(p.item, { personId: p.item.personId, name: p.item.source.name, uri: p.item.source.uri, done: false, error: messageOf(error) });
      }
      done += batch.length;
      options.onProgress?.(done, ready.length);
    }
    return items.flatMap((item) => reports.get(item) ?? []);
  }

  /**
   * persons/delete of each person: the server unlinks the person id (every image of it), then
   * the ledger drops those it confirmed. Returns the ids the server confirmed.
   */
  async remove(space: string, personIds: readonly number[], token?: CancellationLike): Promise<{ removed: number[]; failed: Array<{ personId: number; error: string }> }> {
    const checked = this.space(space);
    const account = await this.client.account();
    const removed: number[] = [];
    const failed: Array<{ personId: number; error: string }> = [];
    for (const batch of splitRequests(personIds, () => 0)) {
      const named = batch.map((personId, i) => ({ personId, name: imageName(i) }));
      const outcomes = await sendRetryingTemporary(named, (p) => p.name, async (some) =>
        objectsOf(await this.client.call('persons/delete', deleteMeta(checked, some), [], { token, idempotent: true })), { ...this.retry, token });
      await this.store.update(account, (ledger) => recordDelete(ledger, checked, outcomes.map((o) => ({ personId: o.item.personId, object: o.object }))));
      for (const o of outcomes) {
        if (o.object.status === 0) removed.push(o.item.personId);
        else failed.push({ personId: o.item.personId, error: o.object.error ?? `status ${o.object.status}` });
      }
    }
    return { removed, failed };
  }

  /** persons/truncate: the server empties the space, then the ledger does. */
  async truncate(space: string, token?: CancellationLike): Promise<void> {
    const checked = this.space(space);
    const account = await this.client.account();
    await this.client.call('persons/truncate', truncateMeta(checked), [], { token, idempotent: true });
    await this.store.update(account, (ledger) => recordTruncate(ledger, checked));
  }

  /** A person's local name (nothing goes to the server). */
  async rename(space: string, personId: number, name: string): Promise<Ledger> {
    const checked = this.space(space);
    return this.store.update(await this.client.account(), (ledger) => renamePerson(ledger, checked, personId, name));
  }

  async exportText(): Promise<string> {
    return this.store.exportText(await this.client.account());
  }

  async importText(text: string, source: string, options: { acceptOtherAccount?: boolean } = {}): Promise<Ledger> {
    return this.store.import(await this.client.account(), text, source, options);
  }

  private space(space: string): Space {
    if (!isSpace(space)) throw new RangeError(`Smarty spaces are "0" to "9", not ${JSON.stringify(space)}`);
    return space;
  }
}

function reportOf(item: EnrollItem, object: SmartyObject): EnrollReport {
  return { personId: item.personId, name: item.source.name, uri: item.source.uri, done: object.status === 0, status: object.status, ...(object.error ? { error: object.error } : {}) };
}
