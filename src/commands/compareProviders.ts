import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import { compareRuns, type ComparedRun } from '../analysis/providerComparison';
import { featureName } from '../providers/catalog';
import type { ProviderRegistry } from '../providers/registry';
import type { Provider } from '../providers/types';
import { registerFailableCommand } from '../services/failableCommand';
import type { Log } from '../services/log';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import { isCompareFailure, type NamedComparison, type ProviderComparison } from '../shared/comparison';
import { CancelledError, isCancellation, messageOf, UserError } from '../shared/errors';
import { activeImage } from './analysisCommands';
import { parseInvocation } from './commandArgs';
import { commonFeatures, defaultCompareFeatures, takeProviders } from './compareArgs';
import { pickFeatures } from './pickFeatures';

/** What the command needs of the compare panels (webview/lazyComparePanels.ts). */
export interface ComparisonViewer {
  show(shown: NamedComparison): void;
}

/**
 * "Compare Providers…" on one image: two providers read it at the same time, each asked afresh
 * (`useCache: false`, so the times are real) through the one analysis path (link checks,
 * progress, the shared scheduler), and the two readings are shown side by side with a word diff.
 * One provider failing keeps the other's result; its failure takes its column. Scripts pass
 * `(uri, { providers: [a, b], features?, show? })` and get the comparison.
 */
export function registerCompareProviders(analysis: AnalysisService, registry: ProviderRegistry, log: Log, panels: ComparisonViewer): vscode.Disposable {
  const t = vscode.l10n.t;
  const title = t('Compare Providers…');
  return registerFailableCommand('imageInsight.compareProviders', title, log, async (report, ...raw) => {
    const { args, providers } = takeProviders(raw, title, t);
    const invocation = parseInvocation(args, title, t);
    report.scripted = invocation.scripted;
    report.show = invocation.options.show !== false;
    if (invocation.uris.length > 1) throw new UserError(t('{0} compares one image at a time: choose one.', title));
    const uri = (invocation.uris[0] as vscode.Uri | undefined) ?? activeImage(title);
    const [a, b] = (providers ?? (await pickProviders(registry, analysis.resolveProvider().id, title))).map((id) => analysis.resolveProvider(id)) as [Provider, Provider];
    const features = invocation.options.features ?? (report.scripted || !report.show ? defaultCompareFeatures(a.capabilities, b.capabilities) : await pickCommonFeatures(a, b, title));
    checkFeatures(a, b, features, title);

    const cancelled = new Set<string>();
    const run = async (provider: Provider): Promise<ComparedRun> => {
      const started = performance.now();
      try {
        const result = (await analysis.analyze({
          images: [uri],
          features,
          provider: provider.id,
          languages: invocation.options.languages,
          interactive: report.show,
          title: t('{0}: {1}', title.replace(/…$/, ''), provider.displayName),
          progressForUploads: true,
          useCache: false,
        })) as AnalysisResult;
        return { provider: provider.id, outcome: result, totalMs: Math.round(performance.now() - started) };
      } catch (error) {
        // Its failure goes in its column; the other provider's result is not lost over it.
        const code = (error as { code?: unknown }).code;
        if (isCancellation(error)) cancelled.add(provider.id);
        const message = isCancellation(error) ? t('{0} was cancelled.', provider.displayName) : log.redact(messageOf(error));
        log.warn(`compare providers: ${provider.id}: ${message}`);
        return { provider: provider.id, outcome: { error: message, ...(typeof code === 'string' ? { code } : {}) }, totalMs: Math.round(performance.now() - started) };
      }
    };
    // At the same time: each waits only for its own provider (and its lane in the shared scheduler).
    const runs: [ComparedRun, ComparedRun] = await Promise.all([run(a), run(b)]);
    const failures = runs.map((r) => r.outcome).filter(isCompareFailure);
    if (failures.length === 2) {
      if (cancelled.size === 2) throw new CancelledError();
      throw new UserError(t('Neither provider could read "{0}": {1} — {2}', uri.path.split('/').pop() ?? '', failures[0]!.error, failures[1]!.error));
    }
    const comparison: ProviderComparison = compareRuns(uri.toString(), features, runs);
    log.info(`compare providers: ${a.id} vs ${b.id} on ${uri.path.split('/').pop() ?? ''}: ${comparison.diff ? `${Math.round(comparison.diff.similarity * 100)} % alike` : 'no diff'}, ${runs.map((r) => `${r.provider} ${r.totalMs} ms`).join(', ')}`);
    if (report.show) panels.show({ comparison, names: [a.displayName, b.displayName] });
    return comparison;
  });
}

/** Refuses, before anything is sent, a feature one of the two lacks (naming it), or nothing to compare. */
function checkFeatures(a: Provider, b: Provider, features: FeatureId[], title: string): void {
  const t = vscode.l10n.t;
  if (features.length === 0) throw new UserError(t('{0}: {1} and {2} have nothing in common to compare.', title, a.displayName, b.displayName));
  for (const provider of [a, b]) {
    const missing = features.filter((f) => !provider.capabilities.includes(f));
    if (missing.length > 0) throw new UserError(t('{0} does not offer {1}. It offers: {2}.', provider.displayName, missing.join(', '), provider.capabilities.map((f) => featureName(f, t)).join(', ') || '—'));
  }
}

/** Two providers from a quick pick: those with credentials first, the current one preselected. */
async function pickProviders(registry: ProviderRegistry, current: string, title: string): Promise<[string, string]> {
  const t = vscode.l10n.t;
  const providers = await Promise.all(registry.list().map(async (p) => ({ provider: p, configured: await p.isConfigured().catch(() => false) })));
  providers.sort((x, y) => Number(y.configured) - Number(x.configured));
  const items = providers.map(({ provider, configured }) => ({
    label: provider.displayName,
    description: configured ? provider.id : t('{0} · no credentials yet', provider.id),
    detail: provider.capabilities.map((f) => featureName(f, t)).join(', '),
    picked: provider.id === current,
    id: provider.id,
  }));
  let placeHolder = t('Choose two providers to compare');
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder, canPickMany: true, matchOnDetail: true });
    if (!picked || picked.length === 0) throw new CancelledError();
    if (picked.length === 2) return [picked[0]!.id, picked[1]!.id];
    placeHolder = t('Choose exactly two providers ({0} chosen)', picked.length);
    for (const item of items) item.picked = picked.includes(item);
  }
}

/** The features both offer, those compared by default preselected (none in common: nothing to ask). */
async function pickCommonFeatures(a: Provider, b: Provider, title: string): Promise<FeatureId[]> {
  const common = commonFeatures(a.capabilities, b.capabilities);
  if (common.length === 0) return [];
  return pickFeatures(common, defaultCompareFeatures(a.capabilities, b.capabilities), { title, placeHolder: vscode.l10n.t('What should {0} and {1} both look for?', a.displayName, b.displayName) });
}
