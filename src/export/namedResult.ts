import type { AnalysisResult } from '../shared/analysisResult';

/** One image's result with the name the export shows for it (a file name, usually its base name). */
export interface NamedResult {
  result: AnalysisResult;
  name: string;
}
