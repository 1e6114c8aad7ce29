/** Smarty's spaces and person ids (seed 004), apart from the multipart code so that views can name them cheaply. */

export const SPACES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
/** A client has ten spaces, "0" to "9", always sent as a string. */
export type Space = (typeof SPACES)[number];

export function isSpace(value: unknown): value is Space {
  return typeof value === 'string' && (SPACES as readonly string[]).includes(value);
}

/** A person id is an int on the wire (`person_id`); the server answers it back as tag `person<id>`. */
export function isPersonId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

