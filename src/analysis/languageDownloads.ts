import * as vscode from 'vscode';
import type { LanguageSource } from '../providers/local/languageSource';
import { languageLabel } from '../providers/local/languageCodes';
import type { DownloadProgress, LanguageStore } from '../providers/local/languageData';
import type { CancellationLike } from '../shared/cancellation';

const MB = 1024 * 1024;

/**
 * The Local provider's languages with VS Code's face: a language that must be downloaded first
 * gets a notification with its progress and a Cancel button; one already in place costs nothing.
 */
export function languageSource(data: LanguageStore): LanguageSource {
  return {
    codes: (languages) => data.codes(languages),
    async ensure(codes, token) {
      if ((await data.missing(codes)).length === 0) return data.ensure(codes, token);
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading OCR language data…'), cancellable: true },
        (progress, cancel) => {
          let last = 0;
          const report = (p: DownloadProgress) => {
            // Progress comes once per network chunk; the notification needs it ten times a second at most.
            const now = Date.now();
            if (now - last < 100) return;
            last = now;
            const size = p.totalBytes ? `${(p.receivedBytes / MB).toFixed(1)} / ${(p.totalBytes / MB).toFixed(1)} MB` : `${(p.receivedBytes / MB).toFixed(1)} MB`;
            progress.report({ message: `${languageLabel(p.code, vscode.env.language)} — ${size}` });
          };
          return data.ensure(codes, either(token, cancel), report);
        },
      );
    },
  };
}

/** Cancelled when either is: the analysis' own token or the download notification's Cancel. */
function either(a: CancellationLike, b: CancellationLike): CancellationLike {
  return {
    get isCancellationRequested() {
      return a.isCancellationRequested || b.isCancellationRequested;
    },
    onCancellationRequested(listener) {
      const subscriptions = [a.onCancellationRequested(listener), b.onCancellationRequested(listener)];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
  };
}
