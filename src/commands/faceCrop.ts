import type { CropRect } from '../providers/smarty/smartyPersonsApi';
import { UserError } from '../shared/errors';
import { boundingBox, type Polygon } from '../shared/geometry';
import type { Localize } from '../shared/localize';

/**
 * The face → crop path of Enroll as Person…, pure so that unit tests need no VS Code: the crop
 * around a face, and where a face is in the picture (to tell several apart in a quick pick).
 */

/** A face crop's margin on each side, as a share of the face's box: the model wants some head and hair around the face. */
export const FACE_MARGIN = 0.25;

interface Size {
  width: number;
  height: number;
}

/** The face's box with a margin on each side, inside the picture. */
export function faceCrop(face: Polygon, size: Size, t: Localize): CropRect {
  const box = boundingBox(face);
  const left = Math.max(0, box.x - box.width * FACE_MARGIN);
  const top = Math.max(0, box.y - box.height * FACE_MARGIN);
  const right = Math.min(size.width, box.x + box.width * (1 + FACE_MARGIN));
  const bottom = Math.min(size.height, box.y + box.height * (1 + FACE_MARGIN));
  if (right - left < 5 || bottom - top < 5) throw new UserError(t('The face to enroll is outside the image or smaller than 5×5 pixels.'));
  return { left, top, width: right - left, height: bottom - top };
}

/** Where a face is, in words a quick pick can show: "top left", "middle", "bottom right"… */
export function facePosition(face: Polygon, size: Size, t: Localize): string {
  const box = boundingBox(face);
  const third = (centre: number, extent: number) => (extent <= 0 ? 1 : Math.min(2, Math.max(0, Math.floor((centre / extent) * 3))));
  const column = third(box.x + box.width / 2, size.width);
  const row = third(box.y + box.height / 2, size.height);
  const names = [
    [t('top left'), t('top'), t('top right')],
    [t('left'), t('middle'), t('right')],
    [t('bottom left'), t('bottom'), t('bottom right')],
  ];
  return names[row]![column]!;
}

/** The faces known for this content (the latest analysis of the same bytes), left to right. */
export function facesToChoose(known: { sha256: string; polygons: readonly Polygon[] } | undefined, sha256: string): Polygon[] {
  if (!known || known.sha256 !== sha256) return [];
  return [...known.polygons].sort((a, b) => boundingBox(a).x - boundingBox(b).x);
}
