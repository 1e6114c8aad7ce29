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
    async invalidate(codes) {
      for (const code of codes) await data.invalidate(code);
    },
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

/**
 * Asks before a language with no pinned checksum is fetched from the public default URL (the
 * policy is LanguageData's): a modal naming the language and the address; anything but the
 * button is a no, and the download is refused with a message saying what else can be done.
 */
export async function confirmUnpinnedDownload(request: { label: string; url: string }): Promise<boolean> {
  const action = vscode.l10n.t('Download Unverified');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Download the {0} language data without a pinned checksum?', request.label),
    { modal: true, detail: vscode.l10n.t('This version of Image Insight has no pinned checksum for this language, so the file from {0} can be checked only for its form, not verified byte for byte. It is downloaded once and kept. A company mirror can be set in imageInsight.local.languageDataUrl instead.', request.url) },
    action,
  );
  return answer === action;
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
