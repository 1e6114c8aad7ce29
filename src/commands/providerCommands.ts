import * as vscode from 'vscode';
import { UserError } from '../shared/errors';
import { providerName } from '../providers/catalog';
import type { ProviderRegistry } from '../providers/registry';
import { BUILTIN_DESCRIPTORS } from '../providers/builtinProviders';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';
import { confirmChange } from './confirmChange';

interface ProviderChoice {
  id: string;
  name: string;
  available: boolean;
  needsCredentials: boolean;
}

/**
 * "Select Provider": a quick pick of every built-in provider (those not in this version are
 * listed and say so) and every registered one; or `(providerId)`, after a modal confirmation (the
 * API's `selectProvider` asks nothing). Returns the id now in the setting. Picking a provider that is not available changes nothing and says why.
 */
export function registerProviderCommands(registry: ProviderRegistry, config: ConfigService, log: Log): vscode.Disposable {
  const title = vscode.l10n.t('Select Provider');
  return registerFailableCommand('imageInsight.selectProvider', title, log, async (report, requested?: unknown) => {
    report.scripted = requested !== undefined;
    if (requested !== undefined && typeof requested !== 'string') {
      throw new UserError(vscode.l10n.t('{0}: the argument must be a provider id such as "local".', title));
    }
    const choices = await providerChoices(registry);
    const choice = requested !== undefined ? choices.find((c) => c.id === requested) : await pick(choices, config.current.provider);
    if (!choice) {
      throw new UserError(vscode.l10n.t('Unknown provider "{0}". Providers: {1}.', String(requested).slice(0, 40), choices.map((c) => c.id).join(', ')));
    }
    if (!choice.available) {
      throw new UserError(vscode.l10n.t('{0} is not available in this version of Image Insight yet; the provider setting was left as it is.', choice.name));
    }
    if (requested !== undefined) {
      await confirmChange(vscode.l10n.t('Use {0} for every analysis from now on?', choice.name), vscode.l10n.t('Switch'));
    }
    await config.setProvider(choice.id);
    if (choice.needsCredentials && report.show && requested === undefined) {
      const set = vscode.l10n.t('Set Credentials…');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('{0} needs credentials before it can analyze images.', choice.name), set)
        .then((answer) => answer === set && vscode.commands.executeCommand('imageInsight.setCredentials', choice.id));
    }
    return choice.id;
  });
}

/** Every built-in provider (those not in this version too, to say so), then every other registered one. */
async function providerChoices(registry: ProviderRegistry): Promise<ProviderChoice[]> {
  const ids = [...BUILTIN_DESCRIPTORS.map((d) => d.id), ...registry.list().map((p) => p.id)];
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const provider = registry.get(id);
      return { id, name: providerName(id, vscode.l10n.t, provider), available: provider !== undefined, needsCredentials: provider ? !(await provider.isConfigured()) : false };
    }),
  );
}

async function pick(choices: ProviderChoice[], current: string): Promise<ProviderChoice> {
  const t = vscode.l10n.t;
  const items = choices.map((choice) => {
    const features = choice.available ? [] : [t('not available in this version')];
    if (choice.available && choice.needsCredentials) features.push(t('needs credentials'));
    return {
      label: choice.id === current ? `$(check) ${choice.name}` : choice.name,
      description: [choice.id, ...features].join(' · '),
      choice,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: t('Image Insight: Select Provider'), placeHolder: t('Which service analyzes your images?') });
  if (!picked) throw new vscode.CancellationError();
  return picked.choice;
}
