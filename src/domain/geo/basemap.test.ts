import { describe, expect, it } from 'vitest';
import { basemapFromEnv, basemapImageSources, localTileFile, NO_BASEMAP, TIANDITU_ATTRIBUTION } from './basemap.js';

describe('basemapFromEnv', () => {
  it('without settings: no tiles, the plain background', () => {
    expect(basemapFromEnv({})).toEqual(NO_BASEMAP);
  });

  it('天地图 with the key: the vector map and its labels, WGS-84, the 天地图 mark plus the 审图号', () => {
    const b = basemapFromEnv({ TIANDITU_KEY: 'abc123', BASEMAP_ATTRIBUTION: '审图号：GS(2025)1508号' });
    expect(b.provider).toBe('tianditu');
    expect(b.coordSystem).toBe('wgs84');
    expect(b.layers.map((l) => new URL(l.url.replace('{s}', '0')).searchParams.get('LAYER'))).toEqual(['vec', 'cva']);
    expect(b.layers[0]?.url).toContain('tk=abc123');
    expect(b.layers[0]?.url).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    expect(b.layers[0]?.subdomains).toHaveLength(8);
    expect(b.layers[0]?.attribution).toBe(`${TIANDITU_ATTRIBUTION} 审图号：GS(2025)1508号`);
    expect(basemapFromEnv({ TIANDITU_KEY: 'k', TIANDITU_STYLE: 'img' }).layers[1]?.url).toContain('LAYER=cia');
    expect(() => basemapFromEnv({ TIANDITU_KEY: 'k', TIANDITU_STYLE: 'satellite' })).toThrow(/TIANDITU_STYLE/);
  });

  it('a URL template: GCJ-02 when the provider draws in it, the attribution required', () => {
    const b = basemapFromEnv({
      BASEMAP_URL: 'https://wprd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}&style=7',
      BASEMAP_SUBDOMAINS: '1234',
      BASEMAP_CRS: 'GCJ-02',
      BASEMAP_ATTRIBUTION: '© 高德地图',
      BASEMAP_MAX_ZOOM: '18',
    });
    expect(b).toMatchObject({ provider: 'custom', coordSystem: 'gcj02' });
    expect(b.layers[0]).toMatchObject({ subdomains: ['1', '2', '3', '4'], attribution: '© 高德地图', maxZoom: 18 });
    expect(() => basemapFromEnv({ BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png' })).toThrow(
      /BASEMAP_ATTRIBUTION/,
    );
    expect(() =>
      basemapFromEnv({ BASEMAP_URL: 'https://tiles.example.cn/tile.png', BASEMAP_ATTRIBUTION: 'x' }),
    ).toThrow(/\{z\}/);
    expect(() => basemapFromEnv({ BASEMAP_URL: '/t/{z}/{x}/{y}.png', BASEMAP_CRS: 'bd09' })).toThrow(/百度/);
    // Tiles behind the same nginx need no notice of a third party.
    expect(
      basemapFromEnv({ BASEMAP_URL: '/tiles/{z}/{x}/{y}.png', BASEMAP_SUBDOMAINS: 'a,b' }).layers[0],
    ).toMatchObject({
      url: '/tiles/{z}/{x}/{y}.png',
      subdomains: ['a', 'b'],
    });
  });

  it('a directory of tiles the server serves', () => {
    const b = basemapFromEnv({ BASEMAP_DIR: '/srv/tiles', BASEMAP_DIR_FORMAT: 'jpg' });
    expect(b).toMatchObject({ provider: 'local', coordSystem: 'wgs84' });
    expect(b.layers[0]?.url).toBe('/api/basemap/tiles/{z}/{x}/{y}.jpg');
    expect(() => basemapFromEnv({ BASEMAP_DIR: '/srv/tiles', BASEMAP_MAX_ZOOM: '30' })).toThrow(/BASEMAP_MAX_ZOOM/);
  });

  it('local tile paths are whole numbers only', () => {
    expect(localTileFile('12', '3401', '1702.png')).toEqual({ path: '12/3401/1702.png', type: 'image/png' });
    expect(localTileFile('12', '3401', '1702.jpg')?.type).toBe('image/jpeg');
    expect(localTileFile('..', '3401', '1702.png')).toBeNull();
    expect(localTileFile('12', '3401', '..%2F1702.png')).toBeNull();
    expect(localTileFile('12', '3401', '1702.svg')).toBeNull();
  });
});

describe('basemapImageSources', () => {
  it('lists each tile origin for the Content-Security-Policy, none for tiles on this server', () => {
    expect(basemapImageSources(basemapFromEnv({ TIANDITU_KEY: 'k' }))).toEqual(
      ['0', '1', '2', '3', '4', '5', '6', '7'].map((s) => `https://t${s}.tianditu.gov.cn`),
    );
    expect(
      basemapImageSources(
        basemapFromEnv({ BASEMAP_URL: 'http://127.0.0.1:8111/{z}/{x}/{y}.png', BASEMAP_ATTRIBUTION: '本机' }),
      ),
    ).toEqual(['http://127.0.0.1:8111']);
    expect(basemapImageSources(basemapFromEnv({ BASEMAP_DIR: '/srv/tiles' }))).toEqual([]);
    expect(basemapImageSources(basemapFromEnv({}))).toEqual([]);
  });
});
