/**
 * A small, strict multipart/form-data reader (RFC 7578) for the Smarty emulator and the tests
 * that parse the provider's bodies back: parts split on the boundary from Content-Type, each
 * with its Content-Disposition name and filename, its Content-Type, and its bytes exactly. What a
 * real server would refuse (no boundary, no closing delimiter, a part without a name) throws.
 */

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MultipartError('not multipart/form-data with a boundary');
  return boundary;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('no boundary in the body');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new MultipartError('a boundary not followed by CRLF');
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) throw new MultipartError('a part without the blank line after its headers');
    const headers = new Map<string, string>();
    for (const line of body.subarray(at, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new MultipartError('a part with no closing boundary');
    const disposition = headers.get('content-disposition') ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw new MultipartError('a part without Content-Disposition: form-data; name="…"');
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const type = headers.get('content-type');
    parts.push({ name, ...(filename === undefined ? {} : { filename }), ...(type === undefined ? {} : { contentType: type }), data: body.subarray(headerEnd + 4, next) });
    at = next + 2;
  }
}
