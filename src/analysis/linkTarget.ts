import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';

/**
 * Where a file really is when its path goes through a symbolic link that leads out of every
 * workspace folder, or undefined (not a link, a link within the workspace, not a local file). A
 * repository can carry a link named `diagram.png` that points at `~/.ssh/id_rsa` or a private
 * photo: its target must not go to a cloud provider without the user seeing where it points.
 */
export async function linkOutsideWorkspace(uri: vscode.Uri, roots: readonly string[]): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  let real: string;
  try {
    real = await fs.realpath(uri.fsPath);
  } catch {
    return undefined; // unreadable: the read that follows reports it
  }
  if (real === path.resolve(uri.fsPath)) return undefined;
  const inside = roots.some((folder) => {
    const relative = path.relative(folder, real);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
  return inside ? undefined : real;
}

/** The workspace folders on disk as their real paths: found once per analysis, however many images it has. */
export function workspaceRoots(): Promise<string[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return Promise.all(folders.map((f) => fs.realpath(f.uri.fsPath).catch(() => f.uri.fsPath)));
}
