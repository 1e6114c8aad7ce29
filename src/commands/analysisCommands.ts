import * as vscode from 'vscode';
import { disposeAll } from '../shared/disposable';
import { UserError } from '../shared/errors';
import type { AnalysisRequest, AnalysisService } from '../analysis/analysisService';
import { MissingFeaturesError } from '../analysis/missingFeaturesError';
import type { AnalysisResult, FeatureId } from '../shared/analysisResult';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { parseInvocation, type Invocation } from './commandArgs';
import { offerAsDefault, pickAlternative } from './providerFallback';
import { registerFailableCommand } from '../services/failableCommand';
import { pickFeatures } from './pickFeatures';

interface AnalysisCommand {
  id: string;
  title: string;
  /** Features asked for; undefined = ask the user (Analyze Image…). */
  features?: FeatureId[];
  /** Provider used when the options name none (Smarty-only commands). */
  provider?: string;
}

function analysisCommands(): AnalysisCommand[] {
  const t = vscode.l10n.t;
  return [
    { id: 'imageInsight.extractText', title: t('Extract Text'), features: ['text'] },
    { id: 'imageInsight.detectFaces', title: t('Detect Faces'), features: ['faces'] },
    { id: 'imageInsight.classify', title: t('Classify Image'), features: ['labels'] },
    { id: 'imageInsight.findCopies', title: t('Find Image Copies'), features: ['copies'] },
    { id: 'imageInsight.analyze', title: t('Analyze Image…') },
  ];
}

/** What the commands need of the results panels (webview/lazyResultsPanels.ts). */
export interface ResultViewer {
  /** `marks`: words to mark as search matches (indices in `allWords` order). */
  show(result: AnalysisResult, options?: { marks?: number[] }): void;
}

/** Registers the analysis commands; each returns its normalized result(s). */
export function registerAnalysisCommands(analysis: AnalysisService, config: ConfigService, log: Log, panels: ResultViewer): vscode.Disposable {
  const disposables = analysisCommands().map((command) =>
    registerFailableCommand(command.id, command.title, log, async (report, ...args) => {
      const invocation = parseInvocation(args, command.title, vscode.l10n.t);
      report.scripted = invocation.scripted;
      report.show = invocation.options.show !== false;
      const uris = invocation.uris.length > 0 ? (invocation.uris as vscode.Uri[]) : [activeImage(command.title)];
      const features = invocation.options.features ?? command.features ?? (await featuresFor(analysis, invocation, command));
      const request: AnalysisRequest = {
        images: uris,
        features,
        provider: invocation.options.provider ?? command.provider,
        languages: invocation.options.languages,
        space: invocation.options.space,
        interactive: report.show,
        title: command.title,
        // Whatever `show` says, an image going to a cloud provider from a command shows progress.
        progressForUploads: true,
      };
      let result: AnalysisResult | AnalysisResult[];
      try {
        result = await analysis.analyze(request);
      } catch (error) {
        // From a menu, a provider without the feature is not a dead end: offer those that have it.
        if (!(error instanceof MissingFeaturesError) || error.alternatives.length === 0 || report.scripted || !report.show) throw error;
        const provider = await pickAlternative(error, analysis, log);
        result = await analysis.analyze({ ...request, provider });
        offerAsDefault(provider, analysis, config);
      }
      if (report.show) {
        // Each analyzed image in its own panel; one that could not be analyzed has nothing to draw.
        for (const one of Array.isArray(result) ? result : [result]) {
          if (!one.errors.some((e) => e.feature === '*')) panels.show(one);
        }
      }
      return result;
    }),
  );
  return new vscode.Disposable(() => disposeAll(disposables));
}

/** The image shown in VS Code's image preview, when a command comes from the palette. */
export function activeImage(commandTitle: string): vscode.Uri {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === 'imagePreview.previewEditor') return input.uri;
  throw new UserError(
    vscode.l10n.t('{0} needs an image: right-click one in the Explorer, or open it in VS Code and run the command again.', commandTitle),
  );
}

function featuresFor(analysis: AnalysisService, invocation: Invocation, command: AnalysisCommand): Promise<FeatureId[]> {
  const provider = analysis.resolveProvider(invocation.options.provider ?? command.provider);
  return pickFeatures(provider.capabilities, ['text'], { title: vscode.l10n.t('Analyze with {0}', provider.displayName), placeHolder: vscode.l10n.t('Choose what to look for') });
}
