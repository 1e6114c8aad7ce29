import type { Localize } from '../shared/localize';

/**
 * What credentials look like: each provider's descriptor lists its forms (ARCHITECTURE.md,
 * "Credentials"); a form is a set of fields, and a stored credential matches exactly one form.
 * A provider with no forms needs none (Local).
 */
export interface CredentialField {
  key: string;
  /** Shown masked in the input box. */
  secret: boolean;
  optional?: boolean;
  /** The input box's prompt. */
  label(t: Localize): string;
}

/**
 * A setting a form cannot work without (an IAM token bills a folder: `yandex.folderId`). When it
 * is empty at the first request, the user is asked for it once and it is saved in user settings.
 */
export interface RequiredSetting {
  /** Below `imageInsight.`, e.g. `yandex.folderId`. */
  key: string;
  title(t: Localize): string;
  prompt(t: Localize): string;
  /** What a valid value looks like. */
  pattern: RegExp;
  /** Shown under the input box while the value does not match. */
  invalid(t: Localize): string;
  /** The error when the user dismissed the prompt. */
  missing(t: Localize): string;
}

export interface CredentialForm {
  id: string;
  /** The form in the quick pick ("API key (service account)"). */
  label(t: Localize): string;
  fields: CredentialField[];
  requires?: RequiredSetting;
}

/** Every provider's forms, by provider id (built from the descriptors). */
export type CredentialForms = ReadonlyMap<string, readonly CredentialForm[]>;

export type Credentials = Record<string, string>;

/** Providers that take credentials. */
export function credentialProviders(forms: CredentialForms): string[] {
  return [...forms].filter(([, list]) => list.length > 0).map(([id]) => id);
}

/** The form a stored credential was saved in (its required fields are all there). */
export function formOf(credentials: Credentials, forms: readonly CredentialForm[]): CredentialForm | undefined {
  return forms.find((form) => form.fields.every((field) => field.optional || credentials[field.key] !== undefined));
}

/** Why a value cannot be a credential field, or undefined when it can. */
export function fieldProblem(value: string, t: Localize): string | undefined {
  if (value.trim() === '') return t('The value is empty.');
  if (value.length > 8192) return t('The value is too long.');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return t('The value contains spaces, line breaks or control characters.');
  return undefined;
}

/**
 * Checks `input` against the provider's forms and returns the normalized credentials
 * (only the form's fields, optional empty fields dropped), or throws an Error saying why not.
 * Messages never contain the values.
 */
export function validateCredentials(providerId: string, input: unknown, all: CredentialForms, t: Localize): Credentials {
  const forms = all.get(providerId);
  if (!forms || forms.length === 0) {
    throw new Error(
      forms
        ? t('The provider "{0}" needs no credentials.', providerId)
        : t('Unknown provider "{0}". Providers with credentials: {1}.', String(providerId).slice(0, 40), credentialProviders(all).join(', ')),
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(t('Credentials for {0} must be an object such as {1}.', providerId, example(forms)));
  }
  const given = input as Record<string, unknown>;
  const keys = Object.keys(given).filter((k) => given[k] !== undefined && given[k] !== '');
  const form = forms.find((f) => {
    const required = f.fields.filter((field) => !field.optional).map((field) => field.key);
    const allowed = f.fields.map((field) => field.key);
    return required.every((k) => keys.includes(k)) && keys.every((k) => allowed.includes(k));
  });
  if (!form) {
    throw new Error(t('Credentials for {0} must have exactly one of these forms: {1}.', providerId, example(forms)));
  }
  const out: Credentials = {};
  for (const field of form.fields) {
    const value = given[field.key];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw new Error(t('The field "{0}" must be a string.', field.key));
    const problem = fieldProblem(value, t);
    if (problem) throw new Error(t('The field "{0}" is not valid: {1}', field.key, problem));
    out[field.key] = value;
  }
  return out;
}

function example(forms: readonly CredentialForm[]): string {
  return forms.map((f) => `{ ${f.fields.map((field) => `${field.key}${field.optional ? '?' : ''}`).join(', ')} }`).join(' | ');
}
