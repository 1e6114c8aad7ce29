/**
 * A traineddata-shaped file for tests: the 24-entry table of contents naming two components,
 * then `payload`. It passes the download's cheap shape check, but tesseract cannot load it.
 */
export function traineddata(payload: Buffer): Buffer {
  const table = Buffer.alloc(4 + 8 * 24);
  table.writeInt32LE(24, 0);
  for (let i = 0; i < 24; i++) table.writeBigInt64LE(-1n, 4 + 8 * i);
  table.writeBigInt64LE(BigInt(table.length), 4);
  table.writeBigInt64LE(BigInt(table.length + 100), 4 + 8 * 17);
  return Buffer.concat([table, payload]);
}
