import * as vscode from 'vscode';

/**
 * Commands whose handlers live in a bundle loaded on first use. At activation each id gets a stub;
 * the first call of any of them disposes every stub, lets `register` register the real commands
 * (which loads their bundle), and runs the call again with the same arguments, so the real
 * command's own failure handling, scripted or not, applies as if it had been there all along.
 */
export function registerLazyCommands(ids: readonly string[], register: () => vscode.Disposable): vscode.Disposable {
  let real: vscode.Disposable | undefined;
  const load = () => {
    if (real) return;
    for (const stub of stubs) stub.dispose();
    real = register();
  };
  const stubs = ids.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      return vscode.commands.executeCommand<unknown>(id, ...args);
    }),
  );
  return {
    dispose: () => {
      if (real) real.dispose();
      else for (const stub of stubs) stub.dispose();
    },
  };
}
