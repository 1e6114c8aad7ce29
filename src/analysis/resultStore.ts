import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import type { AnalysisResult } from '../shared/analysisResult';

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

  constructor(onDidAnalyze: vscode.Event<AnalysisResult>) {
    super();
    void vscode.commands.executeCommand('setContext', 'imageInsight.hasText', false);
    this._register(onDidAnalyze((result) => this.adopt(this.session(result))));
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
