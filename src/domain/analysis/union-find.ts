// Disjoint sets over 0…n-1 (union–find with path halving): the clustering of similar cases (group risks, the
// problems of the topic of the month) links pairs and reads the groups.
export class UnionFind {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }

  /** The representative of i's set. */
  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  }

  union(i: number, j: number): void {
    this.parent[this.find(i)] = this.find(j);
  }

  /** The sets, each its members in increasing order, by representative. */
  groups(): Map<number, number[]> {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const g = groups.get(r);
      if (g) g.push(i);
      else groups.set(r, [i]);
    }
    return groups;
  }
}
