// Coverage of the grids by branches (网格党支部 on every grid): per town, how many grids, how many carry a live
// branch, and which do not — the list the town works through.

export interface CoverageGrid {
  readonly id: number;
  readonly townId: number;
}

export interface TownCoverage {
  readonly townId: number;
  readonly grids: number;
  readonly covered: number;
  readonly uncovered: number;
  /** covered / grids, 0..1 (1 for a town without grids) */
  readonly rate: number;
  readonly uncoveredGridIds: readonly number[];
}

export function coverageByTown(
  grids: readonly CoverageGrid[],
  branchGridIds: readonly (number | null)[],
): TownCoverage[] {
  const covered = new Set(branchGridIds.filter((g): g is number => g !== null));
  const towns = new Map<number, { grids: number; covered: number; uncovered: number[] }>();
  for (const g of grids) {
    const t = towns.get(g.townId) ?? { grids: 0, covered: 0, uncovered: [] };
    t.grids += 1;
    if (covered.has(g.id)) t.covered += 1;
    else t.uncovered.push(g.id);
    towns.set(g.townId, t);
  }
  return [...towns.entries()].map(([townId, t]) => ({
    townId,
    grids: t.grids,
    covered: t.covered,
    uncovered: t.uncovered.length,
    rate: t.grids === 0 ? 1 : Math.round((t.covered / t.grids) * 1000) / 1000,
    uncoveredGridIds: t.uncovered,
  }));
}
