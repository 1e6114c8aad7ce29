import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeNonImage, sniffFormat } from '../../src/images/formats';
import { makeJpegHeader, makePng } from './imageBuilders';

const SAMPLES = path.resolve(__dirname, '../../../samples');
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'binary'));

describe('sniffFormat (magic bytes, never the name)', () => {
  it('recognizes the sample photos and scans', () => {
    assert.equal(sniffFormat(fs.readFileSync(path.join(SAMPLES, 'fruits.jpg'))), 'jpeg');
    assert.equal(sniffFormat(fs.readFileSync(path.join(SAMPLES, 'imageTextN.png'))), 'png');
  });

  it('recognizes every supported and every merely recognized format', () => {
    const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(30)]);
    const ftyp = (major: string, ...compatible: string[]) => {
      const brands = Buffer.from([major, '\0\0\0\0', ...compatible].join(''), 'binary');
      const size = Buffer.alloc(4);
      size.writeUInt32BE(8 + brands.length);
      return Buffer.concat([size, Buffer.from('ftyp'), brands]);
    };
    const cases: Array<[Uint8Array, string]> = [
      [makeJpegHeader(10, 10), 'jpeg'],
      [makePng(2, 2), 'png'],
      [ascii('GIF89a\x01\x00\x01\x00'), 'gif'],
      [ascii('GIF87a\x01\x00\x01\x00'), 'gif'],
      [riff, 'webp'],
      [bmp, 'bmp'],
      [ascii('II*\x00\x08\x00\x00\x00'), 'tiff'],
      [ascii('MM\x00*\x00\x00\x00\x08'), 'tiff'],
      [ascii('%PDF-1.7\n'), 'pdf'],
      [ftyp('heic', 'mif1', 'heic'), 'heic'],
      [ftyp('mif1', 'heic'), 'heic'],
      [ftyp('avif', 'mif1', 'miaf'), 'avif'],
      [ftyp('mif1', 'avif', 'miaf'), 'avif'],
      [ascii('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
      [new Uint8Array(Buffer.from('\uFEFF  <svg width="1" height="1"></svg>', 'utf8')), 'svg'],
    ];
    for (const [bytes, format] of cases) assert.equal(sniffFormat(bytes), format, format);
  });

  it('recognizes nothing in text, HTML, MP4 or truncated signatures', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('ftypisom\0\0\0\0')]);
    for (const bytes of [ascii('hello'), ascii('<!DOCTYPE html><html><body><svg></svg></body></html>'), mp4, ascii('\x89PN'), ascii('\xff\xd8'), new Uint8Array()]) {
      assert.equal(sniffFormat(bytes), undefined);
    }
  });
});

describe('describeNonImage', () => {
  it('tells text, HTML, XML and binary apart', () => {
    assert.equal(describeNonImage(new Uint8Array()), 'empty');
    assert.equal(describeNonImage(ascii('just some notes\nline two\n')), 'text');
    assert.equal(describeNonImage(ascii('<!doctype html><title>x</title>')), 'html');
    assert.equal(describeNonImage(ascii('<html lang="en">')), 'html');
    assert.equal(describeNonImage(ascii('<?xml version="1.0"?><a/>')), 'xml');
    assert.equal(describeNonImage(new Uint8Array([0, 1, 2, 200, 3])), 'binary');
    assert.equal(describeNonImage(new Uint8Array(Buffer.from('Привет, мир', 'utf8'))), 'text');
  });
});
