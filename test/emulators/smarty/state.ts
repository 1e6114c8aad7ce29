/**
 * What the Smarty emulator remembers: per account (a client id, or a service token) and space,
 * persons and the SHA-256 of every image enrolled for them — a hash stands in for an embedding,
 * so the same bytes are recognized as the same person and anything else is unknown.
 */

export type Persons = Map<number, Set<string>>;

export class SmartyState {
  private readonly accounts = new Map<string, Map<string, Persons>>();

  persons(account: string, space: string): Persons {
    let spaces = this.accounts.get(account);
    if (!spaces) this.accounts.set(account, (spaces = new Map()));
    let persons = spaces.get(space);
    if (!persons) spaces.set(space, (persons = new Map()));
    return persons;
  }

  enroll(account: string, space: string, personId: number, sha256: string): void {
    const persons = this.persons(account, space);
    let images = persons.get(personId);
    if (!images) persons.set(personId, (images = new Set()));
    images.add(sha256);
  }

  /** The person an image's hash was enrolled for in the space, if any. */
  find(account: string, space: string, sha256: string): number | undefined {
    for (const [id, images] of this.persons(account, space)) if (images.has(sha256)) return id;
    return undefined;
  }

  /** A new person for an unknown face (recognize with create_new): one more than the largest id. */
  create(account: string, space: string, sha256: string): number {
    const id = Math.max(0, ...this.persons(account, space).keys()) + 1;
    this.enroll(account, space, id, sha256);
    return id;
  }

  remove(account: string, space: string, personId: number): void {
    this.persons(account, space).delete(personId);
  }

  truncate(account: string, space: string): void {
    this.persons(account, space).clear();
  }

  /** account → space → person id → image hashes (sorted), spaces and accounts without persons left out: for tests to compare with a ledger. */
  snapshot(): Record<string, Record<string, Record<number, string[]>>> {
    const out: Record<string, Record<string, Record<number, string[]>>> = {};
    for (const [account, spaces] of this.accounts) {
      for (const [space, persons] of spaces) {
        if (persons.size === 0) continue;
        (out[account] ??= {})[space] = Object.fromEntries([...persons].map(([id, images]) => [id, [...images].sort()]));
      }
    }
    return out;
  }

  clear(): void {
    this.accounts.clear();
  }
}
