import { createHash } from 'node:crypto';
import type { Localize } from '../../shared/localize';
import type { SmartyObject } from './smartyEnvelope';
import { isPersonId, isSpace, SPACES, type Space } from './smartySpaces';

/**
 * The Smarty ledger: what Image Insight knows the server holds, since the API cannot list
 * persons (PROVIDERS.md §3). Per account: spaces "0"–"9" → persons (the server's person id, a
 * local name and notes) → enrolled images (content hash, where it came from, a small face-crop
 * thumbnail, when). The one rule: an object is recorded only from a status-0 answer for it, so
 * the tree never shows a person the server does not have. Every operation here is pure and
 * returns a new ledger; `ledgerStore.ts` keeps it on disk. It lives beside the provider, below
 * the views, because both the tree view and the commands use it (views may not import each
 * other: .dependency-cruiser.cjs).
 */

export const LEDGER_FORMAT = 'image-insight-smarty-ledger';
export const LEDGER_SCHEMA = 1;

export interface EnrolledImage {
  /** SHA-256 (hex) of the bytes sent: what the server's embedding was made from. */
  sha256: string;
  /** Where the image came from (a URI string), for the tree and the report. */
  source: string;
  /** A small face-crop thumbnail as a data: URI (PNG or JPEG), when one was made. */
  thumbnail?: string;
  /** When the server confirmed it (ISO 8601). */
  enrolledAt: string;
}

export interface LedgerPerson {
  /** The server's `person_id` (its recognize tag is `person<id>`). */
  personId: number;
  /** The name shown for it; local only, the server never sees it. */
  name: string;
  notes: string;
  images: EnrolledImage[];
}

export interface Ledger {
  format: typeof LEDGER_FORMAT;
  schema: typeof LEDGER_SCHEMA;
  /** `ledgerAccount(...)`: a hash, never a token or a secret. */
  account: string;
  /** Persons by space, each list sorted by person id; a space with no persons is absent. */
  spaces: Partial<Record<Space, LedgerPerson[]>>;
}

/**
 * The account a ledger belongs to: a SHA-256 of the endpoint and the token or client id (never
 * the secret). The endpoint is part of it so that an emulator's persons never mix with the real
 * server's. A service token is high-entropy, so its hash gives nothing away.
 */
export function ledgerAccount(endpoint: string, credentials: { accessToken: string } | { clientId: string }): string {
  const who = 'accessToken' in credentials ? `token:${credentials.accessToken}` : `client:${credentials.clientId}`;
  return createHash('sha256').update(`${endpoint.replace(/\/+$/, '')}\n${who}`).digest('hex');
}

export function emptyLedger(account: string): Ledger {
  return { format: LEDGER_FORMAT, schema: LEDGER_SCHEMA, account, spaces: {} };
}

export function personsIn(ledger: Ledger, space: Space): readonly LedgerPerson[] {
  return ledger.spaces[space] ?? [];
}

export function findPerson(ledger: Ledger, space: Space, personId: number): LedgerPerson | undefined {
  return personsIn(ledger, space).find((p) => p.personId === personId);
}

/** The person a recognize tag names (`person9` → 9), if the ledger has it; "undefined" and aliases of others give undefined. */
export function personOfTag(ledger: Ledger, space: Space, tag: string): LedgerPerson | undefined {
  const match = /^person(\d+)$/.exec(tag);
  return match ? findPerson(ledger, space, Number(match[1])) : undefined;
}

/** A person id no one in the space has: one more than the largest (ids start at 1). */
export function nextPersonId(ledger: Ledger, space: Space): number {
  return personsIn(ledger, space).reduce((max, p) => Math.max(max, p.personId), 0) + 1;
}

function withSpace(ledger: Ledger, space: Space, persons: LedgerPerson[]): Ledger {
  const spaces = { ...ledger.spaces };
  if (persons.length === 0) delete spaces[space];
  else spaces[space] = [...persons].sort((a, b) => a.personId - b.personId);
  return { ...ledger, spaces };
}

/** One image of a `set` request and the server's answer for it. */
export interface SetOutcome {
  personId: number;
  image: EnrolledImage;
  object: SmartyObject;
}

/**
 * Records a `set`: each image answered status 0 joins its person (made, with an empty name, if
 * new); 1 and 2 change nothing. An image already there (same hash) is not listed twice: its
 * source, thumbnail and date are updated.
 */
export function recordSet(ledger: Ledger, space: Space, outcomes: readonly SetOutcome[]): Ledger {
  const persons = personsIn(ledger, space).map((p) => ({ ...p, images: [...p.images] }));
  let changed = false;
  for (const { personId, image, object } of outcomes) {
    if (object.status !== 0) continue;
    changed = true;
    let person = persons.find((p) => p.personId === personId);
    if (!person) persons.push((person = { personId, name: '', notes: '', images: [] }));
    const same = person.images.findIndex((i) => i.sha256 === image.sha256);
    if (same >= 0) person.images[same] = image;
    else person.images.push(image);
  }
  return changed ? withSpace(ledger, space, persons) : ledger;
}

/**
 * Records a `delete`: it names a person id and no image, so a status 0 means the server forgot
 * the person (every image of it); the ledger drops the person. Anything else changes nothing.
 */
export function recordDelete(ledger: Ledger, space: Space, outcomes: ReadonlyArray<{ personId: number; object: SmartyObject }>): Ledger {
  const gone = new Set(outcomes.filter((o) => o.object.status === 0).map((o) => o.personId));
  if (gone.size === 0) return ledger;
  return withSpace(ledger, space, personsIn(ledger, space).filter((p) => !gone.has(p.personId)));
}

/** Records a `truncate` the server confirmed (its envelope said 200): the space is empty. */
export function recordTruncate(ledger: Ledger, space: Space): Ledger {
  return withSpace(ledger, space, []);
}

/** Sets a person's local name and notes (nothing is sent to the server); unknown person → unchanged. */
export function renamePerson(ledger: Ledger, space: Space, personId: number, name: string, notes?: string): Ledger {
  if (!findPerson(ledger, space, personId)) return ledger;
  return withSpace(ledger, space, personsIn(ledger, space).map((p) => (p.personId === personId ? { ...p, name: name.trim(), notes: notes ?? p.notes } : p)));
}

/**
 * An imported ledger merged into this one (same account): persons the ledger lacks are added,
 * images are united by hash, and a local name or notes already set are kept.
 */
export function mergeLedger(into: Ledger, from: Ledger): Ledger {
  let out = into;
  for (const space of SPACES) {
    const incoming = from.spaces[space];
    if (!incoming) continue;
    const persons = personsIn(out, space).map((p) => ({ ...p, images: [...p.images] }));
    for (const theirs of incoming) {
      const ours = persons.find((p) => p.personId === theirs.personId);
      if (!ours) {
        persons.push({ ...theirs, images: [...theirs.images] });
        continue;
      }
      ours.name ||= theirs.name;
      ours.notes ||= theirs.notes;
      for (const image of theirs.images) if (!ours.images.some((i) => i.sha256 === image.sha256)) ours.images.push(image);
    }
    out = withSpace(out, space, persons);
  }
  return out;
}

/** The largest thumbnail kept (a data: URI): a face crop for a tree icon, not a photo. */
export const MAX_THUMBNAIL_CHARS = 64 * 1024;
const THUMBNAIL = /^data:image\/(?:png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_TEXT = 10_000;

/** Why a value is not a ledger, as a path in it; localized. */
export class LedgerProblem extends Error {}

/**
 * Checks every field of a parsed ledger file, with nothing extra and nothing missing, and gives
 * it back typed; otherwise throws a LedgerProblem naming the first bad field. Used for the file
 * on disk and for an import alike, so a damaged file is never half taken.
 */
export function validateLedger(value: unknown, t: Localize): Ledger {
  const bad = (path: string) => new LedgerProblem(t('{0} is missing or not valid', path));
  const record = (v: unknown, path: string, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path);
    const r = v as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!keys.includes(key) && !optional.includes(key)) throw bad(`${path}.${key}`);
    for (const key of keys) if (!(key in r)) throw bad(`${path}.${key}`);
    return r;
  };
  const text = (v: unknown, path: string, max = MAX_TEXT): string => {
    if (typeof v !== 'string' || v.length > max) throw bad(path);
    return v;
  };
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== LEDGER_FORMAT) throw new LedgerProblem(t('it is not an Image Insight ledger'));
  const schema = (value as { schema?: unknown }).schema;
  if (typeof schema === 'number' && schema > LEDGER_SCHEMA) throw new LedgerProblem(t('it was written by a newer version of Image Insight (schema {0})', schema));
  const root = record(value, 'ledger', ['format', 'schema', 'account', 'spaces']);
  if (root.schema !== LEDGER_SCHEMA) throw bad('ledger.schema');
  if (typeof root.account !== 'string' || !SHA256.test(root.account)) throw bad('ledger.account');
  const spaces = record(root.spaces, 'ledger.spaces', [], SPACES);
  const out: Ledger = emptyLedger(root.account);
  for (const [space, list] of Object.entries(spaces)) {
    if (!isSpace(space) || !Array.isArray(list) || list.length === 0) throw bad(`ledger.spaces.${space}`);
    const ids = new Set<number>();
    const persons = list.map((p, i): LedgerPerson => {
      const path = `ledger.spaces.${space}[${i}]`;
      const person = record(p, path, ['personId', 'name', 'notes', 'images']);
      if (!isPersonId(person.personId)) throw bad(`${path}.personId`);
      if (ids.has(person.personId)) throw new LedgerProblem(t('{0} is listed twice', `${path}.personId`));
      ids.add(person.personId);
      if (!Array.isArray(person.images) || person.images.length === 0) throw bad(`${path}.images`);
      const hashes = new Set<string>();
      const images = person.images.map((im, j): EnrolledImage => {
        const at = `${path}.images[${j}]`;
        const image = record(im, at, ['sha256', 'source', 'enrolledAt'], ['thumbnail']);
        if (typeof image.sha256 !== 'string' || !SHA256.test(image.sha256)) throw bad(`${at}.sha256`);
        if (hashes.has(image.sha256)) throw new LedgerProblem(t('{0} is listed twice', `${at}.sha256`));
        hashes.add(image.sha256);
        const enrolledAt = text(image.enrolledAt, `${at}.enrolledAt`, 40);
        if (Number.isNaN(Date.parse(enrolledAt))) throw bad(`${at}.enrolledAt`);
        const thumbnail = image.thumbnail === undefined ? undefined : text(image.thumbnail, `${at}.thumbnail`, MAX_THUMBNAIL_CHARS);
        if (thumbnail !== undefined && !THUMBNAIL.test(thumbnail)) throw bad(`${at}.thumbnail`);
        return { sha256: image.sha256, source: text(image.source, `${at}.source`), ...(thumbnail === undefined ? {} : { thumbnail }), enrolledAt };
      });
      return { personId: person.personId, name: text(person.name, `${path}.name`, 200), notes: text(person.notes, `${path}.notes`), images };
    });
    out.spaces[space] = persons.sort((a, b) => a.personId - b.personId);
  }
  return out;
}
