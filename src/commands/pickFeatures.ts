import * as vscode from 'vscode';
import { featureName } from '../providers/catalog';
import type { FeatureId } from '../shared/analysisResult';
import { CancelledError } from '../shared/errors';

/**
 * The features to look for, picked from `features` with `preselected` ticked (Analyze Image…,
 * Analyze Folder…, Compare Providers…). Dismissed or nothing ticked: a quiet cancellation.
 */
export async function pickFeatures(features: readonly FeatureId[], preselected: readonly FeatureId[], labels: { title: string; placeHolder: string }): Promise<FeatureId[]> {
  const items = features.map((feature) => ({ label: featureName(feature, vscode.l10n.t), description: feature, picked: preselected.includes(feature), feature }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, ...labels });
  if (!picked || picked.length === 0) throw new CancelledError();
  return picked.map((item) => item.feature);
}
