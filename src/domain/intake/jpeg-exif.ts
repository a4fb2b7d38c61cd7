// Carries a photo's EXIF block (camera, time, GPS position) over to a JPEG made from its pixels — the staff copy
// of a converted HEIC photo keeps what the phone recorded, as the staff copy of a JPEG does. The pixels are
// already turned upright, so the Orientation tag is reset to 1 lest viewers turn them a second time.

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The TIFF structure of an EXIF block, whether or not it starts with "Exif\0\0"; null when it is not one. */
function tiffOf(exif: Buffer): Buffer | null {
  const tiff = exif.subarray(0, 6).equals(EXIF_HEADER) ? exif.subarray(6) : exif;
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  return tiff;
}

/** A copy of the TIFF block with IFD0's Orientation set to 1 (top-left). */
export function uprightTiff(tiff: Buffer): Buffer {
  const t = Buffer.from(tiff);
  const little = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (little ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (little ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return t;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > t.length) break;
    if (u16(at) === ORIENTATION_TAG && u16(at + 2) === SHORT) {
      if (little) t.writeUInt16LE(1, at + 8);
      else t.writeUInt16BE(1, at + 8);
    }
  }
  return t;
}

/**
 * The JPEG with the EXIF block inserted as an APP1 segment right after its start marker. Answers the JPEG
 * unchanged when there is no usable block or it would not fit one segment (64 KB).
 */
export function jpegWithExif(jpeg: Buffer, exif: Buffer | undefined | null): Buffer {
  if (!exif || jpeg.length < 2 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const tiff = tiffOf(exif);
  if (!tiff) return jpeg;
  const length = 2 + EXIF_HEADER.length + tiff.length;
  if (length > 0xffff) return jpeg;
  const marker = Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), marker, EXIF_HEADER, uprightTiff(tiff), jpeg.subarray(2)]);
}
