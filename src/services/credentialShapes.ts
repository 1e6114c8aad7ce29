import type { Localize } from '../shared/localize';

/**
 * The credential forms of ARCHITECTURE.md, one list per cloud provider. Each form is a set of
 * fields; a stored credential matches exactly one form. The Local provider needs none.
 */
export interface CredentialField {
  key: string;
  /** Shown masked in the input box. */
  secret: boolean;
  optional?: boolean;
}

export interface CredentialForm {
  id: string;
  fields: CredentialField[];
}

export const CREDENTIAL_FORMS: Record<string, CredentialForm[]> = {
  yandex: [
    { id: 'apiKey', fields: [{ key: 'apiKey', secret: true }] },
    { id: 'iamToken', fields: [{ key: 'iamToken', secret: true }] },
  ],
  google: [
    { id: 'apiKey', fields: [{ key: 'apiKey', secret: true }] },
    { id: 'accessToken', fields: [{ key: 'accessToken', secret: true }, { key: 'quotaProject', secret: false, optional: true }] },
  ],
  smarty: [
    { id: 'accessToken', fields: [{ key: 'accessToken', secret: true }] },
    { id: 'clientCredentials', fields: [{ key: 'clientId', secret: false }, { key: 'clientSecret', secret: true }] },
  ],
};

export type Credentials = Record<string, string>;

/** Providers that take credentials. */
export function credentialProviders(): string[] {
  return Object.keys(CREDENTIAL_FORMS);
}

/** Human labels for a form and a field, localized. */
export function formLabel(providerId: string, formId: string, t: Localize): string {
  switch (`${providerId}.${formId}`) {
    case 'yandex.apiKey':
      return t('API key (service account)');
    case 'yandex.iamToken':
      return t('IAM token (user account, expires within 12 hours; needs a folder ID)');
    case 'google.apiKey':
      return t('API key');
    case 'google.accessToken':
      return t('OAuth access token (optionally with a quota project)');
    case 'smarty.accessToken':
      return t('Service token from the VK Cloud console');
    case 'smarty.clientCredentials':
      return t('Client ID and client secret (tokens are fetched and refreshed for you)');
    default:
      return formId;
  }
}

export function fieldLabel(key: string, t: Localize): string {
  switch (key) {
    case 'apiKey':
      return t('API key');
    case 'iamToken':
      return t('IAM token');
    case 'accessToken':
      return t('Access token');
    case 'quotaProject':
      return t('Quota project (optional)');
    case 'clientId':
      return t('Client ID');
    case 'clientSecret':
      return t('Client secret');
    default:
      return key;
  }
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
export function validateCredentials(providerId: string, input: unknown, t: Localize): Credentials {
  const forms = CREDENTIAL_FORMS[providerId];
  if (!forms) {
    throw new Error(
      providerId === 'local'
        ? t('The Local provider needs no credentials.')
        : t('Unknown provider "{0}". Providers with credentials: {1}.', String(providerId).slice(0, 40), credentialProviders().join(', ')),
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

function example(forms: CredentialForm[]): string {
  return forms.map((f) => `{ ${f.fields.map((field) => `${field.key}${field.optional ? '?' : ''}`).join(', ')} }`).join(' | ');
}
