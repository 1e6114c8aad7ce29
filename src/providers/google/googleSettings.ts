import { settingReaders, type SettingGetter } from '../../services/configSchema';

/** The `imageInsight.google.*` settings, and the request timeout every cloud provider shares. */
export interface GoogleSettings {
  endpoint: string;
  location: '' | 'us' | 'eu' | 'asia';
  projectId: string;
  textFeature: 'TEXT_DETECTION' | 'DOCUMENT_TEXT_DETECTION';
  timeoutSeconds: number;
  /** The project's quota (1,800 requests a minute by default). */
  requestsPerMinute: number;
}

export function readGoogleSettings(get: SettingGetter): GoogleSettings {
  const { str, oneOf, num } = settingReaders(get);
  return {
    endpoint: str('google.endpoint', 'https://vision.googleapis.com', true),
    location: oneOf('google.location', ['', 'us', 'eu', 'asia'], ''),
    projectId: str('google.projectId', ''),
    textFeature: oneOf('google.textFeature', ['TEXT_DETECTION', 'DOCUMENT_TEXT_DETECTION'], 'DOCUMENT_TEXT_DETECTION'),
    timeoutSeconds: num('request.timeoutSeconds', 60, 1, 600),
    requestsPerMinute: num('google.requestsPerMinute', 1800, 1, 100_000),
  };
}

/**
 * A project ID as Google makes them (6–30 lowercase letters, digits and hyphens, starting with a
 * letter; older ones carry a `domain:` prefix) or a project number. Here rather than in the
 * request builder: the descriptor's prompt checks it at activation-cheap cost.
 */
export const PROJECT_ID = /^(?:(?:[a-z0-9-]+\.)+[a-z]{2,}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$|^\d{1,20}$/;
