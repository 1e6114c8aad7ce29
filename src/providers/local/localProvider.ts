import path from 'node:path';
import { lazyModule } from '../../services/lazyModule';
import type { Localize } from '../../shared/localize';
import type { AnalysisResult, FeatureId } from '../../shared/analysisResult';
import type { AnalyzeOptions, Provider } from '../types';
import type { CancellationLike } from '../../shared/cancellation';
import type { ImageSource } from '../../images/imageSource';
import type * as LocalOcrModule from './localOcr.js';
import type { LanguageSource, LocalOcr, LocalOcrOptions } from './localOcr';

/**
 * The Local provider: offline OCR, the default. Registered at activation as this thin object;
 * the engine (dist/local.js, and the OCR worker it starts) loads on the first request.
 */
export class LocalProvider implements Provider {
  readonly id = 'local';
  readonly displayName: string;
  readonly capabilities: readonly FeatureId[] = ['text'];
  private engine: LocalOcr | undefined;

  constructor(
    private readonly options: {
      /** The extension's dist/ folder. */
      distPath: string;
      preparer: LocalOcrOptions['preparer'];
      languages: LanguageSource;
      settings: LocalOcrOptions['settings'];
      t: Localize;
    },
  ) {
    this.displayName = options.t('Local (offline)');
  }

  isConfigured(): Promise<boolean> {
    return Promise.resolve(true);
  }

  analyze(image: ImageSource, features: FeatureId[], analyzeOptions: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult> {
    return this.load().analyze(image, features, analyzeOptions, token);
  }

  private load(): LocalOcr {
    if (!this.engine) {
      const module = lazyModule<typeof LocalOcrModule>(path.join(this.options.distPath, 'local.js'))();
      const { distPath, preparer, languages, settings, t } = this.options;
      this.engine = module.createLocalOcr({ preparer, languages, settings, t, workerScript: path.join(distPath, 'ocr', 'ocrWorker.js') });
    }
    return this.engine;
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }
}
