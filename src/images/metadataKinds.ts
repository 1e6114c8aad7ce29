/*
 * The kinds of metadata a stripper removes, and how the log names them. Apart from the strippers
 * (strip/*.ts, loaded with dist/probe.js on first use) so that the log line costs activation nothing.
 */

/**
 * What a metadata stripper removed, by kind — never the values. The log names these kinds, so
 * they are fixed words, not anything read from the file.
 */
export type MetadataKind =
  | 'exif'
  | 'gps'
  | 'camera'
  | 'thumbnail'
  | 'xmp'
  | 'iptc'
  | 'comment'
  | 'text'
  | 'time'
  | 'pages'
  | 'trailing'
  | 'other';

/** The order kinds are listed in. */
export const METADATA_KINDS: readonly MetadataKind[] = ['exif', 'gps', 'camera', 'thumbnail', 'xmp', 'iptc', 'comment', 'text', 'time', 'pages', 'trailing', 'other'];

const KIND_NAME: Readonly<Record<MetadataKind, string>> = {
  exif: 'EXIF',
  gps: 'GPS position',
  camera: 'camera make/model',
  thumbnail: 'thumbnail',
  xmp: 'XMP',
  iptc: 'IPTC/Photoshop',
  comment: 'comment',
  text: 'text chunks',
  time: 'timestamp',
  pages: 'further pages',
  trailing: 'data after the image',
  other: 'other metadata',
};

/** For the log: "EXIF, GPS position, thumbnail, XMP: 48.2 KB" — the kinds, never a value. */
export function describeRemoved(removed: readonly MetadataKind[], bytes: number): string {
  const names = METADATA_KINDS.filter((k) => removed.includes(k)).map((k) => KIND_NAME[k]);
  return `${names.join(', ') || 'nothing'}: ${bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} KB`}`;
}
