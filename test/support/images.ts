// Small real images for upload tests: a PNG encoded here (zlib + CRC-32 from node:zlib), no fixtures needed.
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A width×height RGB PNG: a diagonal gradient in the given tint, so two images differ byte for byte. */
export function makePng(width = 64, height = 48, tint: [number, number, number] = [183, 40, 46]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const shade = (x + y) / (width + height);
      raw[row + 1 + x * 3] = Math.round(tint[0] * shade + 255 * (1 - shade));
      raw[row + 2 + x * 3] = Math.round(tint[1] * shade + 255 * (1 - shade));
      raw[row + 3 + x * 3] = Math.round(tint[2] * shade + 255 * (1 - shade));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(filename: string, content: Buffer, mime = 'image/png') {
  const boundary = `----gongzhi-${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
