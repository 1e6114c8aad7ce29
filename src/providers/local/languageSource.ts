import type { CancellationLike } from '../../shared/cancellation';

/** Where the language data comes from (languageData.ts; a bundled-only stand-in in tests). */
export interface LanguageSource {
  /** Tesseract codes for the user's language setting (`*` = detect, ISO 639-1 codes). */
  codes(languages: string[]): string[];
  /** The directory holding every one of them, fetched first when missing. */
  ensure(codes: string[], token: CancellationLike): Promise<string>;
  /**
   * The engine could not load these languages' files: forget them (delete the files), so that the
   * next `ensure` fetches them again instead of handing the same file to the engine forever.
   */
  invalidate(codes: string[]): Promise<void>;
}
