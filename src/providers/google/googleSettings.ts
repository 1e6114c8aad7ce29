import { settingReaders, type SettingGetter } from '../../services/configSchema';

/** The `imageInsight.google.*` settings (read by the Google provider when it lands). */
export interface GoogleSettings {
  endpoint: string;
  location: '' | 'us' | 'eu' | 'asia';
  projectId: string;
  textFeature: 'TEXT_DETECTION' | 'DOCUMENT_TEXT_DETECTION';
}

export function readGoogleSettings(get: SettingGetter): GoogleSettings {
  const { str, oneOf } = settingReaders(get);
  return {
    endpoint: str('google.endpoint', 'https://vision.googleapis.com', true),
    location: oneOf('google.location', ['', 'us', 'eu', 'asia'], ''),
    projectId: str('google.projectId', ''),
    textFeature: oneOf('google.textFeature', ['TEXT_DETECTION', 'DOCUMENT_TEXT_DETECTION'], 'DOCUMENT_TEXT_DETECTION'),
  };
}
