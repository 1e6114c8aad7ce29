/**
 * The many-images commands whose handlers load with dist/batch.js (src/commands/batchBundle.ts) on
 * first use; activation registers only stubs for them (services/lazyCommands.ts).
 */
export const BATCH_COMMAND_IDS = ['imageInsight.analyzeFolder', 'imageInsight.searchResults', 'imageInsight.clearCache', 'imageInsight.compareProviders'] as const;
