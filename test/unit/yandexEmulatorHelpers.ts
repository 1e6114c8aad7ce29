import fetch from 'node-fetch';
import { makeJpegHeader, makePng } from './imageBuilders';

/** Parsed JSON the tests navigate freely (member access on it is allowed in tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** What a test reads back from the emulator: status, headers, text and the parsed JSON if any. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: Loose;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text, json };
}

export const b64 = (bytes: Buffer): string => bytes.toString('base64');

/** A PNG whose bytes differ with `seed`: same size, different IDAT. */
export function png(width: number, height: number, seed = 0): Buffer {
  return Buffer.concat([makePng(width, height), Buffer.from(`tEXt${seed}`)]);
}

export const jpeg = (width: number, height: number): Buffer => makeJpegHeader(width, height);

/** A minimal PDF with the given page sizes in points: enough for page counting, not for a reader. */
export function pdf(pages: [number, number][]): Buffer {
  const objects = pages.map(([w, h], i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] >> endobj`);
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages.length} >> endobj\n${objects.join('\n')}\n%%EOF\n`, 'latin1');
}

/** Every [key, value] pair in a JSON tree, so a test can check a rule on all of them. */
export function* walk(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (Array.isArray(value)) for (const v of value) yield* walk(v, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, k);
}
