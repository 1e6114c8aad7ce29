/** The file name at the end of a URI's path, for messages (the whole URI when the path has none). */
export function baseName(uri: { readonly path: string; toString(): string }): string {
  const parts = uri.path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? uri.toString();
}
