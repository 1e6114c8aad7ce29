import { createHash } from 'node:crypto';
import { ledgerAccount, type EnrolledImage, type SetOutcome } from '../../src/providers/smarty/ledger';
import type { ObjectStatus, SmartyObject } from '../../src/providers/smarty/smartyEnvelope';

/** Ledger pieces for the ledger tests: an account, images named by a word, set outcomes. */
export const ACCOUNT = ledgerAccount('https://smarty.mail.ru', { clientId: 'team-client' });
export const hash = (text: string): string => createHash('sha256').update(text).digest('hex');
export const image = (name: string, day = 1): EnrolledImage => ({ sha256: hash(name), source: `file:///photos/${name}.jpg`, enrolledAt: new Date(Date.UTC(2025, 0, day)).toISOString() });
export const answered = (status: ObjectStatus, name = 'file_0'): SmartyObject => ({ name, status, raw: {} });
export const set = (personId: number, name: string, status: ObjectStatus = 0): SetOutcome => ({ personId, image: image(name), object: answered(status) });

