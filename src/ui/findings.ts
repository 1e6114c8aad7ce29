/**
 * What the panel draws and lists, built from the result the host sent: one `Finding` per text
 * item (at the three levels), face, label and copy, each with its key (`kind` + `index` in the
 * host's own arrays, so a message about it needs nothing else), its outline when it has one,
 * and the texts the tooltip and the list show.
 */
import { allWords, LABEL_GROUPS, type AnalysisResult, type Face, type Label, type LabelGroup } from '../shared/analysisResult';
import { boundingBox, type Point, type Polygon } from '../shared/geometry';
import { formatUi, type UiStrings } from '../shared/uiStrings';
import { textItems, type TextItem } from '../shared/textItems';
import type { TextLevel } from '../shared/protocol';

export type FindingKind = TextLevel | 'face' | 'label' | 'copy';

export interface Finding {
  kind: FindingKind;
  index: number;
  /** The main text: a word, a person tag, a label name, a page title. */
  text: string;
  /** Extra facts shown after the text (confidence, age, score). */
  detail?: string;
  polygon?: Polygon;
  confidence?: number;
  /** Below the user's confidence threshold: dimmed. */
  low?: boolean;
  edited?: boolean;
  /** Faces: landmark points. */
  landmarks?: Point[];
}

const percent = (value: number) => Math.round(value * 100);
/** Google's likelihood enum as words: `VERY_LIKELY` → "very likely". */
const likelihoodText = (likelihood: string) => likelihood.toLowerCase().replace(/_/g, ' ');

export function textFindings(result: AnalysisResult, edits: ReadonlyMap<number, string>, lowConfidence: number): Record<TextLevel, Finding[]> {
  const items = textItems(result.text, edits);
  // No `detail` here: a word's confidence is put into words when it is shown (`describe`), not
  // for every one of thousands up front.
  const toFinding = (kind: TextLevel) => (item: TextItem, index: number): Finding => ({
    kind,
    index,
    text: item.text,
    polygon: item.polygon,
    confidence: item.confidence,
    low: item.confidence !== undefined && item.confidence < lowConfidence,
    edited: item.edited,
  });
  return { block: items.block.map(toFinding('block')), line: items.line.map(toFinding('line')), word: items.word.map(toFinding('word')) };
}

/** A finding's details: its own, or the confidence of a text item. */
export function describe(finding: Finding, strings: UiStrings): string | undefined {
  if (finding.detail !== undefined) return finding.detail;
  return finding.confidence === undefined ? undefined : formatUi(strings.confidence, percent(finding.confidence));
}

/** Chips for a face: age, sex, emotion, Google's likelihoods that are at least POSSIBLE. */
export function faceChips(face: Face, strings: UiStrings): string[] {
  const chips: string[] = [];
  const a = face.attributes;
  if (a?.age !== undefined) chips.push(formatUi(strings.age, Math.round(a.age)));
  if (a?.sex) chips.push(a.sex);
  if (a?.emotion) chips.push(a.emotion);
  for (const [name, likelihood] of Object.entries(a?.likelihoods ?? {})) {
    if (/^(POSSIBLE|LIKELY|VERY_LIKELY)$/.test(likelihood)) chips.push(`${name}: ${likelihoodText(likelihood)}`);
  }
  if (a?.angles) chips.push(formatUi(strings.angles, Math.round(a.angles.roll), Math.round(a.angles.pan), Math.round(a.angles.tilt)));
  if (face.confidence !== undefined) chips.push(formatUi(strings.confidence, percent(face.confidence)));
  return chips;
}

export function faceFindings(result: AnalysisResult, strings: UiStrings): Finding[] {
  return (result.faces ?? []).map((face, index) => {
    const person = face.person;
    const name =
      person && person.tag !== '' && person.tag !== 'undefined'
        ? person.similarity === undefined
          ? person.tag
          : formatUi(strings.person, person.tag, percent(person.similarity))
        : formatUi(strings.face, index + 1);
    return { kind: 'face', index, text: name, detail: faceChips(face, strings).join(' · '), polygon: face.polygon, confidence: face.confidence, landmarks: face.landmarks };
  });
}

/** Labels by group, each ranked by score (the index stays the one in `result.labels`). */
export function labelFindings(result: AnalysisResult): Record<LabelGroup, Finding[]> {
  const groups = Object.fromEntries(LABEL_GROUPS.map((group) => [group, [] as Finding[]])) as Record<LabelGroup, Finding[]>;
  (result.labels ?? []).forEach((label: Label, index) => {
    // Scores are mostly probabilities; Google's web entities are relevance scores that pass 1;
    // a verdict the provider gave in words (safe search) is shown in its words.
    const detail = label.likelihood !== undefined ? likelihoodText(label.likelihood) : label.score <= 1 ? `${percent(label.score)} %` : label.score.toFixed(2);
    groups[label.group]?.push({ kind: 'label', index, text: label.name, detail, polygon: label.polygon, confidence: label.score });
  });
  for (const list of Object.values(groups)) list.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0));
  return groups;
}

/** The size of the picture the polygons are drawn in: the result's, else its pages', else as far as the polygons reach. */
export function pictureSize(result: AnalysisResult): { width: number; height: number } {
  if (result.image.width > 0 && result.image.height > 0) return { width: result.image.width, height: result.image.height };
  const page = result.text?.pages.find((p) => p.width > 0 && p.height > 0);
  if (page) return { width: page.width, height: page.height };
  const polygons = [...(result.faces ?? []).map((f) => f.polygon), ...(result.labels ?? []).map((l) => l.polygon), ...(result.text ? allWords(result.text).map((w) => w.polygon) : [])];
  // From the origin (the picture's corner) to the far edge of them all, and never less than a pixel.
  const extent = boundingBox(polygons.flatMap((polygon) => polygon ?? []));
  return { width: Math.max(1, extent.x + extent.width), height: Math.max(1, extent.y + extent.height) };
}
