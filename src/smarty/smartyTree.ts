import { findPerson, personsIn, type Ledger, type LedgerPerson } from '../providers/smarty/ledger';
import { SPACES, type Space } from '../providers/smarty/smartySpaces';

/**
 * The Smarty Persons tree as data: spaces 0–9 → persons → enrolled images, read from the ledger
 * (what the server confirmed, never more). No `vscode`, so the tree's shape is unit-tested; the
 * view (smartyView.ts) only turns nodes into TreeItems. Each node carries `kind`, `space` and
 * `personId` because VS Code hands the node to the context-menu commands as their argument.
 */

export interface SpaceNode {
  kind: 'space';
  space: Space;
  /** How many persons the ledger has in the space. */
  persons: number;
}

export interface PersonNode {
  kind: 'person';
  space: Space;
  personId: number;
  /** The local name, or the server's tag `person<id>` when it has none. */
  label: string;
  images: number;
}

export interface ImageNode {
  kind: 'image';
  space: Space;
  personId: number;
  sha256: string;
  /** The enrolled file's name. */
  label: string;
  /** Where it came from (a URI string). */
  source: string;
  /** When the server confirmed it (ISO 8601). */
  enrolledAt: string;
  /** The face-crop thumbnail (a data: URI), when the ledger has one. */
  thumbnail?: string;
}

export type SmartyNode = SpaceNode | PersonNode | ImageNode;

/** The name a person is shown by: the local one, else the server's tag for it. */
export function personLabel(person: Pick<LedgerPerson, 'personId' | 'name'>): string {
  return person.name.trim() || `person${person.personId}`;
}

/** The last segment of a URI string, decoded (a damaged escape is shown as it is). */
export function fileLabel(source: string): string {
  const last = source.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? source;
  try {
    return decodeURIComponent(last) || source;
  } catch {
    return last || source;
  }
}

/** Whether any space has a person: without one the view shows its welcome instead of ten empty spaces. */
export function hasPersons(ledger: Ledger): boolean {
  return SPACES.some((space) => personsIn(ledger, space).length > 0);
}

/** Every space, 0 to 9, with its person count (an empty space is a leaf). */
export function spaceNodes(ledger: Ledger): SpaceNode[] {
  return SPACES.map((space) => ({ kind: 'space', space, persons: personsIn(ledger, space).length }));
}

export function personNodes(ledger: Ledger, space: Space): PersonNode[] {
  return personsIn(ledger, space).map((p) => ({ kind: 'person', space, personId: p.personId, label: personLabel(p), images: p.images.length }));
}

/** A person's images, oldest first (the order they were enrolled in). */
export function imageNodes(ledger: Ledger, space: Space, personId: number): ImageNode[] {
  const person = findPerson(ledger, space, personId);
  if (!person) return [];
  return [...person.images]
    .sort((a, b) => a.enrolledAt.localeCompare(b.enrolledAt))
    .map((i) => ({ kind: 'image', space, personId, sha256: i.sha256, label: fileLabel(i.source), source: i.source, enrolledAt: i.enrolledAt, ...(i.thumbnail ? { thumbnail: i.thumbnail } : {}) }));
}

/** A node's children: the root's are the spaces; an image has none. */
export function childrenOf(ledger: Ledger, node?: SmartyNode): SmartyNode[] {
  if (!node) return spaceNodes(ledger);
  if (node.kind === 'space') return personNodes(ledger, node.space);
  if (node.kind === 'person') return imageNodes(ledger, node.space, node.personId);
  return [];
}

/** A node's stable id: the tree keeps expansion and selection across refreshes by it. */
export function nodeId(node: SmartyNode): string {
  if (node.kind === 'space') return `space/${node.space}`;
  if (node.kind === 'person') return `person/${node.space}/${node.personId}`;
  return `image/${node.space}/${node.personId}/${node.sha256}`;
}

/** A thumbnail data: URI as a file's extension and bytes (the tree's icons are files); anything else → undefined. */
export function thumbnailFile(dataUri: string): { extension: 'png' | 'jpg'; bytes: Buffer } | undefined {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUri);
  if (!match) return undefined;
  return { extension: match[1] === 'png' ? 'png' : 'jpg', bytes: Buffer.from(match[2]!, 'base64') };
}
