/**
 * The many-images commands whose handlers load with dist/batch.js (src/commands/batchBundle.ts) on
 * first use; activation registers only stubs for them (services/lazyCommands.ts).
 */
export const BATCH_COMMAND_IDS = [
  'imageInsight.analyzeFolder',
  'imageInsight.searchResults',
  'imageInsight.clearCache',
  'imageInsight.exportResults',
  'imageInsight.batch.openRow',
  'imageInsight.batch.retryFailed',
  'imageInsight.batch.clear',
  'imageInsight.batch.openMatch',
  'imageInsight.batch.clearSearch',
  'imageInsight.compareProviders',
] as const;
