import type { ImageSource } from '../../images/imageSource';
import type { CancellationLike } from '../../shared/cancellation';
import type { Ledger } from './ledger';

/**
 * What the commands and views ask of Smarty's persons operations (smartyPersons.ts, in the lazily
 * loaded cloud bundle): the shapes only, so that naming them loads nothing.
 */

/** A rectangle of the upright picture, in its pixels. */
export interface CropRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One image to enroll for one person. */
export interface EnrollItem {
  personId: number;
  source: ImageSource;
  /** Only this part of it (a face, already with its margin). */
  crop?: CropRect;
}

/** What became of one image: done (recorded in the ledger) or why not. */
export interface EnrollReport {
  personId: number;
  /** The file's name, for the report. */
  name: string;
  uri: string;
  done: boolean;
  /** 0 done, 1 refused for good, 2 still temporary after the retries; absent when it never reached the server. */
  status?: 0 | 1 | 2;
  error?: string;
}

export interface SmartyPersonsApi {
  /** The ledger of the account whose credentials are stored now. */
  ledger(): Promise<Ledger>;
  /** persons/set, batched; only status-0 images are recorded. */
  enroll(space: string, items: readonly EnrollItem[], options?: { token?: CancellationLike; onProgress?: (done: number, total: number) => void }): Promise<EnrollReport[]>;
  /** persons/delete of each person, then the ledger. */
  remove(space: string, personIds: readonly number[], token?: CancellationLike): Promise<{ removed: number[]; failed: Array<{ personId: number; error: string }> }>;
  /** persons/truncate, then the ledger. */
  truncate(space: string, token?: CancellationLike): Promise<void>;
  rename(space: string, personId: number, name: string): Promise<Ledger>;
  exportText(): Promise<string>;
  importText(text: string, source: string, options?: { acceptOtherAccount?: boolean }): Promise<Ledger>;
  /** Redacts the tokens held now (and the extension's secrets) from text. */
  redact(text: string): string;
}
