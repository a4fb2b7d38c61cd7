import { describe, expect, it } from 'vitest';
import { jpegWithExif, uprightTiff } from './jpeg-exif.js';

/** A TIFF block with IFD0 holding Orientation = 6 (and one other tag), in either byte order. */
function tiff(little: boolean): Buffer {
  const b = Buffer.alloc(8 + 2 + 2 * 12 + 4);
  const u16 = (v: number, o: number) => (little ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (little ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  b.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(2, 8);
  // ImageWidth (0x0100) LONG 1 = 480, then Orientation (0x0112) SHORT 1 = 6.
  u16(0x0100, 10);
  u16(4, 12);
  u32(1, 14);
  u32(480, 18);
  u16(0x0112, 22);
  u16(3, 24);
  u32(1, 26);
  u16(6, 30);
  return b;
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]);

describe('jpegWithExif', () => {
  it('inserts an APP1 Exif segment after SOI, with the orientation reset to 1', () => {
    for (const little of [true, false]) {
      const out = jpegWithExif(JPEG, tiff(little));
      expect([...out.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe1]);
      expect(out.readUInt16BE(4)).toBe(2 + 6 + tiff(little).length);
      expect(out.toString('latin1', 6, 12)).toBe('Exif\0\0');
      const block = out.subarray(12, 12 + tiff(little).length);
      const orientation = little ? block.readUInt16LE(30) : block.readUInt16BE(30);
      expect(orientation).toBe(1);
      expect(little ? block.readUInt32LE(18) : block.readUInt32BE(18)).toBe(480);
      expect(out.subarray(12 + block.length).equals(JPEG.subarray(2))).toBe(true);
    }
  });
  it('accepts a block that already starts with Exif\\0\\0 and leaves its input untouched', () => {
    const t = tiff(true);
    const out = jpegWithExif(JPEG, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));
    expect(out.toString('latin1', 6, 14)).toBe('Exif\0\0II');
    expect(t.readUInt16LE(30)).toBe(6);
    expect(uprightTiff(t).readUInt16LE(30)).toBe(1);
  });
  it('answers the JPEG unchanged without a usable block or when it would not fit a segment', () => {
    expect(jpegWithExif(JPEG, undefined)).toBe(JPEG);
    expect(jpegWithExif(JPEG, Buffer.from('not a tiff block'))).toBe(JPEG);
    expect(jpegWithExif(JPEG, Buffer.concat([tiff(true), Buffer.alloc(70_000)]))).toBe(JPEG);
    expect(jpegWithExif(Buffer.from('GIF89a'), tiff(true)).toString('latin1')).toBe('GIF89a');
  });
});
