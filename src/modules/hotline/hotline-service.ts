// The 12345 hotline: signed pushes of work orders, each one case (idempotent on the hotline's order number),
// later pushes of the same order amending the case's descriptive fields through the case service; the
// hotline-category mapping kept by administrators (an unmapped order gets the classifier's category, marked as
// suggested); the per-key signing secrets.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { matchAddress, type PlaceName } from '../../domain/intake/address-match.js';
import {
  changedFields,
  checkHotlineOrder,
  type HotlineOrder,
  type HotlineOrderInput,
  MOBILE_PATTERN,
} from '../../domain/intake/hotline-order.js';
import { reporterErased, withoutCaller } from '../../domain/privacy/index.js';
import { SIGNED_PUSH_PERMISSIONS, verifySignedPush } from '../api-keys/signed-push.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseService } from '../cases/case-service.js';
import { openReporterField } from '../cases/reporter-fields.js';

/** The classifier's face as the hotline uses it (services.categorySuggester). */
export interface CategorySuggesterLike {
  classify(text: string): Promise<{
    proposed: { categoryId: number | null; categoryName: string };
    level1: { score: number }[];
    level2: { id: number | null; score: number }[];
  }>;
}

/** How an order's category was found: the administrators' mapping, a category of the same name, the classifier. */
export type CategorySource = 'mapped' | 'name' | 'suggested' | 'none';

export interface OrderCategory {
  categoryId: number | null;
  source: CategorySource;
  /** The classifier's choice, when it made it (for the dispatcher to confirm). */
  suggestion?: { categoryId: number; categoryName: string; score: number };
}

/** How many times a repeat push re-reads the case when staff changed it at the same moment. */
const AMEND_ATTEMPTS = 5;

export interface HotlineReceipt {
  orderNo: string;
  caseId: number;
  caseNumber: string;
  /** created: a new case; updated: the order's descriptive fields changed; unchanged: a repeat. */
  result: 'created' | 'updated' | 'unchanged';
}

interface HotlineExtra {
  orderNo: string;
  callTime: string | null;
  hotlineCategory: string | null;
  urgency: 'normal' | 'urgent';
  callerLandline?: string | null;
  locatedBy?: string;
  categorySource?: CategorySource;
  suggestedCategory?: OrderCategory['suggestion'];
}

const PLACES_TTL_MS = 60_000;

export class HotlineService {
  private places: { at: number; countyCode: string; list: PlaceName[]; firstGrid: Map<number, number> } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cases: CaseService,
    private readonly wallNow: () => Date = () => new Date(),
    private readonly suggester: CategorySuggesterLike | null = null,
  ) {}

  // ---- signing ----

  /** Checks the HMAC signature of a push against the signing secret of the API key that sent it. */
  async verifyPush(
    principal: Principal,
    headers: { timestamp?: string; signature?: string },
    rawBody: string | Buffer,
  ): Promise<void> {
    const nowSeconds = Math.floor(this.wallNow().getTime() / 1000);
    await verifySignedPush(this.db, principal, headers, rawBody, nowSeconds, '12345 工单推送');
  }

  /** A new signing secret for an API key holding hotline.push or video.push (shown to the administrator). */
  async rotateSecret(principal: Principal, apiKeyId: number): Promise<{ apiKeyId: number; secret: string }> {
    const key = await this.db
      .selectFrom('api_keys')
      .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
      .select(['api_keys.id', 'api_keys.permissions', 'api_keys.revoked_at'])
      .where('api_keys.id', '=', apiKeyId)
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`)
      .executeTakeFirst();
    if (!key || key.revoked_at) throw new AppError('API_KEY_NOT_FOUND');
    if (!SIGNED_PUSH_PERMISSIONS.some((p) => key.permissions.includes(p))) {
      throw new AppError('VALIDATION_FAILED', {
        message: '该 API 密钥没有“12345 工单推送”或“视频事件推送”权限',
        details: { field: 'apiKeyId' },
      });
    }
    const secret = `whsec_${randomBytes(24).toString('hex')}`;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('hotline_signing_secrets')
        .values({ api_key_id: apiKeyId, secret, created_at: this.clock.now() })
        .onConflict((oc) => oc.column('api_key_id').doUpdateSet({ secret, created_at: this.clock.now() }))
        .execute();
      await this.audit.record(
        principal,
        { action: 'hotline.secret.rotate', targetType: 'api_key', targetId: apiKeyId },
        trx,
      );
    });
    return { apiKeyId, secret };
  }

  /** API keys that may push signed (hotline orders, video events), and whether each has a signing secret. */
  async pushKeys(principal: Principal) {
    const rows = await this.db
      .selectFrom('api_keys')
      .innerJoin('orgs', 'orgs.id', 'api_keys.org_id')
      .leftJoin('hotline_signing_secrets as s', 's.api_key_id', 'api_keys.id')
      .select(['api_keys.id', 'api_keys.name', 'api_keys.prefix', 'api_keys.revoked_at', 's.created_at as secret_at'])
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`)
      .where(sql<boolean>`api_keys.permissions && ${sql.val([...SIGNED_PUSH_PERMISSIONS])}::text[]`)
      .orderBy('api_keys.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        revoked: !!r.revoked_at,
        secretCreatedAt: r.secret_at ?? null,
      })),
    };
  }

  // ---- receiving orders ----

  /** Validates an order and creates its case, or updates the case of an order already received. */
  async receive(input: HotlineOrderInput, by: Principal | null): Promise<HotlineReceipt> {
    const checked = checkHotlineOrder(input);
    if (!checked.ok) {
      throw new AppError('VALIDATION_FAILED', {
        message: `工单有误：${checked.problems.map((p) => p.message).join('；')}`,
        details: { problems: checked.problems },
      });
    }
    return this.receiveOrder(checked.order, by);
  }

  async receiveOrder(
    order: HotlineOrder,
    by: Principal | null,
    countyCode: string | null = by?.countyCode ?? null,
  ): Promise<HotlineReceipt> {
    const known = await this.caseOfOrder(order.orderNo);
    if (known) return this.update(order, by);

    const place = await this.placeOf(order, countyCode);
    const category = await this.categoryOf(order);
    const mobile = order.callerPhone && MOBILE_PATTERN.test(order.callerPhone) ? order.callerPhone : null;
    const extra: HotlineExtra = {
      orderNo: order.orderNo,
      callTime: order.callTime,
      hotlineCategory: order.hotlineCategory,
      urgency: order.urgency,
      callerLandline: mobile ? null : order.callerPhone,
      locatedBy: place.locatedBy,
      categorySource: category.source,
      ...(category.suggestion && { suggestedCategory: category.suggestion }),
    };
    const suggested = category.suggestion;
    const result = await this.cases.create(
      {
        channel: 'hotline',
        externalRef: order.orderNo,
        body: order.content,
        categoryId: category.categoryId,
        // On the 'opened' timeline entry, so the dispatcher sees the category is the classifier's guess.
        openedDetails: suggested
          ? {
              categorySource: 'suggested',
              categoryName: suggested.categoryName,
              suggestionScore: suggested.score,
              note: order.hotlineCategory
                ? `热线诉求类型「${order.hotlineCategory}」未设置对应分类，已按诉求内容智能推荐分类「${suggested.categoryName}」，请核定`
                : `工单未注明诉求类型，已按诉求内容智能推荐分类「${suggested.categoryName}」，请核定`,
            }
          : undefined,
        urgency: order.urgency,
        lat: place.lat,
        lng: place.lng,
        gridId: place.gridId,
        address: order.address,
        reporter: { name: order.callerName, phone: mobile, anonymous: false },
        extra: { hotline: extra },
      },
      by,
    );
    if (!result.created) {
      // Another push of the same order won the race: treat this one as a repeat of it.
      return this.update(order, by);
    }
    const number = await this.db
      .selectFrom('cases')
      .select('number')
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    return {
      orderNo: order.orderNo,
      caseId: result.id,
      caseNumber: number.number,
      result: result.created ? 'created' : 'unchanged',
    };
  }

  private caseOfOrder(orderNo: string) {
    return this.db
      .selectFrom('cases')
      .select(['id', 'number', 'version', 'body', 'address', 'reporter_name', 'reporter_phone', 'extra'])
      .where('channel', '=', 'hotline')
      .where('external_ref', '=', orderNo)
      .executeTakeFirst();
  }

  /**
   * A repeat push: the case's descriptive fields are amended through the case service (a new version, an
   * 'amended' timeline entry, an outbox message) and the revision recorded with it; the workflow (state,
   * category, units, clocks) is staff's. The same order again changes nothing and writes nothing.
   */
  private async update(pushed: HotlineOrder, by: Principal | null): Promise<HotlineReceipt> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.caseOfOrder(pushed.orderNo);
      if (!row) throw new AppError('CASE_NOT_FOUND', { details: { orderNo: pushed.orderNo } });
      // The case's reporter was anonymised (the caller's erasure, or the retention period): the push still carries
      // the caller, who must not be written back — the order is read without them (issue 18).
      const erased = reporterErased(row.reporter_name);
      const order = erased ? withoutCaller(pushed) : pushed;
      const extra = (row.extra ?? {}) as { hotline?: HotlineExtra };
      const stored = extra.hotline;
      const landline = stored?.callerLandline ?? null;
      const before = {
        content: row.body,
        address: row.address,
        // stored encrypted (issue 18): opened to compare with what the hotline pushes again
        callerName: erased ? null : openReporterField(this.cases.crypto, row.reporter_name),
        callerPhone: erased ? null : (openReporterField(this.cases.crypto, row.reporter_phone) ?? landline),
        hotlineCategory: stored?.hotlineCategory ?? null,
        urgency: stored?.urgency ?? 'normal',
        callTime: stored?.callTime ?? null,
      };
      const changes = changedFields(before, order);
      const receipt = { orderNo: order.orderNo, caseId: row.id, caseNumber: row.number };
      if (Object.keys(changes).length === 0) return { ...receipt, result: 'unchanged' };
      const mobile = order.callerPhone && MOBILE_PATTERN.test(order.callerPhone) ? order.callerPhone : null;
      try {
        const amended = await this.cases.amend(
          row.id,
          {
            version: row.version,
            body: order.content,
            address: order.address,
            ...(!erased && { reporter: { name: order.callerName, phone: mobile } }),
            extra: {
              hotline: {
                ...stored,
                orderNo: order.orderNo,
                callTime: order.callTime,
                hotlineCategory: order.hotlineCategory,
                urgency: order.urgency,
                callerLandline: mobile ? null : order.callerPhone,
              },
            },
            source: 'hotline',
            note: `12345 工单 ${order.orderNo} 再次推送，内容有变更`,
            alsoInTransaction: async (trx, caseId) => {
              await trx
                .insertInto('hotline_order_revisions')
                .values({
                  order_no: order.orderNo,
                  case_id: caseId,
                  received_at: this.clock.now(),
                  changes: JSON.stringify(changes),
                })
                .execute();
            },
          },
          by,
        );
        return { ...receipt, result: amended.fields.length > 0 ? 'updated' : 'unchanged' };
      } catch (error) {
        // Staff acted on the case (or another push amended it) since we read it: read it again.
        const raced =
          (error instanceof AppError && error.code === 'CASE_VERSION_CONFLICT') ||
          (error as { code?: string })?.code === '23505';
        if (!raced || attempt >= AMEND_ATTEMPTS) throw error;
      }
    }
  }

  /** Revisions of a case's hotline order (what later pushes changed). */
  async revisions(caseId: number) {
    const rows = await this.db
      .selectFrom('hotline_order_revisions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, orderNo: r.order_no, receivedAt: r.received_at, changes: r.changes }));
  }

  // ---- where and what ----

  private async placeList(countyCode: string | null) {
    if (
      this.places &&
      Date.now() - this.places.at < PLACES_TTL_MS &&
      (!countyCode || this.places.countyCode === countyCode)
    ) {
      return this.places;
    }
    let query = this.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind', 'parent_id', 'county_code', 'code'])
      .where('kind', 'in', ['town', 'village', 'grid'])
      .where('active', '=', true)
      .orderBy('code');
    if (countyCode) query = query.where('county_code', '=', countyCode);
    const rows = await query.execute();
    const firstGrid = new Map<number, number>();
    const parent = new Map(rows.map((r) => [r.id, r.parent_id] as const));
    for (const r of rows) {
      if (r.kind !== 'grid') continue;
      let up: number | null | undefined = r.id;
      while (up) {
        if (!firstGrid.has(up)) firstGrid.set(up, r.id);
        up = parent.get(up);
      }
    }
    this.places = {
      at: Date.now(),
      countyCode: countyCode ?? rows[0]?.county_code ?? '',
      list: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as PlaceName['kind'], parentId: r.parent_id })),
      firstGrid,
    };
    return this.places;
  }

  /**
   * Where the order happened: its coordinates, or else the most specific town, village or grid named in its
   * address (the case then starts at the first grid of that place; the county platform receives it anyway).
   */
  async placeOf(
    order: Pick<HotlineOrder, 'lat' | 'lng' | 'address'>,
    countyCode: string | null,
  ): Promise<{ lat: number | null; lng: number | null; gridId: number | null; locatedBy: string }> {
    if (order.lat !== null && order.lng !== null)
      return { lat: order.lat, lng: order.lng, gridId: null, locatedBy: 'coordinates' };
    const places = await this.placeList(countyCode);
    const match = order.address ? matchAddress(order.address, places.list) : null;
    const gridId = match ? places.firstGrid.get(match.id) : undefined;
    if (!match || !gridId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '无法确定诉求位置：请提供经纬度（lat/lng），或在地址中写明所在镇街、村社区',
        details: { field: 'address' },
      });
    }
    return { lat: null, lng: null, gridId, locatedBy: `address:${match.kind}:${match.name}` };
  }

  /**
   * An order's category: the administrators' mapping of its hotline category, else a category of the same
   * name, else the classifier's suggestion from its content (marked as such), else none.
   */
  async categoryOf(order: Pick<HotlineOrder, 'hotlineCategory' | 'content'>): Promise<OrderCategory> {
    if (order.hotlineCategory) {
      const mapped = await this.db
        .selectFrom('hotline_category_map')
        .select('category_id')
        .where('hotline_category', '=', order.hotlineCategory)
        .executeTakeFirst();
      if (mapped) return { categoryId: mapped.category_id, source: 'mapped' };
      const named = await this.sameName(order.hotlineCategory);
      if (named) return { categoryId: named, source: 'name' };
    }
    const suggestion = await this.suggest(order.content);
    return suggestion
      ? { categoryId: suggestion.categoryId, source: 'suggested', suggestion }
      : { categoryId: null, source: 'none' };
  }

  /** The classifier's category for a text; null when it has none (or fails: the order is taken anyway). */
  private async suggest(text: string): Promise<OrderCategory['suggestion'] | null> {
    if (!this.suggester || !text.trim()) return null;
    try {
      const result = await this.suggester.classify(text);
      const { categoryId, categoryName } = result.proposed;
      if (!categoryId) return null;
      const chosen = result.level2.find((l) => l.id === categoryId) ?? result.level1[0];
      return { categoryId, categoryName, score: Math.round((chosen?.score ?? 0) * 100) / 100 };
    } catch {
      return null;
    }
  }

  /** Our category for a hotline category: the administrators' mapping, else a category of the same name. */
  async categoryFor(hotlineCategory: string | null): Promise<number | null> {
    if (!hotlineCategory) return null;
    const mapped = await this.db
      .selectFrom('hotline_category_map')
      .select('category_id')
      .where('hotline_category', '=', hotlineCategory)
      .executeTakeFirst();
    if (mapped) return mapped.category_id;
    return this.sameName(hotlineCategory);
  }

  private async sameName(hotlineCategory: string): Promise<number | null> {
    const last =
      hotlineCategory
        .split(/[/\\>＞-]/)
        .pop()
        ?.trim() ?? hotlineCategory;
    const row = await this.db
      .selectFrom('categories')
      .select('id')
      .where('active', '=', true)
      .where('name', 'in', [hotlineCategory, last])
      .orderBy('level', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  // ---- category mapping ----

  async mappings() {
    const rows = await this.db
      .selectFrom('hotline_category_map as m')
      .innerJoin('categories as c', 'c.id', 'm.category_id')
      .select(['m.hotline_category', 'm.category_id', 'c.name as category_name', 'm.updated_at'])
      .orderBy('m.hotline_category')
      .execute();
    return {
      items: rows.map((r) => ({
        hotlineCategory: r.hotline_category,
        categoryId: r.category_id,
        categoryName: r.category_name,
        updatedAt: r.updated_at,
      })),
    };
  }

  /** What each hotline category would become now: mapped, matched by name, or nothing. */
  async resolveCategories(names: string[]) {
    const unique = [...new Set(names.filter(Boolean))];
    const out: {
      hotlineCategory: string;
      categoryId: number | null;
      categoryName: string | null;
      source: 'mapped' | 'name' | 'none';
    }[] = [];
    for (const name of unique) {
      const mapped = await this.db
        .selectFrom('hotline_category_map as m')
        .innerJoin('categories as c', 'c.id', 'm.category_id')
        .select(['c.id', 'c.name'])
        .where('m.hotline_category', '=', name)
        .executeTakeFirst();
      if (mapped) {
        out.push({ hotlineCategory: name, categoryId: mapped.id, categoryName: mapped.name, source: 'mapped' });
        continue;
      }
      const id = await this.sameName(name);
      const cat = id
        ? await this.db.selectFrom('categories').select('name').where('id', '=', id).executeTakeFirst()
        : null;
      out.push({
        hotlineCategory: name,
        categoryId: id,
        categoryName: cat?.name ?? null,
        source: id ? 'name' : 'none',
      });
    }
    return out;
  }

  async setMapping(principal: Principal, hotlineCategory: string, categoryId: number) {
    const name = hotlineCategory.trim();
    if (!name)
      throw new AppError('VALIDATION_FAILED', {
        message: '热线诉求类型不能为空',
        details: { field: 'hotlineCategory' },
      });
    const cat = await this.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('id', '=', categoryId)
      .executeTakeFirst();
    if (!cat) throw new AppError('CATEGORY_NOT_FOUND', { details: { categoryId } });
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('hotline_category_map')
        .values({ hotline_category: name, category_id: categoryId, updated_at: now, updated_by: principal.userId })
        .onConflict((oc) =>
          oc
            .column('hotline_category')
            .doUpdateSet({ category_id: categoryId, updated_at: now, updated_by: principal.userId }),
        )
        .execute();
      await this.audit.record(
        principal,
        { action: 'hotline.category.map', targetType: 'hotline_category', targetId: name, details: { categoryId } },
        trx,
      );
    });
    return { hotlineCategory: name, categoryId, categoryName: cat.name, updatedAt: now };
  }

  async deleteMapping(principal: Principal, hotlineCategory: string) {
    const deleted = await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('hotline_category_map')
        .where('hotline_category', '=', hotlineCategory)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) > 0) {
        await this.audit.record(
          principal,
          { action: 'hotline.category.unmap', targetType: 'hotline_category', targetId: hotlineCategory },
          trx,
        );
      }
      return Number(r.numDeletedRows);
    });
    if (!deleted) throw new AppError('NOT_FOUND', { message: '该热线诉求类型没有对应关系' });
  }
}
