import type { ProviderLimits } from '../images/limits';
import type { SettingGetter } from '../services/configSchema';
import type { CredentialForm, Credentials, RequiredSetting } from '../services/credentialShapes';
import type { FeatureId } from '../shared/analysisResult';
import type { Localize } from '../shared/localize';
import type { Fitter } from './kit/imageRunner';
import type { Scheduler } from './kit/scheduler';
import type { LanguageSource } from './local/languageSource';
import type { BuiltinProviderId, ProviderEngine } from './types';

/**
 * Everything the extension knows about one built-in provider, in one place: each provider's
 * folder exports one (`<id>/descriptor.ts`) and `builtinProviders.ts` lists them. The descriptor
 * itself is small and loads at activation; `create` loads the provider's working half from its
 * own bundle on the first request.
 */
export interface ProviderDescriptor {
  readonly id: BuiltinProviderId;
  /** The provider's name in menus and messages. */
  name(t: Localize): string;
  /** Images never leave the computer (Local): no confirmation is asked before sending one. */
  readonly offline?: boolean;
  /** The features it offers (what "Analyze Image…" lists, what the capability check allows). */
  readonly features: readonly FeatureId[];
  /** The credentials it takes; none = it needs none (the single source of "needs credentials"). */
  readonly credentialForms: readonly CredentialForm[];
  /** What each of its APIs accepts, by a name of the provider's own. */
  readonly limits: Readonly<Record<string, ProviderLimits>>;
  /** Its settings live under `imageInsight.<settingsSection>.`. */
  readonly settingsSection: string;
  /** Reads them, typed, with the defaults package.json declares (a unit test holds the two together). */
  readSettings(get: SettingGetter): object;
  /**
   * A setting the current settings cannot work without (Google: a location needs a project),
   * asked for once when empty, like a credential form's `requires`.
   */
  readonly requiresSetting?: (get: SettingGetter) => RequiredSetting | undefined;
  /** Its working half; absent while the provider is not in this version (listed, not offered). */
  readonly create?: (deps: ProviderDeps) => ProviderEngine;
}

/** What the extension gives a provider's working half. No `vscode`: the bench and tests drive it in Node. */
export interface ProviderDeps {
  t: Localize;
  /** Reads `imageInsight.<key>` as it is now, so a settings change applies to the next request. */
  setting: SettingGetter;
  credentials: { get(providerId: string): Promise<Credentials | undefined> };
  /** Fits images to a request's limits (the image worker). */
  preparer: Fitter;
  /** The extension's dist/ folder, where the lazily loaded bundles and the OCR engine are. */
  distPath: string;
  /** The Local provider's language data. */
  languages: LanguageSource;
  /** Removes every secret from text before it reaches a message or the log. */
  redact(text: string): string;
  /** A line for the log (debug level). */
  log(line: string): void;
  /** The window's request scheduler, shared by every analysis; absent: each run schedules its own (tests, the bench). */
  scheduler?: Scheduler;
}
