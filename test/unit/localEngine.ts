import path from 'node:path';
import type { ImageSource } from '../../src/images/imageSource';
import type { Fitter } from '../../src/providers/kit/imageRunner';
import { builtinProvider } from '../../src/providers/kit/builtinProvider';
import { localDescriptor } from '../../src/providers/local/descriptor';
import type { LanguageSource } from '../../src/providers/local/languageSource';
import { createLocalEngine } from '../../src/providers/local/localOcr';
import type { AnalyzeOptions } from '../../src/providers/types';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { CancellationLike } from '../../src/shared/cancellation';
import { formatOnly } from '../../src/shared/localize';

const DIST = path.resolve(__dirname, '../../../dist');

/** The bundled English data only: nothing is downloaded. */
export const englishOnly: LanguageSource = { codes: () => ['eng'], ensure: () => Promise.resolve(path.join(DIST, 'ocr')), invalidate: () => Promise.resolve() };

/** The Local provider as the extension registers it (descriptor, shared runner, engine), one image at a time. */
export function localProvider(options: { preparer: Fitter; settings: () => { pageSegmentation: number; codeMode: boolean; preprocess?: boolean }; workerScript?: string; idleMs?: number; languages?: LanguageSource }) {
  const setting = (key: string): unknown => {
    const { pageSegmentation, codeMode, preprocess } = options.settings();
    if (key === 'local.codeMode') return codeMode;
    if (key === 'local.preprocess') return preprocess;
    if (key === 'local.pageSegmentation') return ({ 3: 'auto', 4: 'singleColumn', 6: 'singleBlock', 7: 'singleLine', 11: 'sparse' } as Record<number, string>)[pageSegmentation] ?? 'auto';
    return undefined;
  };
  const deps = { t: formatOnly, setting, credentials: { get: () => Promise.resolve(undefined) }, preparer: options.preparer, distPath: DIST, languages: options.languages ?? englishOnly, redact: (s: string) => s, log: () => undefined };
  const provider = builtinProvider(localDescriptor, deps, () => Promise.resolve(undefined), (d) => createLocalEngine(d, { workerScript: options.workerScript, idleMs: options.idleMs }));
  return {
    async analyze(image: ImageSource, features: FeatureId[], analyzeOptions: AnalyzeOptions, token: CancellationLike): Promise<AnalysisResult> {
      const [outcome] = await provider.analyze([() => Promise.resolve(image)], features, analyzeOptions, token);
      if (outcome instanceof Error) throw outcome;
      return outcome!;
    },
    dispose: () => provider.dispose(),
  };
}
