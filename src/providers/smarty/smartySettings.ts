import { settingReaders, type SettingGetter } from '../../services/configSchema';

const SPACES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The `imageInsight.smarty.*` settings (read by the Smarty provider when it lands). */
export interface SmartySettings {
  endpoint: string;
  tokenEndpoint: string;
  oauthProvider: 'mcs' | 'mr';
  space: string;
  /** Smarty's per-image limit, in MB: it changed from 4 to 15 in 2023. */
  maxImageMB: number;
  /** Undocumented by VK; 5 requests/s is safe for a new account. */
  requestsPerSecond: number;
}

export function readSmartySettings(get: SettingGetter): SmartySettings {
  const { str, oneOf, num } = settingReaders(get);
  return {
    endpoint: str('smarty.endpoint', 'https://smarty.mail.ru', true),
    tokenEndpoint: str('smarty.tokenEndpoint', 'https://mcs.mail.ru/auth/oauth/v1/token', true),
    oauthProvider: oneOf('smarty.oauthProvider', ['mcs', 'mr'], 'mcs'),
    space: oneOf('smarty.space', SPACES, '0'),
    maxImageMB: num('smarty.maxImageMB', 15, 1, 100),
    requestsPerSecond: num('smarty.requestsPerSecond', 5, 0.1, 1000),
  };
}
