// Drawing a round's sample with quotas per town or village, reproducibly: the same frame, quotas and seed give
// the same people, whatever order the database returned the frame in. Each quota draws with its own stream
// (seed and the quota's unit), so changing one quota does not reshuffle the others. A quota the frame cannot
// fill takes everyone there and reports the shortfall.
// The generator is the project's one seeded generator (pure, no dependencies), the demo county's too.
import { mulberry32 } from '../../db/seed/random.js';
import { err, ok, type Result } from '../result.js';
import type { SurveyRuleError } from './types.js';

export { mulberry32 };

export interface FramePerson {
  /** stable identity in the frame ('u:12' a citizen account, 'g:345' a person of the grid base data) */
  key: string;
  townId: number;
  villageId: number;
}

export interface Quota {
  level: 'town' | 'village';
  orgId: number;
  size: number;
}

export interface QuotaOutcome extends Quota {
  available: number;
  drawn: number;
  shortfall: number;
}

export interface Draw<P extends FramePerson> {
  people: P[];
  quotas: QuotaOutcome[];
}

const MAX_QUOTA = 10_000;

/**
 * Quotas as a round keeps them: sizes 1…10,000, one per unit, and no village quota inside a town that has one
 * (the town's quota already decides its villages). townOfVillage names each village's town.
 */
export function checkQuotas(
  raw: readonly Quota[],
  townOfVillage: ReadonlyMap<number, number>,
  towns: ReadonlySet<number>,
): Result<Quota[], SurveyRuleError> {
  if (raw.length === 0) return err({ field: 'quotas', message: '请至少设置一个镇街或村社区的样本配额' });
  const seen = new Set<string>();
  for (const [i, q] of raw.entries()) {
    const field = `quotas[${i}]`;
    if (!Number.isInteger(q.size) || q.size < 1 || q.size > MAX_QUOTA) {
      return err({ field: `${field}.size`, message: `配额须为 1–${MAX_QUOTA} 之间的整数` });
    }
    const known = q.level === 'town' ? towns.has(q.orgId) : townOfVillage.has(q.orgId);
    if (!known) return err({ field: `${field}.orgId`, message: '配额单位须为本县的镇街或村社区' });
    const id = `${q.level}:${q.orgId}`;
    if (seen.has(id)) return err({ field: `${field}.orgId`, message: '同一单位只能设置一个配额' });
    seen.add(id);
  }
  for (const [i, q] of raw.entries()) {
    if (q.level === 'village' && seen.has(`town:${townOfVillage.get(q.orgId)}`)) {
      return err({ field: `quotas[${i}].orgId`, message: '该村社区所在镇街已设配额，请只保留其一' });
    }
  }
  return ok(raw.map((q) => ({ level: q.level, orgId: q.orgId, size: q.size })));
}

/** The sample: per quota, a seeded shuffle of its part of the frame, the first `size` taken. */
export function drawSample<P extends FramePerson>(
  frame: readonly P[],
  quotas: readonly Quota[],
  seed: number,
): Draw<P> {
  const sorted = [...new Map(frame.map((p) => [p.key, p])).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const people: P[] = [];
  const outcomes: QuotaOutcome[] = [];
  for (const quota of quotas) {
    const pool = sorted.filter((p) => (quota.level === 'town' ? p.townId : p.villageId) === quota.orgId);
    const rng = mulberry32((seed ^ Math.imul(quota.orgId, 0x9e3779b1)) >>> 0);
    const take = Math.min(quota.size, pool.length);
    // partial Fisher–Yates: the first `take` places hold a uniform random selection
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(rng() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as P, pool[i] as P];
    }
    people.push(...pool.slice(0, take));
    outcomes.push({ ...quota, available: pool.length, drawn: take, shortfall: quota.size - take });
  }
  return { people, quotas: outcomes };
}
