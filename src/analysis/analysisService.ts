import * as vscode from 'vscode';
import type { ImageSource } from '../images/imageSource';
import { featureName, providerName } from '../providers/catalog';
import type { ProviderRegistry } from '../providers/registry';
import type { AnalyzeOptions, ImageLoader, Outcome, Provider } from '../providers/types';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { failedResult, type AnalysisResult, type FeatureId } from '../shared/analysisResult';
import { baseName } from '../shared/baseName';
import { Disposable } from '../shared/disposable';
import { isCancellation, messageOf, UserError } from '../shared/errors';
import type { CacheLookup, ResultsCache } from './cacheSettings';
import { BatchProgress } from './batchProgress';
import { checkImage } from './imageTarget';
import { linkOutsideWorkspace, workspaceRoots } from './linkTarget';
import { MissingFeaturesError } from './missingFeaturesError';

/** An image to analyze: a file, or one already in memory (a pasted image). */
export type ImageInput = vscode.Uri | ImageSource;

export interface AnalysisRequest {
  images: ImageInput[];
  features: FeatureId[];
  provider?: string;
  languages?: string[];
  /** The Smarty space (`{ space }` of Recognize Persons). */
  space?: string;
  /** Show progress and messages (false for `{ show: false }` and API calls). */
  interactive: boolean;
  /** The command's title, for the progress notification. */
  title: string;
  /** The caller's own cancellation (a paste has one); the analysis then shows no progress of its own. */
  token?: vscode.CancellationToken;
  /** A person is there to be asked for a missing setting (default: `interactive`); a paste shows no progress, yet may ask. */
  mayAsk?: boolean;
  /** Show progress for a provider that sends images out even when not `interactive` (a command's upload is never silent). */
  progressForUploads?: boolean;
  /** False: ask the provider even when the results cache has the answer ("Analyze Again"). */
  useCache?: boolean;
}

/** Told about every analysis of several images, image by image as each one's result is known (the batch summary). */
export interface BatchListener {
  /** `interactive`: a person started it (the summary may show itself); false for scripts and the API. */
  start(batch: { provider: string; features: FeatureId[]; title: string; uris: string[]; interactive: boolean }): BatchRecorder;
}

export interface BatchRecorder {
  /** Image `index` (of the request's images) has its result: found in the cache, analyzed, or failed. */
  result(index: number, result: AnalysisResult): void;
  /** The batch ended; images without a result were not analyzed (`cancelled`: the user stopped it). */
  end(cancelled: boolean): void;
}

/**
 * The one way to analyze: checks every input before anything is sent, resolves the provider and
 * checks its features once, runs it with a cancellable progress over one or many images, and
 * announces each result. (The batch scheduler will own this entry point later.)
 */
export class AnalysisService extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<AnalysisResult>());
  /** Fires for every image analyzed successfully (also for partial results). */
  readonly onDidAnalyze = this.emitter.event;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly config: ConfigService,
    private readonly log: Log,
    private readonly cache?: ResultsCache,
  ) {
    super();
  }

  private batches: BatchListener | undefined;

  /** The batch summary, told about every analysis of several images (set once, by the view). */
  listenToBatches(listener: BatchListener): void {
    this.batches = listener;
  }

  /** The provider a request would use, or a UserError saying why there is none. */
  resolveProvider(requested?: string): Provider {
    const id = requested ?? this.config.current.provider;
    const provider = this.registry.get(id);
    if (!provider) {
      throw new UserError(
        vscode.l10n.t(
          'The provider "{0}" is not available: it is not built in, and no installed extension provides it. Choose another with "Image Insight: Select Provider".',
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
    const single = request.images.length === 1;
    // Inputs first: a bad file is reported as such, and nothing is sent for it. One image is read
    // and probed now; of several, each is checked now and read only when its turn comes, so that
    // only one is in memory at a time.
    const inputs: Array<ImageLoader | Error> = [];
    for (const image of request.images) {
      try {
        const load = image instanceof vscode.Uri ? await checkImage(image, this.config.current.maxFileSizeMB) : () => Promise.resolve(image);
        inputs.push(single ? await preload(load) : load);
      } catch (error) {
        if (single) throw error;
        inputs.push(error instanceof Error ? error : new Error(messageOf(error)));
      }
    }
    const provider = this.resolveProvider(request.provider);
    this.checkFeatures(provider, request.features);
    const languages = request.languages ?? this.config.current.languages;
    // The results cache first: an image analyzed before, the same way, is not sent again.
    const cached: CacheLookup[] = request.useCache === false ? inputs.map(() => ({ key: undefined })) : await this.lookUp(inputs, provider.id, request.features, languages, single);
    if (!provider.offline) await confirmLinks(request.images, inputs, provider, single, (i) => cached[i]?.hit !== undefined);
    const sent = inputs.map((input, i) => !(input instanceof Error) && cached[i]?.hit === undefined);
    const loaders = inputs.filter((input, i): input is ImageLoader => sent[i]!);

    // Several images: the batch summary lists each one as its result comes in.
    const recorder = single ? undefined : this.batches?.start({ provider: provider.id, features: request.features, title: request.title, uris: request.images.map(uriOf), interactive: request.interactive });
    const failedInput = (i: number, error: Error) => failedResult(provider.id, request.features, uriOf(request.images[i]!), error.message, codeOf(error));
    inputs.forEach((input, i) => {
      if (input instanceof Error) recorder?.result(i, failedInput(i, input));
      else if (cached[i]?.hit) recorder?.result(i, cached[i].hit);
    });
    // Loader k is image sentIndex[k] of the request.
    const sentIndex = sent.flatMap((isSent, i) => (isSent ? [i] : []));

    const run = async (token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>) => {
      // The notification (with its Cancel button) says what is being done to which file.
      const first = sent.indexOf(true);
      progress?.report({
        message:
          loaders.length === 1
            ? vscode.l10n.t('{0} is reading "{1}"…', provider.displayName, nameOf(request.images[first]!))
            : vscode.l10n.t('{0} is reading {1} images…', provider.displayName, loaders.length),
      });
      // A batch counts its images in the notification as each one's outcome is known, with an estimate of the rest.
      const counter = progress && loaders.length > 1 ? new BatchProgress(loaders.length, performance.now(), vscode.l10n.t) : undefined;
      const onOutcome = counter || recorder
        ? (k: number, outcome: Outcome) => {
            const failed = outcome instanceof Error || outcome.errors.some((e) => e.feature === '*');
            if (counter) progress!.report(counter.next(failed, performance.now()));
            const i = sentIndex[k]!;
            recorder?.result(i, outcome instanceof Error ? failedInput(i, outcome) : outcome);
          }
        : undefined;
      const options: AnalyzeOptions = { languages, interactive: request.mayAsk ?? request.interactive, ...(request.space === undefined ? {} : { space: request.space }), ...(onOutcome ? { onOutcome } : {}) };
      return loaders.length > 0 ? provider.analyze(loaders, request.features, options, token) : [];
    };
    const showProgress = request.interactive || (request.progressForUploads === true && !provider.offline);
    let outcomes: Outcome[];
    try {
      // Every image from the cache (or refused): nothing to send, and no progress to show.
      if (loaders.length === 0) outcomes = [];
      else if (request.token) outcomes = await run(request.token);
      else if (showProgress) outcomes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: request.title, cancellable: true }, (progress, token) => run(token, progress));
      else outcomes = await runQuietly(run);
    } catch (error) {
      recorder?.end(isCancellation(error));
      throw error;
    }
    recorder?.end(false);

    let next = 0;
    const results = inputs.map((input, i) => {
      const uri = uriOf(request.images[i]!);
      if (input instanceof Error) return failedResult(provider.id, request.features, uri, input.message);
      const hit = cached[i]?.hit;
      if (hit) {
        this.log.info(`${provider.id}: ${nameOf(request.images[i]!)} from the results cache (${request.features.join(', ')})`);
        this.emitter.fire(hit);
        return hit;
      }
      const outcome = outcomes[next++] ?? new Error(vscode.l10n.t('{0} returned no result for this image.', provider.displayName));
      if (outcome instanceof Error) {
        if (single) throw outcome;
        return failedResult(provider.id, request.features, uri, messageOf(outcome), codeOf(outcome));
      }
      this.log.info(`${provider.id}: analyzed ${nameOf(request.images[i]!)} (${request.features.join(', ')})`);
      this.cache?.remember(cached[i]?.key, outcome);
      this.emitter.fire(outcome);
      return outcome;
    });
    return single ? results[0]! : results;
  }

  /**
   * Each valid image's place in the results cache (read and hashed now; a cache problem is a
   * miss). An image that turns out unreadable here is reported as such, as the provider would.
   */
  private async lookUp(inputs: Array<ImageLoader | Error>, provider: string, features: FeatureId[], languages: string[], single: boolean): Promise<CacheLookup[]> {
    const cache = this.cache;
    if (!cache?.enabled) return inputs.map(() => ({ key: undefined }));
    const found: CacheLookup[] = [];
    for (const [i, input] of inputs.entries()) {
      if (input instanceof Error) {
        found.push({ key: undefined });
        continue;
      }
      try {
        found.push(await cache.lookup(await input(), provider, features, languages));
      } catch (error) {
        if (single) throw error;
        inputs[i] = error instanceof Error ? error : new Error(messageOf(error));
        found.push({ key: undefined });
      }
    }
    return found;
  }

  /** The registered providers that offer every one of `features`. */
  private providersOffering(features: FeatureId[]): Provider[] {
    return this.registry.list().filter((p) => features.every((f) => p.capabilities.includes(f)));
  }

  /** Refuses features the provider lacks, naming the providers that have them (the command offers them). */
  private checkFeatures(provider: Provider, features: FeatureId[]): void {
    const missing = features.filter((f) => !provider.capabilities.includes(f));
    if (missing.length === 0) return;
    const t = vscode.l10n.t;
    const alternatives = this.providersOffering(features);
    const message =
      alternatives.length > 0
        ? t('{0} does not offer {1}. Providers that do: {2}.', provider.displayName, missing.join(', '), alternatives.map((p) => p.displayName).join(', '))
        : t('{0} does not offer {1}. It offers: {2}.', provider.displayName, missing.join(', '), provider.capabilities.map((f) => featureName(f, t)).join(', ') || '—');
    throw new MissingFeaturesError(message, provider.id, missing, alternatives.map((p) => p.id));
  }
}

/**
 * Before anything goes out: a file whose path leads through a link out of the workspace is named,
 * with where it really is, in a modal confirmation. Declined: one image is a quiet cancellation;
 * of several, that one is reported as not sent and the others go on.
 */
async function confirmLinks(images: ImageInput[], inputs: Array<ImageLoader | Error>, provider: Provider, single: boolean, served: (index: number) => boolean): Promise<void> {
  const t = vscode.l10n.t;
  const roots = await workspaceRoots();
  for (const [i, image] of images.entries()) {
    if (!(image instanceof vscode.Uri) || inputs[i] instanceof Error || served(i)) continue;
    const target = await linkOutsideWorkspace(image, roots);
    if (!target) continue;
    const send = t('Send');
    const answer = await vscode.window.showWarningMessage(
      t('"{0}" is a link to {1}, outside the workspace. Send that file to {2}?', baseName(image), target, provider.displayName),
      { modal: true },
      send,
    );
    if (answer === send) continue;
    if (single) throw new vscode.CancellationError();
    inputs[i] = new UserError(t('"{0}" was not sent: it is a link to a file outside the workspace.', baseName(image)), baseName(image));
  }
}

/** One image read and probed now (so a bad file is reported before any provider is asked). */
async function preload(load: ImageLoader): Promise<ImageLoader> {
  const source = await load();
  return () => Promise.resolve(source);
}

function uriOf(image: ImageInput): string {
  return image instanceof vscode.Uri ? image.toString() : image.uri;
}

function nameOf(image: ImageInput): string {
  return image instanceof vscode.Uri ? baseName(image) : image.name;
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

/** The provider's own code for an error (a ProviderError's, such as Google's "API_KEY_INVALID"), read without loading the cloud bundle. */
function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}
