/** The extensions the commands treat as images (the same list as the menus' `when` clauses); the bytes decide later. */
const IMAGE = /\.(png|jpe?g|gif|webp|bmp|tiff?)$/i;

export function isImageName(name: string): boolean {
  return IMAGE.test(name);
}
