// A tile server on this machine for the base-map browser tests (issue 20): one PNG made from `svg`, served for
// every /z/x/y.png (as a county's own tile server would), each request told to `onTile`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface TileServer {
  /** The URL template to configure as BASEMAP_URL. */
  template: string;
  close(): Promise<void>;
}

export async function startTileServer(
  svg: string,
  onTile: (tile: { z: number; x: number; y: number }) => void = () => {},
): Promise<TileServer> {
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const server = http.createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    onTile({ z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) });
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
