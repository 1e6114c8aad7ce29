import FormData from 'form-data';
import { PassThrough } from 'node:stream';
import type { FormLike } from '../http';
import { isPersonId, isSpace, type Space } from './smartySpaces';
import type { SmartyMethod } from './smartyUrl';

/**
 * Smarty request bodies (seed 004, PROVIDERS.md §3): `multipart/form-data` with a `meta` field
 * holding the request's JSON and one file part per image, whose **form-field name** is the
 * image's `images[].name` (the server matches them by that name; the filename is ignored). Built
 * with `form-data` and sent as one buffer, so that a retry can send it again. Pure: no network,
 * no `vscode`.
 */

export { isPersonId, isSpace, SPACES, type Space } from './smartySpaces';

/** The name of the `index`th image of a request, as the docs' examples name them. */
export const imageName = (index: number): string => `file_${index}`;

export interface SetMeta { space: Space; images: Array<{ name: string; person_id: number }> }
export interface RecognizeMeta { space: Space; create_new: boolean; update_embedding?: boolean; images: Array<{ name: string }> }
export interface DeleteMeta { space: Space; images: Array<{ name: string; person_id: number }> }
export interface TruncateMeta { space: Space }
export interface TextMeta { mode: 'detailed'; images: Array<{ name: string }> }
export type ObjectsMode = 'object' | 'object2' | 'scene' | 'multiobject';
export interface ObjectsMeta { mode: ObjectsMode[]; images: Array<{ name: string }> }
export interface AdultMeta { images: Array<{ name: string }> }
export type SmartyMeta = SetMeta | RecognizeMeta | DeleteMeta | TruncateMeta | TextMeta | ObjectsMeta | AdultMeta;

/** One image of a request: the part's field name (= `images[].name`) and the fitted bytes. */
export interface SmartyFile {
  name: string;
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png' | 'image/tiff';
}

function checkSpace(space: string): asserts space is Space {
  if (!isSpace(space)) throw new RangeError(`Smarty spaces are "0" to "9", not ${JSON.stringify(space)}`);
}

function checkPersons(images: Array<{ name: string; personId: number }>): Array<{ name: string; person_id: number }> {
  return images.map(({ name, personId }) => {
    if (!isPersonId(personId)) throw new RangeError(`a Smarty person id is a non-negative integer, not ${String(personId)}`);
    return { name, person_id: personId };
  });
}

/** persons/set: each image becomes an embedding of its person (one face per image). */
export function setMeta(space: string, images: Array<{ name: string; personId: number }>): SetMeta {
  checkSpace(space);
  return { space, images: checkPersons(images) };
}

/**
 * persons/recognize. `create_new` is always sent, false by default: recognizing must not add
 * persons behind the ledger's back (a new person the ledger does not know would be one the tree
 * cannot show). `update_embedding` only when asked (the server's default is true).
 */
export function recognizeMeta(space: string, names: string[], options: { createNew?: boolean; updateEmbedding?: boolean } = {}): RecognizeMeta {
  checkSpace(space);
  return {
    space,
    create_new: options.createNew ?? false,
    ...(options.updateEmbedding === undefined ? {} : { update_embedding: options.updateEmbedding }),
    images: names.map((name) => ({ name })),
  };
}

/** persons/delete: unlinks each (name, person) pair; no file parts (the curl example sends none). */
export function deleteMeta(space: string, images: Array<{ name: string; personId: number }>): DeleteMeta {
  checkSpace(space);
  return { space, images: checkPersons(images) };
}

/** persons/truncate: empties the space; no images at all. */
export function truncateMeta(space: string): TruncateMeta {
  checkSpace(space);
  return { space };
}

/** text/recognize, detailed: words with boxes, confidences and languages. */
export const textMeta = (names: string[]): TextMeta => ({ mode: 'detailed', images: names.map((name) => ({ name })) });

/** objects/detect: multiobject (boxes) and scene (whole-image labels) by default. */
export const objectsMeta = (names: string[], mode: ObjectsMode[] = ['multiobject', 'scene']): ObjectsMeta => ({ mode, images: names.map((name) => ({ name })) });

export const adultMeta = (names: string[]): AdultMeta => ({ images: names.map((name) => ({ name })) });

const EXTENSION: Record<SmartyFile['mime'], string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tiff' };

/** The methods that take no file parts: delete unlinks by name and person (the docs' curl sends none), truncate names only the space. */
const FILELESS: ReadonlySet<SmartyMethod> = new Set(['persons/delete', 'persons/truncate']);

/**
 * The multipart body: the file parts first, then `meta` (a plain field, no Content-Type), as in
 * the docs' example. The names of the file parts must be exactly the names in `meta.images`, in
 * order, each once (none for delete and truncate): a mismatch is a bug here, never something to
 * send.
 */
export function buildSmartyForm(method: SmartyMethod, meta: SmartyMeta, files: SmartyFile[]): FormData {
  const named = 'images' in meta ? meta.images.map((i) => i.name) : [];
  if (new Set(named).size !== named.length || named.some((n) => n === '')) throw new RangeError('Smarty image names must be unique and non-empty');
  const expected = FILELESS.has(method) ? [] : named;
  const given = files.map((f) => f.name);
  if (given.length !== expected.length || given.some((n, i) => n !== expected[i])) {
    throw new RangeError(`Smarty ${method}: file parts (${given.join(', ')}) do not match meta.images (${expected.join(', ')})`);
  }
  const form = new FormData();
  for (const file of files) {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    // A filename makes it a file part for every multipart parser (Smarty ignores it).
    form.append(file.name, bytes, { filename: `${file.name}.${EXTENSION[file.mime]}`, contentType: file.mime, knownLength: bytes.byteLength });
  }
  form.append('meta', JSON.stringify(meta));
  return form;
}

/**
 * The form as the HTTP client sends it: read once from the form's stream into one buffer.
 * form-data's own `getBuffer()` concatenates part after part into an ever-growing buffer, which
 * for a full request (100 images, 30 MB) copies gigabytes; streaming it is linear.
 */
export async function smartyBody(method: SmartyMethod, meta: SmartyMeta, files: SmartyFile[]): Promise<FormLike & { readonly length: number }> {
  const form = buildSmartyForm(method, meta, files);
  const headers = form.getHeaders() as Record<string, string>;
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  form.pipe(sink);
  for await (const chunk of sink as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const buffer = Buffer.concat(chunks);
  return { length: buffer.length, getBuffer: () => buffer, getHeaders: () => ({ ...headers }) };
}
