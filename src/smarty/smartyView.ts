import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Ledger } from '../providers/smarty/ledger';
import type { SmartyPersonsApi } from '../providers/smarty/smartyPersonsApi';
import type { CredentialsService } from '../services/credentials';
import { registerFailableCommand } from '../services/failableCommand';
import type { Log } from '../services/log';
import { Disposable } from '../shared/disposable';
import { messageOf } from '../shared/errors';
import { childrenOf, hasPersons, nodeId, thumbnailFile, type SmartyNode } from './smartyTree';

/** Context keys the view's welcome content and menus read. */
export const HAS_CREDENTIALS = 'imageInsight.smarty.hasCredentials';
export const HAS_PERSONS = 'imageInsight.smarty.hasPersons';

/** The ledger could not be read (a damaged file): one node saying so instead of the spaces. */
interface ProblemNode {
  kind: 'problem';
  message: string;
}
type ViewNode = SmartyNode | ProblemNode;

/** What the tree shows, as `imageInsight.smarty.refresh` returns it (for scripts and tests). */
export interface TreeSnapshot {
  label: string;
  description?: string;
  icon?: 'thumbnail' | 'codicon';
  children?: TreeSnapshot[];
}

export interface SmartyViewDeps {
  persons: () => SmartyPersonsApi;
  credentials: CredentialsService;
  log: Log;
  /** Where the thumbnails become files (tree icons are files). */
  thumbnailDir: string;
}

/**
 * The "Smarty Persons" view: spaces 0–9 → persons → enrolled images, read from the ledger of the
 * account whose credentials are stored now. Without credentials, or with no person yet, the tree
 * is empty and VS Code shows the matching welcome content (context keys above). The Smarty
 * bundle loads on the tree's first look, never at activation.
 */
export class SmartyView extends Disposable implements vscode.TreeDataProvider<ViewNode> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  /** The ledger read for the current generation of the tree; dropped on every refresh. */
  private ledger: Promise<Ledger> | undefined;

  constructor(private readonly deps: SmartyViewDeps) {
    super();
    this._register(vscode.window.registerTreeDataProvider('imageInsight.smarty', this));
    this._register(registerFailableCommand('imageInsight.smarty.refresh', vscode.l10n.t('Refresh'), deps.log, () => {
      this.refresh();
      return this.snapshot();
    }));
    this._register(deps.credentials.onDidChange((id) => (id === 'smarty' ? this.refresh() : undefined)));
    // Another endpoint is another account, with its own ledger.
    this._register(vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('imageInsight.smarty.endpoint') ? this.refresh() : undefined)));
    void this.updateCredentialsKey();
  }

  /** The ledger changed (an enroll, a delete, a truncate, an import) or the account did: the tree reads it again. */
  refresh(): void {
    this.ledger = undefined;
    void this.updateCredentialsKey();
    this.changed.fire();
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const t = vscode.l10n.t;
    if (node.kind === 'problem') {
      const item = new vscode.TreeItem(node.message);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.message;
      return item;
    }
    const item = new vscode.TreeItem(this.label(node));
    item.id = nodeId(node);
    item.contextValue = `smarty.${node.kind}`;
    if (node.kind === 'space') {
      item.description = t('{0} persons', node.persons);
      // An empty space is shown closed, so that the spaces with persons stand out.
      item.collapsibleState = node.persons > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      item.iconPath = new vscode.ThemeIcon(node.persons > 0 ? 'folder-library' : 'folder');
    } else if (node.kind === 'person') {
      item.description = t('{0} images', node.images);
      item.tooltip = t('Person {0} (tag person{0}) in space {1}', node.personId, node.space);
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
      item.iconPath = new vscode.ThemeIcon('person');
    } else {
      item.description = node.enrolledAt.slice(0, 10);
      item.tooltip = t('{0}, enrolled {1}', node.source, new Date(node.enrolledAt).toLocaleString(vscode.env.language));
      item.iconPath = this.thumbnailUri(node) ?? new vscode.ThemeIcon('file-media');
      const uri = vscode.Uri.parse(node.source, true);
      if (uri.scheme === 'file') item.resourceUri = uri;
      item.command = { command: 'vscode.open', title: t('Open'), arguments: [uri] };
    }
    return item;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node?.kind === 'problem') return [];
    if (!node) {
      const configured = await this.updateCredentialsKey();
      if (!configured) {
        await setContext(HAS_PERSONS, false);
        return [];
      }
    }
    let ledger: Ledger;
    try {
      ledger = await (this.ledger ??= this.deps.persons().ledger());
    } catch (error) {
      this.ledger = undefined;
      const message = this.deps.log.redact(messageOf(error));
      this.deps.log.error(message, error);
      return node ? [] : [{ kind: 'problem', message }];
    }
    if (!node) {
      const any = hasPersons(ledger);
      await setContext(HAS_PERSONS, any);
      if (!any) return [];
    }
    const children = childrenOf(ledger, node);
    await Promise.all(children.flatMap((child) => (child.kind === 'image' ? [this.writeThumbnail(child)] : [])));
    return children;
  }

  /** The whole tree as the view shows it, through `getChildren` and `getTreeItem`. */
  async snapshot(node?: ViewNode): Promise<TreeSnapshot[]> {
    const out: TreeSnapshot[] = [];
    for (const child of await this.getChildren(node)) {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const entry: TreeSnapshot = { label, ...(typeof item.description === 'string' ? { description: item.description } : {}) };
      if (child.kind === 'image') entry.icon = item.iconPath instanceof vscode.ThemeIcon ? 'codicon' : 'thumbnail';
      if (item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) entry.children = await this.snapshot(child);
      out.push(entry);
    }
    return out;
  }

  private label(node: SmartyNode): string {
    return node.kind === 'space' ? vscode.l10n.t('Space {0}', node.space) : node.label;
  }

  private async updateCredentialsKey(): Promise<boolean> {
    const configured = await this.deps.credentials.has('smarty');
    await setContext(HAS_CREDENTIALS, configured);
    return configured;
  }

  private thumbnailPath(node: SmartyNode & { kind: 'image' }): string | undefined {
    const file = node.thumbnail ? thumbnailFile(node.thumbnail) : undefined;
    return file ? path.join(this.deps.thumbnailDir, `${node.sha256}.${file.extension}`) : undefined;
  }

  private thumbnailUri(node: SmartyNode & { kind: 'image' }): vscode.Uri | undefined {
    const file = this.thumbnailPath(node);
    return file ? vscode.Uri.file(file) : undefined;
  }

  /** The thumbnail as a file named by the image's hash (so it is written once); a failure leaves the codicon. */
  private async writeThumbnail(node: SmartyNode & { kind: 'image' }): Promise<void> {
    const file = this.thumbnailPath(node);
    if (!file || !node.thumbnail) return;
    try {
      await fs.access(file);
    } catch {
      try {
        await fs.mkdir(this.deps.thumbnailDir, { recursive: true });
        await fs.writeFile(file, thumbnailFile(node.thumbnail)!.bytes);
      } catch (error) {
        delete node.thumbnail;
        this.deps.log.warn(`Smarty thumbnail not written: ${messageOf(error)}`);
      }
    }
  }
}

function setContext(key: string, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
