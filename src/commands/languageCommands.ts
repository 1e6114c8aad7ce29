import * as vscode from 'vscode';
import { languageLabel } from '../providers/local/languageCodes';
import type { LanguageStore, StoredLanguage } from '../providers/local/languageData';
import type { Log } from '../services/log';
import { registerFailableCommand } from '../services/failableCommand';

/**
 * "Manage OCR Languages…": the languages the Local provider has downloaded, with their sizes;
 * the ones picked are removed (English is built in and stays).
 */
export function registerLanguageCommands(data: LanguageStore, log: Log): vscode.Disposable {
  const t = vscode.l10n.t;
  return registerFailableCommand('imageInsight.manageLanguages', t('Manage OCR Languages…'), log, async () => {
    const stored = await data.list();
    const downloaded = stored.filter((l) => !l.bundled);
    if (downloaded.length === 0) {
      void vscode.window.showInformationMessage(t('Only English (built in) is installed. Other languages are downloaded the first time imageInsight.languages asks for them.'));
      return [];
    }
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    type Item = vscode.QuickPickItem & { language?: StoredLanguage };
    // English is shown for completeness, under its own separator, and cannot be picked.
    const items: Item[] = [
      { label: t('Built in, always available'), kind: vscode.QuickPickItemKind.Separator },
      ...stored.filter((l) => l.bundled).map((l) => ({ label: `$(lock) ${languageLabel(l.code, vscode.env.language)}`, description: t('built in') })),
      { label: t('Downloaded'), kind: vscode.QuickPickItemKind.Separator },
      ...downloaded.map((l) => ({ label: languageLabel(l.code, vscode.env.language), description: mb(l.bytes), language: l })),
    ];
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: t('Manage OCR Languages…'), placeHolder: t('Choose downloaded languages to remove') });
    const removed: string[] = [];
    for (const item of picked ?? []) {
      if (!item.language) continue;
      await data.remove(item.language.code);
      removed.push(item.language.code);
      void vscode.window.showInformationMessage(t('Removed {0} — {1} freed.', languageLabel(item.language.code, vscode.env.language), mb(item.language.bytes)));
    }
    return removed;
  });
}
