/**
 * The Smarty commands whose handlers load with dist/smarty.js (src/commands/smartyBundle.ts) on
 * first use; activation registers only stubs for them (services/lazyCommands.ts). The tree's
 * Refresh stays with the view, which is there from the start.
 */
export const SMARTY_COMMAND_IDS = [
  'imageInsight.enrollPerson',
  'imageInsight.recognizePersons',
  'imageInsight.smarty.deletePerson',
  'imageInsight.smarty.truncateSpace',
  'imageInsight.smarty.recognizeInSpace',
  'imageInsight.smarty.enrollImage',
  'imageInsight.smarty.enrollFolder',
  'imageInsight.smarty.renamePerson',
  'imageInsight.smarty.exportLedger',
  'imageInsight.smarty.importLedger',
] as const;
