// Composition of the services: one place that wires the database, the clock and every module together.
import type { Kysely } from 'kysely';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import type { DatabaseKind } from './db/database.js';
import type { DB } from './db/schema.js';
import { ApiKeyService } from './modules/api-keys/api-key-service.js';
import { AuditService } from './modules/audit/audit-service.js';
import { AuthService } from './modules/auth/auth-service.js';
import type { SmsGateway } from './modules/auth/sms-gateway.js';
import { CalendarService } from './modules/calendar/calendar-service.js';
import { CategoryService } from './modules/categories/category-service.js';
import { HomeService } from './modules/home/home-service.js';
import { OrgImporter } from './modules/orgs/org-import.js';
import { OrgService } from './modules/orgs/org-service.js';
import { UserService } from './modules/users/user-service.js';

export interface AppServices {
  config: Config;
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  audit: AuditService;
  auth: AuthService;
  orgs: OrgService;
  orgImport: OrgImporter;
  users: UserService;
  apiKeys: ApiKeyService;
  categories: CategoryService;
  calendar: CalendarService;
  home: HomeService;
}

export function createServices(deps: {
  config: Config;
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  clock: Clock;
  sms: SmsGateway;
  wallNow?: () => Date;
}): AppServices {
  const { config, db, clock } = deps;
  const audit = new AuditService(db, clock);
  const auth = new AuthService({ db, config, audit, sms: deps.sms, wallNow: deps.wallNow });
  const orgs = new OrgService(db, clock, audit);
  return {
    config,
    db,
    dbKind: deps.dbKind,
    clock,
    audit,
    auth,
    orgs,
    orgImport: new OrgImporter(db, clock, audit, orgs),
    users: new UserService(db, clock, audit, auth, orgs),
    apiKeys: new ApiKeyService(db, clock, audit, auth, orgs),
    categories: new CategoryService(db, audit),
    calendar: new CalendarService(db, audit),
    home: new HomeService(db, clock),
  };
}
