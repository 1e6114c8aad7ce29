import { personsIn, type Ledger } from '../providers/smarty/ledger';
import type { Space } from '../providers/smarty/smartySpaces';
import { isImageName } from './imageNames';

/**
 * What Enroll Folder… will send, decided before anything is read: a folder whose sub-folders are
 * named after persons (each sub-folder's images → that person), or, when it has no sub-folder,
 * one folder for one person named after it. Files that are not images, and what is too deep or
 * outside a person's folder, are skipped and reported. Pure: the command lists the folders.
 */

export interface FolderEntry {
  name: string;
  kind: 'file' | 'folder';
}

/** Why a file or folder is not enrolled (the command words it). */
export type SkipReason = 'notImage' | 'nestedFolder' | 'outsidePersonFolder' | 'noImages';

export interface PlannedPerson {
  /** The sub-folder's (or the folder's) name: the person's local name. */
  name: string;
  /** Paths relative to the chosen folder, with "/" ("Anna/1.jpg", or "1.jpg" for one person). */
  images: string[];
}

export interface FolderPlan {
  persons: PlannedPerson[];
  skipped: Array<{ path: string; reason: SkipReason }>;
}


const byName = (a: FolderEntry, b: FolderEntry) => a.name.localeCompare(b.name, 'en');
const hidden = (e: FolderEntry) => e.name.startsWith('.');

/**
 * The plan for a folder named `rootName` with entries `root`; `sub(name)` lists a sub-folder.
 * Hidden entries (".git", ".DS_Store") are ignored without a word.
 */
export function planFolder(rootName: string, root: readonly FolderEntry[], sub: (name: string) => readonly FolderEntry[]): FolderPlan {
  const entries = root.filter((e) => !hidden(e)).sort(byName);
  const folders = entries.filter((e) => e.kind === 'folder');
  const skipped: FolderPlan['skipped'] = [];
  if (folders.length === 0) {
    const person = { name: rootName, images: [] as string[] };
    for (const file of entries) {
      if (isImageName(file.name)) person.images.push(file.name);
      else skipped.push({ path: file.name, reason: 'notImage' });
    }
    if (person.images.length === 0) return { persons: [], skipped: [...skipped, { path: rootName, reason: 'noImages' }] };
    return { persons: [person], skipped };
  }
  for (const file of entries.filter((e) => e.kind === 'file')) skipped.push({ path: file.name, reason: isImageName(file.name) ? 'outsidePersonFolder' : 'notImage' });
  const persons: PlannedPerson[] = [];
  for (const folder of folders) {
    const images: string[] = [];
    for (const entry of sub(folder.name).filter((e) => !hidden(e)).sort(byName)) {
      const at = `${folder.name}/${entry.name}`;
      if (entry.kind === 'folder') skipped.push({ path: at, reason: 'nestedFolder' });
      else if (isImageName(entry.name)) images.push(at);
      else skipped.push({ path: at, reason: 'notImage' });
    }
    if (images.length > 0) persons.push({ name: folder.name, images });
    else skipped.push({ path: folder.name, reason: 'noImages' });
  }
  return { persons, skipped };
}

/**
 * Each planned person's id in the space: the person the ledger already has by that local name
 * (more images for them), else a new id after the largest in use.
 */
export function assignPersonIds(plan: FolderPlan, ledger: Ledger, space: Space): Array<PlannedPerson & { personId: number; isNew: boolean }> {
  const known = personsIn(ledger, space);
  let next = known.reduce((max, p) => Math.max(max, p.personId), 0) + 1;
  return plan.persons.map((person) => {
    const existing = known.find((p) => p.name.trim() === person.name.trim());
    return existing ? { ...person, personId: existing.personId, isNew: false } : { ...person, personId: next++, isNew: true };
  });
}
