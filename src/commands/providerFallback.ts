import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import type { MissingFeaturesError } from '../analysis/missingFeaturesError';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';

/**
 * No dead ends: when the chosen provider lacks a feature, the message offers the providers that
 * have it. Picking one asks for its credentials first when it has none, and resolves with its id
 * for the command to run with; dismissing anything is a quiet cancellation.
 */
export async function pickAlternative(error: MissingFeaturesError, analysis: AnalysisService, log: Log): Promise<string> {
  const t = vscode.l10n.t;
  log.info(`${error.message} (offered: ${error.alternatives.join(', ')})`);
  const choices = error.alternatives.map((id) => {
    const provider = analysis.resolveProvider(id);
    return { provider, title: t('Use {0}', provider.displayName) };
  });
  const picked = await vscode.window.showWarningMessage(error.message, ...choices.map((c) => c.title));
  const choice = choices.find((c) => c.title === picked);
  if (!choice) throw new vscode.CancellationError();
  if (!(await choice.provider.isConfigured())) {
    await vscode.commands.executeCommand('imageInsight.setCredentials', choice.provider.id);
    if (!(await choice.provider.isConfigured())) throw new vscode.CancellationError();
  }
  return choice.provider.id;
}

/** After a run with another provider: offers to make it the default (never asked again this run). */
export function offerAsDefault(providerId: string, analysis: AnalysisService, config: ConfigService): void {
  const t = vscode.l10n.t;
  const name = analysis.resolveProvider(providerId).displayName;
  const makeDefault = t('Make Default');
  void vscode.window.showInformationMessage(t('Use {0} for every analysis from now on?', name), makeDefault).then(async (answer) => {
    if (answer === makeDefault) await config.setProvider(providerId);
  });
}
