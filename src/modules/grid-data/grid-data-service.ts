// The grid base data capability's public face (网格底数: 人、地、事、物、组织): each method is one use case of
// its own file. Routes, the demo seed and the bench call it; no other module touches its tables.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { KIND_FIELDS, KIND_LABELS, KIND_PATHS, RECORD_KINDS, type RecordKind } from '../../domain/grid-data/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { attachSubject, caseSubjects, detachSubject } from './case-subjects.js';
import { gridDashboard } from './dashboard.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { importProgress, startImport } from './import-records.js';
import { partyOfRecord } from './party-of-record.js';
import { getRecord, listRecords, type RecordFilter, revealRecord } from './record-queries.js';
import { createRecord, setArchived, updateRecord } from './save-record.js';
import { exportRecords, importTemplate } from './sheets.js';
import { listTags, saveTags, type TagView } from './tags.js';

export class GridDataService {
  readonly deps: GridDataDeps;

  /** `crypto`: the system's one FieldCrypto (issue 18: it reads under the previous key too while keys rotate). */
  constructor(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService; crypto: FieldCrypto }) {
    this.deps = { db: deps.db, clock: deps.clock, audit: deps.audit, crypto: deps.crypto };
  }

  async kinds(p: Principal) {
    return {
      kinds: RECORD_KINDS.map((kind) => ({
        kind,
        path: KIND_PATHS[kind],
        label: KIND_LABELS[kind],
        fields: KIND_FIELDS[kind],
      })),
      tags: (await listTags(this.deps, p)).filter((t) => t.active),
    };
  }
  tags(p: Principal) {
    return listTags(this.deps, p);
  }
  saveTags(p: Principal, tags: TagView[]) {
    return saveTags(this.deps, p, tags);
  }
  list(p: Principal, kind: RecordKind, f: RecordFilter & { limit?: number; offset?: number }) {
    return listRecords(this.deps, p, kind, f);
  }
  get(p: Principal, kind: RecordKind, id: number) {
    return getRecord(this.deps, p, kind, id);
  }
  /** A person or organisation taken by another record (a dispute's party), in scope, the use audited. */
  partyOf(p: Principal, recordId: number, use: string) {
    return partyOfRecord(this.deps, p, recordId, use);
  }
  create(p: Principal, kind: RecordKind, input: { gridId: number; fields: Record<string, unknown> }) {
    return createRecord(this.deps, p, kind, input);
  }
  update(
    p: Principal,
    kind: RecordKind,
    id: number,
    input: { version: number; fields: Record<string, unknown>; gridId?: number },
  ) {
    return updateRecord(this.deps, p, kind, id, input);
  }
  archive(p: Principal, kind: RecordKind, id: number, input: { version: number; archived: boolean; reason?: string }) {
    return setArchived(this.deps, p, kind, id, input);
  }
  reveal(p: Principal, kind: RecordKind, id: number, ip?: string) {
    return revealRecord(this.deps, p, kind, id, ip);
  }
  async template(p: Principal, kind: RecordKind) {
    const tags = (await listTags(this.deps, p)).filter((t) => t.active).map((t) => t.name);
    return importTemplate(kind, tags);
  }
  async export(p: Principal, kind: RecordKind, f: RecordFilter) {
    await this.deps.audit.record(p, { action: 'griddata.export', targetType: `grid_${kind}`, details: { ...f } });
    return exportRecords(this.deps, p, kind, f);
  }
  import(
    p: Principal,
    kind: RecordKind,
    input: { orgId: number; filePath: string; fileName: string; dryRun: boolean },
  ) {
    return startImport(this.deps, p, kind, input);
  }
  importProgress(p: Principal, id: number) {
    return importProgress(this.deps, p, id);
  }
  dashboard(p: Principal, orgId: number) {
    return gridDashboard(this.deps, p, orgId);
  }
  caseSubjects(p: Principal, caseId: number) {
    return caseSubjects(this.deps, p, caseId);
  }
  attach(p: Principal, caseId: number, recordId: number) {
    return attachSubject(this.deps, p, caseId, recordId);
  }
  detach(p: Principal, caseId: number, recordId: number) {
    return detachSubject(this.deps, p, caseId, recordId);
  }
}
