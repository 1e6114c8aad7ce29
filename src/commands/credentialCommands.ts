import * as vscode from 'vscode';
import { disposeAll } from '../shared/disposable';
import { UserError } from '../shared/errors';
import { providerName } from '../providers/catalog';
import type { CredentialsService } from '../services/credentials';
import { credentialProviders, fieldProblem, validateCredentials, type CredentialForms, type Credentials } from '../services/credentialShapes';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';
import { confirmChange } from './confirmChange';

const name = (id: string) => providerName(id, vscode.l10n.t);

/**
 * "Set Credentials…" — `(providerId?, credentials?)`, prompting only for what is missing
 * (a quick pick of provider and form, then masked input boxes) — and "Clear Credentials" —
 * `(providerId | 'all')?`. Values go to SecretStorage and are never echoed anywhere. Called with
 * the values (or with a provider to clear), they first ask for a modal confirmation naming the
 * change; the API's `setCredentials` / `clearCredentials` do not.
 */
export function registerCredentialCommands(credentials: CredentialsService, log: Log): vscode.Disposable {
  const t = vscode.l10n.t;
  const setTitle = t('Set Credentials…');
  const clearTitle = t('Clear Credentials');
  const forms = credentials.forms;
  const registrations = [
      registerFailableCommand('imageInsight.setCredentials', setTitle, log, async (report, providerArg?: unknown, value?: unknown) => {
        report.scripted = value !== undefined;
        const providerId = providerArg === undefined ? await pickProvider(credentialProviders(forms), t('Set credentials for which provider?')) : checkProvider(providerArg, forms, setTitle);
        if (value !== undefined) {
          // Values given by the caller, not typed by the user: checked first, then confirmed.
          validateCredentials(providerId, value, forms, t);
          await confirmChange(t('Store new credentials for {0}? They replace the ones stored now.', name(providerId)), t('Store'));
        }
        await storeCredentials(credentials, log, providerId, value ?? (await askCredentials(providerId, forms)));
        if (value === undefined) {
          void vscode.window.showInformationMessage(t('Credentials for {0} are saved in VS Code\'s secret storage.', name(providerId)));
        }
        return true;
      }),
      registerFailableCommand('imageInsight.clearCredentials', clearTitle, log, async (report, providerArg?: unknown) => {
        report.scripted = providerArg !== undefined;
        const configured = await credentials.configuredProviders();
        let targets: string[];
        if (providerArg === 'all') {
          targets = credentialProviders(forms);
        } else if (providerArg !== undefined) {
          targets = [checkProvider(providerArg, forms, clearTitle)];
        } else {
          if (configured.length === 0) {
            void vscode.window.showInformationMessage(t('No credentials are stored.'));
            return [];
          }
          const all = t('All providers');
          const picked = await pickProvider([...configured, 'all'], t('Clear the credentials of which provider?'), all);
          targets = picked === 'all' ? configured : [picked];
        }
        if (providerArg !== undefined) {
          await confirmChange(
            providerArg === 'all' ? t('Delete the stored credentials of every provider?') : t('Delete the stored credentials of {0}?', name(targets[0]!)),
            t('Delete'),
          );
        }
        const cleared = await clearStoredCredentials(credentials, log, targets);
        if (providerArg === undefined) {
          void vscode.window.showInformationMessage(t('Credentials removed: {0}.', cleared.map(name).join(', ')));
        }
        return cleared;
      }),
  ];
  return new vscode.Disposable(() => disposeAll(registrations));
}

/** Validates and stores, and says so in the log (the command, after its prompts or confirmation, and the API). */
export async function storeCredentials(credentials: CredentialsService, log: Log, providerId: string, value: unknown): Promise<void> {
  await credentials.set(providerId, value);
  log.info(`credentials stored for ${providerId}`);
}

/** Clears each of `providerIds`; returns those that had credentials. */
export async function clearStoredCredentials(credentials: CredentialsService, log: Log, providerIds: string[]): Promise<string[]> {
  const cleared: string[] = [];
  for (const id of providerIds) if (await credentials.clear(id)) cleared.push(id);
  log.info(`credentials cleared for ${cleared.join(', ') || 'none'}`);
  return cleared;
}

function checkProvider(value: unknown, forms: CredentialForms, title: string): string {
  const providers = credentialProviders(forms);
  if (typeof value === 'string' && providers.includes(value)) return value;
  if (typeof value === 'string' && forms.has(value)) throw new UserError(vscode.l10n.t('{0} needs no credentials.', name(value)));
  throw new UserError(vscode.l10n.t('{0}: the first argument must be one of {1}.', title, providers.map((id) => `"${id}"`).join(', ')));
}

async function pickProvider(ids: string[], placeHolder: string, allLabel?: string): Promise<string> {
  const items = ids.map((id) => ({ label: id === 'all' && allLabel ? allLabel : name(id), description: id === 'all' ? '' : id, id }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, title: vscode.l10n.t('Image Insight') });
  if (!picked) throw new vscode.CancellationError();
  return picked.id;
}

async function askCredentials(providerId: string, all: CredentialForms): Promise<Credentials> {
  const t = vscode.l10n.t;
  const forms = all.get(providerId) ?? [];
  const form =
    forms.length === 1
      ? forms[0]!
      : (
          await vscode.window.showQuickPick(
            forms.map((f) => ({ label: f.label(t), form: f })),
            { title: t('{0} credentials', name(providerId)), placeHolder: t('Which kind of credentials?') },
          )
        )?.form;
  if (!form) throw new vscode.CancellationError();
  const out: Credentials = {};
  for (const field of form.fields) {
    const value = await vscode.window.showInputBox({
      title: t('{0} credentials', name(providerId)),
      prompt: field.label(t),
      password: field.secret,
      ignoreFocusOut: true,
      validateInput: (text) => (field.optional && text === '' ? undefined : fieldProblem(text, t)),
    });
    if (value === undefined) throw new vscode.CancellationError();
    if (value !== '') out[field.key] = value;
  }
  return out;
}
