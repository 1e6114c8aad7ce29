/**
 * `npm run test:electron`: the same integration suite under @vscode/test-electron, which
 * downloads a desktop VS Code (so it needs the internet; the code-server host in test/host/ is
 * what runs on machines that have only the npm registry). The UI-bridge tests skip themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const workspace = path.join(root, '.vscode-test', 'workspace-electron');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(path.join(workspace, 'images'), { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'samples'))) {
    fs.copyFileSync(path.join(root, 'samples', file), path.join(workspace, 'images', file));
  }
  fs.writeFileSync(path.join(workspace, 'empty.png'), '');
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'not an image\n');
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
