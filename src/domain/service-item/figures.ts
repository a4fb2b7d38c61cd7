// 最多跑一次 figures per station (or town) and month: applications taken in, how many ended, the share ended on
// time, the average visits an ended application took and the share that took at most one (最多跑一次率).
// Plain arithmetic over the rows, so that the report, the chart and the spreadsheet agree.
import type { ApplicationState } from './types.js';

export interface FigureRow {
  readonly groupId: number;
  readonly groupName: string;
  /** 'YYYY-MM' in China time of when it was taken in */
  readonly month: string;
  readonly state: ApplicationState;
  readonly visits: number;
  readonly onTime: boolean | null;
}

export interface Figures {
  readonly groupId: number;
  readonly groupName: string;
  readonly month: string;
  readonly applications: number;
  readonly ended: number;
  readonly onTime: number;
  /** percent of ended applications ended on time (null when none ended) */
  readonly onTimeRate: number | null;
  /** visits per ended application (null when none ended) */
  readonly averageVisits: number | null;
  /** percent of ended applications that took at most one visit (null when none ended) */
  readonly oneVisitRate: number | null;
}

const percent = (n: number, of: number) => (of === 0 ? null : Math.round((n * 1000) / of) / 10);

function figuresOf(groupId: number, groupName: string, month: string, rows: readonly FigureRow[]): Figures {
  const ended = rows.filter((r) => r.state !== 'in_progress');
  const onTime = ended.filter((r) => r.onTime === true).length;
  const visits = ended.reduce((sum, r) => sum + r.visits, 0);
  return {
    groupId,
    groupName,
    month,
    applications: rows.length,
    ended: ended.length,
    onTime,
    onTimeRate: percent(onTime, ended.length),
    averageVisits: ended.length === 0 ? null : Math.round((visits * 100) / ended.length) / 100,
    oneVisitRate: percent(ended.filter((r) => r.visits <= 1).length, ended.length),
  };
}

/** One line per group and month (groups by name, months ascending), and the total over everything. */
export function serviceFigures(rows: readonly FigureRow[]): { lines: Figures[]; total: Figures } {
  const groups = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const key = `${r.groupId}|${r.month}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const lines = [...groups.values()]
    .map((list) => {
      const first = list[0] as FigureRow;
      return figuresOf(first.groupId, first.groupName, first.month, list);
    })
    .sort((a, b) => a.groupName.localeCompare(b.groupName, 'zh-CN') || a.month.localeCompare(b.month));
  return { lines, total: figuresOf(0, '合计', '', rows) };
}
