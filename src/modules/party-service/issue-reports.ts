// The yearly 双报到 report per unit (members registered, needs done, hours, average rating), figured by the pure
// rule of src/domain/party-service/unit-report.ts from the county's registrations and needs. The county platform
// issues them: one row per unit and year (issuing again replaces the figures), a notification to each unit of
// the county tree, an audit entry; the same figures as a spreadsheet.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { type ReportMember, type ReportNeed, unitYearFigures } from '../../domain/party-service/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { toXlsx } from '../dashboards/xlsx.js';
import type { Db, PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import type { UnitReportView } from './party-service-views.js';

function requireCounty(principal: Principal): string {
  if (!isCountyRoot(principal) || !principal.countyCode) {
    throw new AppError('FORBIDDEN', { message: '双报到年度报告由县平台出具' });
  }
  return principal.countyCode;
}

/** The figures of every unit of the county for the year, with when each was issued (null: not yet). */
export async function unitReports(db: Db, principal: Principal, year: number): Promise<UnitReportView[]> {
  const county = requireCounty(principal);
  const [units, members, needs, issued] = await Promise.all([
    db
      .selectFrom('party_service_units')
      .select(['name', 'org_id'])
      .where('county_code', '=', county)
      .where('state', '=', 'confirmed')
      .execute(),
    db
      .selectFrom('party_service_members')
      .select(['unit_name', 'state', 'created_at'])
      .where('county_code', '=', county)
      .execute(),
    db
      .selectFrom('party_needs')
      .select(['unit_name', 'state', 'done_at', 'hours', 'rating'])
      .where('county_code', '=', county)
      .where('unit_name', 'is not', null)
      .execute(),
    db
      .selectFrom('party_service_reports')
      .select(['unit_name', 'issued_at'])
      .where('county_code', '=', county)
      .where('year', '=', year)
      .execute(),
  ]);
  const orgOf = new Map<string, number | null>();
  for (const u of units) if (!orgOf.get(u.name)) orgOf.set(u.name, u.org_id);
  const names = [...new Set([...units.map((u) => u.name), ...members.map((m) => m.unit_name)])].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
  const reportMembers: ReportMember[] = members.map((m) => ({
    unitName: m.unit_name,
    state: m.state,
    registeredOn: chinaDayOf(new Date(m.created_at)),
  }));
  const reportNeeds: ReportNeed[] = needs.map((n) => ({
    unitName: n.unit_name,
    state: n.state,
    doneOn: n.done_at ? chinaDayOf(new Date(n.done_at)) : null,
    hours: n.hours === null ? null : Number(n.hours),
    rating: n.rating,
  }));
  const issuedAt = new Map(issued.map((r) => [r.unit_name, new Date(r.issued_at).toISOString()]));
  return unitYearFigures(year, names, reportMembers, reportNeeds).map((f) => ({
    ...f,
    unitOrgId: orgOf.get(f.unitName) ?? null,
    issuedAt: issuedAt.get(f.unitName) ?? null,
  }));
}

/** Issues the year's reports to every unit (and the county keeps them). */
export async function issueReports(
  deps: PartyServiceDeps,
  principal: Principal,
  year: number,
): Promise<{ issued: number; notified: number }> {
  const county = requireCounty(principal);
  const reports = await unitReports(deps.db, principal, year);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx: Transaction<DB>) => {
    let notified = 0;
    for (const r of reports) {
      const figures = {
        members: r.members,
        needsDone: r.needsDone,
        hours: r.hours,
        rated: r.rated,
        averageRating: r.averageRating,
      };
      await trx
        .insertInto('party_service_reports')
        .values({
          county_code: county,
          year,
          unit_name: r.unitName,
          unit_org_id: r.unitOrgId,
          figures: JSON.stringify(figures),
          issued_by_user_id: principal.userId,
          issued_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['county_code', 'year', 'unit_name']).doUpdateSet({
            figures: JSON.stringify(figures),
            unit_org_id: r.unitOrgId,
            issued_by_user_id: principal.userId,
            issued_at: now,
          }),
        )
        .execute();
      if (r.unitOrgId !== null) {
        await trx
          .insertInto('notifications')
          .values({
            org_id: r.unitOrgId,
            user_id: null,
            case_id: null,
            kind: 'party_service_report',
            title: `${year}年度双报到报告：报到党员${r.members}名，完成服务${r.needsDone}项，服务${r.hours}小时${r.averageRating === null ? '' : `，平均评价${r.averageRating}星`}`,
            link: `/party-service/reports?year=${year}`,
            created_at: now,
          })
          .execute();
        notified++;
      }
    }
    await deps.audit.record(
      principal,
      {
        action: 'party_service.report.issue',
        targetType: 'party_service_report',
        targetId: year,
        details: { year, units: reports.length },
      },
      trx,
    );
    return { issued: reports.length, notified };
  });
}

/** The year's reports a unit's staff see: their own unit's, once issued. */
export async function ownReports(
  db: Db,
  principal: Principal,
): Promise<{ year: number; unitName: string; figures: unknown; issuedAt: string }[]> {
  if (principal.orgId === null) return [];
  const rows = await db
    .selectFrom('party_service_reports')
    .select(['year', 'unit_name', 'figures', 'issued_at'])
    .where('unit_org_id', '=', principal.orgId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    unitName: r.unit_name,
    figures: r.figures,
    issuedAt: new Date(r.issued_at).toISOString(),
  }));
}

export async function reportsXlsx(db: Db, principal: Principal, year: number): Promise<Buffer> {
  const reports = await unitReports(db, principal, year);
  return toXlsx([
    {
      name: `${year}年度双报到`,
      title: `${year}年度双报到单位报告`,
      columns: [
        '单位',
        '报到党员（名）',
        '完成服务（项）',
        '服务时长（小时）',
        '已评价（项）',
        '平均评价（星）',
        '出具时间',
      ],
      rows: reports.map((r) => [
        r.unitName,
        r.members,
        r.needsDone,
        r.hours,
        r.rated,
        r.averageRating,
        r.issuedAt ? chinaDayOf(new Date(r.issuedAt)) : '未出具',
      ]),
    },
  ]);
}
