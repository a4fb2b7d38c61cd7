// The browser test files in the order that ends the run soonest on two workers: the longest first (longest
// processing time first), so the last file to start is a short one and neither worker idles while the other
// finishes a long file. Vitest orders by its cache of the last run's durations, which a clean clone (CI) does not
// have; without it, it takes the largest files first, and file size says little here (the English walks are
// small files that take minutes). The durations are CI's, two files at a time (run of 6a1387a); a file not listed
// comes after these, largest first as vitest would order it.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONGEST = [
  'english-walk', // 205 s
  'case-lifecycle', // 148 s
  'mobile', // 75 s
  'meetings', // 72 s
  'intelligence', // 66 s
  'points', // 48 s
  'foundation', // 43 s
  'deliberations', // 41 s
  'tasks', // 41 s
  'command-centre', // 37 s
  'english', // 35 s
  'assessment', // 32 s
  'analysis', // 29 s
];

function rank(spec: TestSpecification): number {
  const name = spec.moduleId
    .split('/')
    .pop()
    ?.replace(/\.test\.ts$/, '');
  const i = LONGEST.indexOf(name ?? '');
  return i === -1 ? LONGEST.length : i;
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byVitest = await super.sort(files);
    return byVitest
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
