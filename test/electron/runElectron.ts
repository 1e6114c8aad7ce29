/**
 * `npm run test:electron`: the same integration suite under @vscode/test-electron, which
 * downloads a desktop VS Code (so it needs the internet; the code-server host in test/host/ is
 * what runs on machines that have only the npm registry). The UI-bridge tests skip themselves.
 */
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  // Prepared by `node scripts/test.mjs --prepare-workspace` (the npm script runs it first).
  const workspace = path.join(root, '.vscode-test', 'workspace');
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
