import assert from 'node:assert/strict';
import { faceCrop, FACE_MARGIN, facePosition, facesToChoose } from '../../src/commands/faceCrop';
import { isUnknownFace } from '../../src/shared/analysisResult';
import { UserError } from '../../src/shared/errors';
import type { Polygon } from '../../src/shared/geometry';
import { formatOnly } from '../../src/shared/localize';

const box = (x: number, y: number, w: number, h: number): Polygon => [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }];
const picture = { width: 512, height: 480 };

describe('Enroll as Person…: from a face to the crop that is sent', () => {
  it('crops the face\'s box with a 25 % margin on each side', () => {
    assert.equal(FACE_MARGIN, 0.25);
    assert.deepEqual(faceCrop(box(200, 100, 100, 120), picture, formatOnly), { left: 175, top: 70, width: 150, height: 180 });
  });

  it('keeps the crop inside the picture, and takes a tilted polygon by its bounding box', () => {
    assert.deepEqual(faceCrop(box(0, 400, 100, 80), picture, formatOnly), { left: 0, top: 380, width: 125, height: 100 });
    const tilted: Polygon = [{ x: 250, y: 100 }, { x: 300, y: 150 }, { x: 250, y: 200 }, { x: 200, y: 150 }];
    assert.deepEqual(faceCrop(tilted, picture, formatOnly), { left: 175, top: 75, width: 150, height: 150 });
  });

  it('refuses a face outside the picture or too small to send', () => {
    assert.throws(() => faceCrop(box(600, 600, 50, 50), picture, formatOnly), UserError);
    assert.throws(() => faceCrop(box(10, 10, 2, 2), picture, formatOnly), /5×5/);
  });

  it('names where a face is, to tell several apart', () => {
    assert.equal(facePosition(box(10, 10, 50, 50), picture, formatOnly), 'top left');
    assert.equal(facePosition(box(230, 210, 50, 50), picture, formatOnly), 'middle');
    assert.equal(facePosition(box(450, 420, 60, 60), picture, formatOnly), 'bottom right');
    assert.equal(facePosition(box(500, 0, 50, 50), { width: 0, height: 0 }, formatOnly), 'middle');
  });

  it('offers the faces found in the same content only, left to right', () => {
    const known = { sha256: 'abc', polygons: [box(300, 10, 40, 40), box(20, 10, 40, 40)] };
    assert.deepEqual(facesToChoose(known, 'abc').map((p) => p[0]!.x), [20, 300]);
    assert.deepEqual(facesToChoose(known, 'changed'), [], 'the file changed since the faces were found');
    assert.deepEqual(facesToChoose(undefined, 'abc'), []);
  });

  it('tells the unknown faces of a recognize (Enroll as New Person…) from known persons and from other providers\' faces', () => {
    const persons = { features: ['persons' as const] };
    assert.equal(isUnknownFace(persons, { polygon: box(0, 0, 9, 9), person: { tag: 'unknown' } }), true);
    assert.equal(isUnknownFace(persons, { polygon: box(0, 0, 9, 9) }), true);
    assert.equal(isUnknownFace(persons, { polygon: box(0, 0, 9, 9), person: { tag: 'Ann', similarity: 0.9 } }), false);
    assert.equal(isUnknownFace({ features: ['faces' as const] }, { polygon: box(0, 0, 9, 9) }), false);
  });
});
