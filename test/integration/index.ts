/**
 * The integration suite's entry (`extensionTestsPath`): the extension host `require`s this file
 * and awaits `run()`, both in code-server (test/host/run.mjs) and under @vscode/test-electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

/** `10-x` after `9-y`: files run in the order of their number prefix. */
const byNumber = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);

export function run(): Promise<void> {
  // IMAGE_INSIGHT_TEST_GREP runs only the tests whose titles match (while working on one area).
  const grep = process.env.IMAGE_INSIGHT_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort(byNumber)) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures: failures, pending: 0 };
      // The plain summary line the test orchestrator (and CI log readers) parse.
      console.log(`${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
