// Demo video events (demo mode only, after the seed): a camera registry for the first street's grids, and a
// handful of events pushed through the service as the demo platform's API key would — two sightings of the
// same stall joined into one case, a confirmed overflowing bin handled at the grid, a false alarm dismissed
// by the grid worker, one event waiting at 核实 for the `grid` account. Fast: a few rows, tiny snapshots.
import sharp from 'sharp';
import type { AppServices } from '../../services.js';
import type { Principal } from '../auth/principal.js';
import { DEMO_VIDEO_KEY } from '../hotline/demo-keys.js';

const DEMO_PASSWORD = 'demo1234';
const MINUTE = 60_000;

const snapshots = new Map<string, Promise<string>>();
function snapshot(color: string): Promise<string> {
  const made = snapshots.get(color) ?? drawSnapshot(color);
  snapshots.set(color, made);
  return made;
}

async function drawSnapshot(color: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="${color}"/><rect x="110" y="60" width="100" height="70" fill="#ddd" stroke="#f33" stroke-width="4"/></svg>`;
  return (await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer()).toString('base64');
}

async function signIn(services: AppServices, username: string): Promise<Principal> {
  const session = await services.auth.loginWithPassword(username, DEMO_PASSWORD);
  const principal = await services.auth.principalForSession(session.token);
  await services.auth.logout(session.token);
  return principal;
}

export async function seedDemoVideo(services: AppServices): Promise<{ cameras: number; events: number }> {
  const { db } = services;
  const town = await signIn(services, 'town');
  const grid = await signIn(services, 'grid');
  const platform = await services.auth.principalForApiKey(DEMO_VIDEO_KEY);
  const grids = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'center_lat', 'center_lng'])
    .where('kind', '=', 'grid')
    .where('path', 'like', `${town.scopePath}%`)
    .where('center_lat', 'is not', null)
    .orderBy('code')
    .limit(4)
    .execute();
  const home = grids.find((g) => g.id === grid.orgId) ?? grids[0];
  if (!home) return { cameras: 0, events: 0 };
  const others = grids.filter((g) => g.id !== home.id);
  const spot = (g: { center_lat: number | null; center_lng: number | null }, d = 0) => ({
    lat: Number(g.center_lat) + d,
    lng: Number(g.center_lng) + d,
  });
  const cameras = [
    { code: 'QX-CAM-001', name: `${home.name}文昌路口东`, ...spot(home), platform: '雪亮工程平台' },
    { code: 'QX-CAM-002', name: `${home.name}农贸市场北门`, ...spot(home, 0.0002), platform: '雪亮工程平台' },
    ...others.map((g, i) => ({
      code: `QX-CAM-${String(i + 3).padStart(3, '0')}`,
      name: `${g.name}主干道`,
      ...spot(g),
      platform: '城管智能分析平台',
    })),
  ];
  for (const c of cameras) await services.video.createCamera(town, c);

  const now = services.clock.now().getTime();
  const events: [string, string, number, number, string][] = [
    // [eventId, type, camera index, minutes ago, snapshot colour]
    ['DEMO-EV-0001', '垃圾满溢', 1, 300, '#4a6'],
    ['DEMO-EV-0002', '烟火', 0, 240, '#a64'],
    ['DEMO-EV-0003', '占道经营', 0, 50, '#468'],
    ['DEMO-EV-0004', '占道经营', 0, 38, '#468'],
    ['DEMO-EV-0005', '违停', 2, 90, '#666'],
    ['DEMO-EV-0006', '违停', 2, 20, '#666'],
  ];
  const caseOf = new Map<string, number>();
  let pushed = 0;
  for (const [eventId, type, index, ago, color] of events) {
    const camera = cameras[index] ?? (cameras[0] as (typeof cameras)[number]);
    const receipt = await services.video.receive(
      {
        eventId,
        type,
        cameraId: camera.code,
        lat: camera.lat,
        lng: camera.lng,
        detectedAt: new Date(now - ago * MINUTE).toISOString(),
        snapshot: await snapshot(color),
        confidence: 0.78 + (pushed % 4) * 0.05,
      },
      platform,
    );
    caseOf.set(eventId, receipt.caseId);
    pushed++;
  }
  // The grid worker confirms the bin and handles it on the spot; the "smoke" was a false alarm.
  const act = async (caseId: number | undefined, action: Record<string, unknown>) => {
    if (!caseId) return;
    const current = await services.cases.get(caseId, grid);
    await services.cases.act(caseId, { version: current.version, action }, grid);
  };
  await act(caseOf.get('DEMO-EV-0001'), { type: 'verify', finding: 'confirmed', notes: '现场垃圾桶满溢，属实' });
  await act(caseOf.get('DEMO-EV-0001'), { type: 'handleAtGrid', notes: '已通知保洁员清运完毕' });
  await act(caseOf.get('DEMO-EV-0002'), {
    type: 'verify',
    finding: 'not_confirmed',
    notes: '误报：店家蒸笼冒出的蒸汽，非烟火',
  });
  return { cameras: cameras.length, events: pushed };
}
