import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { messageOf, UserError } from '../shared/errors';
import { providerName } from '../providers/catalog';
import type { ProviderRegistry } from '../providers/registry';
import { failedResult, type AnalysisResult, type FeatureId } from '../shared/analysisResult';
import type { ImageSource } from '../images/imageSource';
import type { Provider } from '../providers/types';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { checkImage } from './imageTarget';

export interface AnalysisRequest {
  uris: vscode.Uri[];
  features: FeatureId[];
  provider?: string;
  languages?: string[];
  /** Show progress and messages (false for `{ show: false }` and API calls). */
  interactive: boolean;
  /** The command's title, for the progress notification. */
  title: string;
}

/**
 * Runs an analysis: checks every input before anything is sent, resolves the provider and its
 * capabilities, calls it with a cancellable progress, and announces each result.
 */
export class AnalysisService extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<AnalysisResult>());
  /** Fires for every image analyzed successfully (also for partial results). */
  readonly onDidAnalyze = this.emitter.event;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly config: ConfigService,
    private readonly log: Log,
  ) {
    super();
  }

  /** The provider a request would use, or a UserError saying why there is none. */
  resolveProvider(requested?: string): Provider {
    const id = requested ?? this.config.current.provider;
    const provider = this.registry.get(id);
    if (!provider) {
      throw new UserError(
        vscode.l10n.t(
          'The provider "{0}" is not available in this version of Image Insight. Choose another with "Image Insight: Select Provider".',
          providerName(id, vscode.l10n.t),
        ),
      );
    }
    return provider;
  }

  /**
   * One image → its result, or a rejection naming the file and the cause.
   * Several images → one result each, a failed image's cause in its `errors`.
   */
  async analyze(request: AnalysisRequest): Promise<AnalysisResult | AnalysisResult[]> {
    const maxMB = this.config.current.maxFileSizeMB;
    const single = request.uris.length === 1;
    // Inputs first: a bad file is reported as such, and nothing is sent for it. One image is read
    // and probed now; of several, each is checked now and read only when its turn comes, so that
    // only one is in memory at a time.
    const sources: Array<(() => Promise<ImageSource>) | Error> = [];
    for (const uri of request.uris) {
      try {
        const open = await checkImage(uri, maxMB);
        if (single) {
          const source = await open();
          sources.push(() => Promise.resolve(source));
        } else {
          sources.push(open);
        }
      } catch (error) {
        if (single) throw error;
        sources.push(error instanceof Error ? error : new Error(messageOf(error)));
      }
    }
    const provider = this.resolveProvider(request.provider);
    const unsupported = request.features.filter((f) => !provider.capabilities.includes(f));
    if (unsupported.length > 0) {
      throw new UserError(
        vscode.l10n.t(
          '{0} does not offer {1}. It offers: {2}.',
          provider.displayName,
          unsupported.join(', '),
          provider.capabilities.join(', ') || '—',
        ),
      );
    }
    const languages = request.languages ?? this.config.current.languages;
    const run = async (token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string }>) => {
      if (!single && provider.analyzeMany) return this.runMany(provider, sources, request.features, languages, token, progress);
      const results: AnalysisResult[] = [];
      for (const pending of sources) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        if (pending instanceof Error) {
          results.push(failedResult(provider.id, request.features, '', pending.message));
          continue;
        }
        try {
          const source = await pending();
          // The notification (with its Cancel button) says what is being done to which file.
          progress?.report({ message: vscode.l10n.t('{0} is reading "{1}"…', provider.displayName, source.name) });
          const result = await provider.analyze(source, request.features, { languages }, token);
          this.log.info(`${provider.id}: analyzed ${source.name} (${request.features.join(', ')})`);
          results.push(result);
          this.emitter.fire(result);
        } catch (error) {
          if (single || token.isCancellationRequested) throw error;
          results.push(failedResult(provider.id, request.features, '', messageOf(error)));
        }
      }
      return results;
    };
    const results = request.interactive
      ? await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: request.title, cancellable: true },
          (progress, token) => run(token, progress),
        )
      : await runQuietly(run);
    for (let i = 0; i < results.length; i++) {
      // A failed input has no result URI of its own: give it back its file.
      if (results[i]!.image.uri === '') results[i]!.image.uri = request.uris[i]!.toString();
    }
    return single ? results[0]! : results;
  }

  /** Several images through a provider that batches them; the inputs that failed their checks keep their place. */
  private async runMany(
    provider: Provider,
    sources: Array<(() => Promise<ImageSource>) | Error>,
    features: FeatureId[],
    languages: string[],
    token: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string }>,
  ): Promise<AnalysisResult[]> {
    const loaders = sources.filter((s): s is () => Promise<ImageSource> => !(s instanceof Error));
    progress?.report({ message: vscode.l10n.t('{0} is reading {1} images…', provider.displayName, loaders.length) });
    const analyzed = loaders.length > 0 ? await provider.analyzeMany!(loaders, features, { languages }, token) : [];
    let next = 0;
    return sources.map((source) => {
      if (source instanceof Error) return failedResult(provider.id, features, '', source.message);
      const result = analyzed[next++] ?? failedResult(provider.id, features, '', vscode.l10n.t('{0} returned no result for this image.', provider.displayName));
      if (!result.errors.some((e) => e.feature === '*')) {
        this.log.info(`${provider.id}: analyzed ${result.image.uri.split('/').pop() ?? ''} (${features.join(', ')})`);
        this.emitter.fire(result);
      }
      return result;
    });
  }

  /**
   * One image that is not a file (a pasted one), with the current provider unless another is
   * named; no progress UI of its own (the caller has one). Rejects naming the image and the cause.
   */
  async analyzeSource(source: ImageSource, features: FeatureId[], token: vscode.CancellationToken): Promise<AnalysisResult> {
    const provider = this.resolveProvider();
    const missing = features.filter((f) => !provider.capabilities.includes(f));
    if (missing.length > 0) {
      throw new UserError(vscode.l10n.t('{0} does not offer {1}. It offers: {2}.', provider.displayName, missing.join(', '), provider.capabilities.join(', ') || '—'));
    }
    const result = await provider.analyze(source, features, { languages: this.config.current.languages }, token);
    this.log.info(`${provider.id}: analyzed ${source.name} (${features.join(', ')})`);
    this.emitter.fire(result);
    return result;
  }
}

/** Runs without progress UI: nothing can cancel it but the caller's own timeout. */
async function runQuietly<T>(run: (token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  try {
    return await run(source.token);
  } finally {
    source.dispose();
  }
}
