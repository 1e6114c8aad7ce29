import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import type { AnalysisResult } from '../shared/analysisResult';
import type { Polygon } from '../shared/geometry';

/** Faces found in an image: their polygons, and the hash of the content they were found in. */
export interface KnownFaces {
  readonly sha256: string;
  readonly polygons: readonly Polygon[];
}

/** How many images' faces are remembered. */
const MAX_KNOWN_FACES = 200;

/** A result and the user's corrections to its words (index in `allWords` order → text). */
export interface ResultSession {
  readonly result: AnalysisResult;
  readonly edits: Map<number, string>;
}

/**
 * Remembers the latest result with text, for "Insert Extracted Text", and keeps the
 * `imageInsight.hasText` context key (which shows that command in the palette) in step. A
 * result's corrections live in its session, shared with its results panel, so the command
 * inserts the corrected text.
 */
export class ResultStore extends Disposable {
  private last: ResultSession | undefined;
  private readonly sessions = new WeakMap<AnalysisResult, ResultSession>();
  /** The latest faces found in each image (by URI), with the content they were found in. */
  private readonly faces = new Map<string, KnownFaces>();

  constructor(onDidAnalyze: vscode.Event<AnalysisResult>) {
    super();
    void vscode.commands.executeCommand('setContext', 'imageInsight.hasText', false);
    this._register(onDidAnalyze((result) => {
      this.rememberFaces(result);
      this.adopt(this.session(result));
    }));
  }

  /** The faces the latest analysis of this image found, if any did (for Enroll as Person… without a face). */
  facesOf(uri: string): KnownFaces | undefined {
    return this.faces.get(uri);
  }

  private rememberFaces(result: AnalysisResult): void {
    // Only for a known content: a face is cropped only from the very image it was found in.
    if (!result.faces || result.faces.length === 0 || !result.image.sha256) return;
    this.faces.delete(result.image.uri);
    this.faces.set(result.image.uri, { sha256: result.image.sha256, polygons: result.faces.map((f) => f.polygon) });
    // A bounded memory: the oldest image is forgotten first (a Map keeps insertion order).
    if (this.faces.size > MAX_KNOWN_FACES) this.faces.delete(this.faces.keys().next().value!);
  }

  /** The session of a result (made on first use). */
  session(result: AnalysisResult): ResultSession {
    let session = this.sessions.get(result);
    if (!session) {
      session = { result, edits: new Map() };
      this.sessions.set(result, session);
    }
    return session;
  }

  /** Makes a session with text the latest (also one revived after a window reload). */
  adopt(session: ResultSession): void {
    this.sessions.set(session.result, session);
    if (!session.result.text) return;
    this.last = session;
    void vscode.commands.executeCommand('setContext', 'imageInsight.hasText', true);
  }

  get lastText(): ResultSession | undefined {
    return this.last;
  }
}
