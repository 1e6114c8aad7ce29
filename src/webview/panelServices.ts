import type * as vscode from 'vscode';
import type { EditorTarget } from '../analysis/editorTarget';
import type { ImagePreparer } from '../images/preparer';
import type { ConfigService } from '../services/config';
import type { SecretStore } from '../services/credentials';
import type { StateSeal } from '../services/stateSeal';
import type { Log } from '../services/log';

/** What results panels need from the rest of the extension. */
export interface PanelServices {
  readonly extensionUri: vscode.Uri;
  /** Where display copies of large or TIFF images go (the extension's global storage). */
  readonly displayFolder: vscode.Uri;
  readonly preparer: ImagePreparer;
  readonly config: ConfigService;
  readonly editors: EditorTarget;
  readonly log: Log;
  /** SecretStorage: the key that seals a panel's saved state (services/stateSeal.ts). */
  readonly secrets: SecretStore;
}

/** What each panel gets: the services plus the one seal its window's panels share. */
export interface PanelHostServices extends PanelServices {
  readonly seal: StateSeal;
}
