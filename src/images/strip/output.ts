import { METADATA_KINDS, type MetadataKind } from '../metadataKinds';

export type { MetadataKind } from '../metadataKinds';

/** A file with its metadata removed; `bytes` is the input itself when there was nothing to remove. */
export interface Stripped {
  kind: 'stripped';
  bytes: Uint8Array;
  /** What was removed, in the order of METADATA_KINDS; empty when nothing was. */
  removed: MetadataKind[];
  /** How many bytes of the file were removed or blanked. */
  removedBytes: number;
  /** Pages (TIFF) the file had, when pages after the first were removed. */
  frames?: number;
}

/** The structure could not be followed; `why` names the place (no value from the file). */
export interface Unparsable {
  kind: 'unparsable';
  why: string;
}

export const unparsable = (why: string): Unparsable => ({ kind: 'unparsable', why });

/**
 * The output of a stripper that copies the file in runs: what is kept goes in as views of the
 * input (nothing is copied until the end), what is dropped is only counted.
 */
export class Output {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  private readonly kinds = new Set<MetadataKind>();
  private dropped = 0;

  constructor(private readonly input: Uint8Array) {}

  keep(part: Uint8Array): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.length += part.length;
  }

  /** Keeps input[start, end). */
  keepRange(start: number, end: number): void {
    this.keep(this.input.subarray(start, end));
  }

  drop(bytes: number, kinds: Iterable<MetadataKind>): void {
    this.dropped += bytes;
    for (const kind of kinds) this.kinds.add(kind);
  }

  get changed(): boolean {
    return this.dropped > 0 || this.kinds.size > 0;
  }

  result(): Stripped {
    if (!this.changed) return { kind: 'stripped', bytes: this.input, removed: [], removedBytes: 0 };
    const bytes = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return { kind: 'stripped', bytes, removed: sortKinds(this.kinds), removedBytes: this.dropped };
  }
}

export const sortKinds = (kinds: Iterable<MetadataKind>): MetadataKind[] => {
  const set = new Set(kinds);
  return METADATA_KINDS.filter((k) => set.has(k));
};
