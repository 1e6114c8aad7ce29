/**
 * Just enough proto3 JSON parsing to refuse what the real gateway refuses: unknown fields, the
 * same field twice (camelCase and snake_case), wrong JSON types. Both spellings are accepted, as
 * the service does and the official examples rely on (PROVIDERS.md §1, SOURCES.md quirk 4).
 */

/** A request the gateway rejects before the service sees it: HTTP 400, code 3. */
export class BadRequest extends Error {}

/** camelCase field name → its snake_case spelling. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Reads a JSON object as the message `type` with the given (camelCase) fields; returns it keyed
 * by camelCase, with `null` members treated as absent, as proto3 JSON does.
 */
export function readMessage(value: unknown, type: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest(`${type}: expected a JSON object`);
  const byName = new Map<string, string>();
  for (const f of fields) {
    byName.set(f, f);
    byName.set(snake(f), f);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = byName.get(key);
    if (field === undefined) throw new BadRequest(`unknown field "${key}" in ${type}`);
    if (v === null) continue;
    if (field in out) throw new BadRequest(`field "${field}" given twice in ${type}`);
    out[field] = v;
  }
  return out;
}

export function optString(value: unknown, where: string, maxLength?: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequest(`${where}: expected a string`);
  if (maxLength !== undefined && value.length > maxLength) throw new BadRequest(`${where}: length must be <= ${maxLength}`);
  return value;
}

export function optArray(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new BadRequest(`${where}: expected an array`);
  return value;
}

export function stringArray(value: unknown, where: string, maxLength: number): string[] {
  return optArray(value, where).map((v, i) => optString(v, `${where}[${i}]`, maxLength) ?? '');
}

/** A proto enum given by name (any case, as the docs' lowercase "classification" works) or number. */
export function readEnum(value: unknown, where: string, names: readonly string[]): string {
  if (value === undefined) return names[0]!;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length) return names[value]!;
  if (typeof value === 'string') {
    const name = names.find((n) => n === value.toUpperCase());
    if (name) return name;
  }
  throw new BadRequest(`${where}: invalid value ${JSON.stringify(value)} for enum`);
}

/** Parses a request body as a JSON object, or throws the gateway's syntax error. */
export function parseBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (e) {
    throw new BadRequest(`Syntax error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
