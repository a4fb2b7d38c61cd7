// Builds the HTTP application from the services: the API under /api (every route authorised by
// src/http/auth-hooks.ts), the OpenAPI document and its browsable docs, health, metrics and the web app.
import { AjvCompiler } from '@fastify/ajv-compiler';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import { type ReplicaStatus, replicaStatus } from './db/read-replica.js'; // DATABASE_READ_URL (issue 22)
import { installAuthHooks } from './http/auth-hooks.js';
import { installErrorHandler } from './http/error-handler.js';
import { installFiniteNumbers } from './http/finite-numbers.js';
import { databaseRateLimitStore, installRateLimits, parseRateRules, RateLimiter } from './http/rate-limits.js'; // issue 18
import { installOriginCheck, installSecurityHeaders } from './http/security.js'; // security hardening (issue 18)
import { registerCompression, registerWebApp, webPageFor } from './http/web-app.js'; // issue 22
import { adminRoutes } from './modules/admin-routes.js';
import { analysisRoutes } from './modules/analysis/index.js';
import { assessmentRoutes } from './modules/assessment/index.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { backupRoutes } from './modules/backup/routes.js'; // backup snapshot of the embedded database (issue 18)
import { basemapRoutes } from './modules/basemap/index.js'; // base maps (issue 20)
import { caseRoutes } from './modules/cases/routes.js';
import { caseRulesRoutes } from './modules/cases/rules-routes.js';
import { citizenRoutes } from './modules/citizen/routes.js';
import { dashboardRoutes } from './modules/dashboards/routes.js';
import { deliberationRoutes } from './modules/deliberations/index.js';
import { disputeRoutes } from './modules/disputes/index.js';
import { gridDataRoutes } from './modules/grid-data/index.js'; // grid base data (issue 14 §1)
import { hotlineRoutes } from './modules/hotline/routes.js';
import { intelligenceRoutes } from './modules/intelligence/index.js'; // 智能分类 · 智能派单 (issue 19)
import { legalRoutes } from './modules/legal/index.js';
import { meetingRoutes } from './modules/meetings/index.js';
import { open311Routes } from './modules/open311/routes.js';
import { orgRoutes } from './modules/orgs/routes.js';
import { partyRoutes } from './modules/party/index.js';
import { partyRatingRoutes, partyServiceRoutes } from './modules/party-service/index.js'; // 双报到, 物业亮星 (issue 21 §2–3)
import { patrolRoutes } from './modules/patrol/routes.js';
import { pointsRoutes } from './modules/points/index.js';
import { powerRoutes } from './modules/powers/index.js';
import { privacyRoutes } from './modules/privacy/index.js'; // erasure requests (issue 18, PIPL)
import { projectRoutes } from './modules/projects/index.js';
import { psychRoutes } from './modules/psych/index.js';
import { publicRateLimit, showcaseRoutes } from './modules/public/index.js'; // public showcase (issue 17 §3)
import { qrcodeRoutes } from './modules/qrcodes/routes.js';
import { screeningRoutes } from './modules/screenings/index.js';
import { serviceItemRoutes } from './modules/service-items/index.js'; // convenience services (issue 17 §2)
import { socialOrgRoutes } from './modules/social-orgs/index.js'; // social organisations (issue 17 §1)
import { surveyRoutes } from './modules/surveys/index.js'; // public-opinion surveys (issue 21 §4)
import { taskRoutes } from './modules/tasks/index.js';
import { topicRoutes } from './modules/topics/index.js'; // 每月一题 (issue 19)
import { userRoutes } from './modules/users/routes.js';
import { videoEventRoutes } from './modules/video-events/index.js';
import { volunteerRoutes } from './modules/volunteers/index.js'; // volunteers (issue 17 §1)
import { webhookRoutes } from './modules/webhooks/routes.js';
import { workTeamRoutes } from './modules/work-teams/index.js';
import type { AppServices } from './services.js';

/** Every route under /api with what it requires: the permission-matrix test checks it covers them all. */
export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
  permission: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
  }
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The request validators of every app this process builds: Fastify's pool of Ajv instances made once here instead of
 * once per app, and each schema compiled once by its text (most routes write their schemas inline, a new object at
 * every build, so Ajv's own cache by object would miss them). An app built again in the same process — a test file's
 * system after the last one's — then compiles nothing: compiling some 300 schemas took about 0.6 s of every start.
 */
const ajvPool = AjvCompiler();
type ValidatorBuilder = ReturnType<typeof ajvPool>;
const compiledByPool = new Map<ValidatorBuilder, Map<string, ReturnType<ValidatorBuilder>>>();

function sharedValidators(...args: Parameters<typeof ajvPool>): ValidatorBuilder {
  const build = ajvPool(...args);
  const compiled = compiledByPool.get(build) ?? new Map<string, ReturnType<ValidatorBuilder>>();
  compiledByPool.set(build, compiled);
  return (route) => {
    const key = JSON.stringify(route.schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = build(route);
      compiled.set(key, validate);
    }
    return validate;
  };
}

export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    },
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: sharedValidators } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installFiniteNumbers(app); // "Infinity" coerced into a number parameter: 400 (issue 18, test/fuzz.test.ts)
  await app.register(cookie);
  await installSecurityHeaders(app, config.mode === 'production'); // CSP, nosniff, frame-ancestors, HSTS (issue 18)
  installOriginCheck(app); // cookie-authenticated state changes only from the app's own pages (issue 18)
  const rateLimiter = new RateLimiter(services.db, () => services.auth.now()); // shared by all processes (issue 18)
  installRateLimits(app, rateLimiter, parseRateRules(config.rateLimits));
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 10 } });
  await registerCompression(app); // JSON above 1 KB compressed (issue 22, src/http/web-app.ts)

  await app.register(swagger, {
    openapi: {
      info: {
        title: '共治 Gongzhi API',
        version: '0.1.0',
        description:
          'API of Gongzhi, the grassroots social-governance platform. Sign in with POST /api/auth/login (session cookie or Bearer token); machine clients send X-API-Key. Errors are { code, message, details }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gz_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ session: [] }, { bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'gongzhi_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // the read replica's lag (issue 22): /health asks it each time, /metrics once per scrape for its two gauges
  const hasReplica = services.reader !== services.db;
  let replicaProbe: { at: number; status: Promise<ReplicaStatus | null> } | null = null;
  const probeReplica = (fresh = false) => {
    if (fresh || !replicaProbe || Date.now() - replicaProbe.at > 1000) {
      replicaProbe = {
        at: Date.now(),
        status: replicaStatus(services.reader).catch((error) => {
          app.log.warn({ err: error }, 'the read replica (DATABASE_READ_URL) cannot be reached');
          return null;
        }),
      };
    }
    return replicaProbe.status;
  };
  if (hasReplica) {
    new client.Gauge({
      name: 'gongzhi_replica_up',
      help: 'The read replica (DATABASE_READ_URL) answers: 1, or 0',
      registers: [registry],
      async collect() {
        this.set((await probeReplica()) ? 1 : 0);
      },
    });
    new client.Gauge({
      name: 'gongzhi_replica_lag_seconds',
      help: 'Seconds the read replica is behind the primary (0: it has replayed all it received)',
      registers: [registry],
      async collect() {
        const status = await probeReplica();
        if (status?.lagSeconds != null) this.set(status.lagSeconds);
      },
    });
  }
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  app.get(
    '/health',
    { schema: { tags: ['system'], summary: '健康检查：数据库可用时 200（配置只读副本时报告其延迟）' } },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(services.db);
      } catch (error) {
        app.log.error({ err: error }, 'health check failed');
        return reply.status(503).send({ status: 'unavailable', database: services.dbKind });
      }
      const health = {
        status: 'ok',
        database: services.dbKind,
        mode: config.mode,
        now: services.clock.now().toISOString(),
      };
      if (!hasReplica) return health;
      // Without its replica the server still takes every write and the case work (the primary): degraded, not 503,
      // so a load balancer keeps it; the dashboards and analysis answer 503 until the replica is back.
      const replica = await probeReplica(true);
      return replica
        ? { ...health, replica: { status: 'ok', ...replica } }
        : { ...health, status: 'degraded', replica: { status: 'unavailable' } };
    },
  );

  // npm run backup while the server runs on PGlite: outside /api, with its own local-only token (issue 18)
  await app.register(backupRoutes(services));

  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  await app.register(
    async (api) => {
      api.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) {
          if (method === 'HEAD') continue;
          apiRoutes.push({
            method,
            url: route.url,
            public: !!route.config?.public,
            permission: route.config?.permission ?? null,
          });
        }
      });
      installAuthHooks(api, services.auth);
      await api.register(publicRateLimit(undefined, databaseRateLimitStore(rateLimiter))); // public showcase (issue 17 §3): every /api/public route is rate-limited; counted in the database (issue 18)
      await api.register(authRoutes(services));
      await api.register(orgRoutes(services));
      await api.register(userRoutes(services));
      await api.register(adminRoutes(services));
      await api.register(assessmentRoutes(services));
      await api.register(caseRoutes(services));
      await api.register(dashboardRoutes(services));
      await api.register(analysisRoutes(services));
      await api.register(intelligenceRoutes(services)); // 智能分类 · 智能派单 (issue 19)
      await api.register(caseRulesRoutes(services));
      await api.register(citizenRoutes(services));
      await api.register(
        privacyRoutes({ db: services.db, clock: services.clock, audit: services.audit, crypto: services.fieldCrypto }),
      ); // PIPL
      await api.register(patrolRoutes(services));
      await api.register(qrcodeRoutes(services));
      await api.register(attachmentRoutes(services));
      await api.register(hotlineRoutes(services));
      await api.register(webhookRoutes(services));
      await api.register(taskRoutes({ tasks: services.tasks, db: services.db }));
      await api.register(topicRoutes({ topics: services.topics })); // 每月一题 (issue 19)
      await api.register(meetingRoutes({ meetings: services.meetings }));
      await api.register(workTeamRoutes({ workTeams: services.workTeams }));
      await api.register(projectRoutes({ projects: services.projects }));
      await api.register(pointsRoutes({ points: services.points }));
      await api.register(volunteerRoutes({ volunteers: services.volunteers })); // volunteers (issue 17 §1)
      await api.register(socialOrgRoutes({ socialOrgs: services.socialOrgs })); // social organisations (issue 17 §1)
      await api.register(videoEventRoutes({ video: services.video })); // video events (issue 14 §3)
      await api.register(deliberationRoutes({ deliberations: services.deliberations })); // deliberation (issue 16 §2)
      await api.register(powerRoutes({ powers: services.powers })); // small-power list (issue 16 §3)
      await api.register(surveyRoutes({ surveys: services.surveys })); // public-opinion surveys (issue 21 §4)
      await api.register(showcaseRoutes({ showcase: services.showcase })); // public showcase (issue 17 §3)
      await api.register(partyServiceRoutes({ partyService: services.partyService })); // 双报到 (issue 21 §2)
      await api.register(partyRatingRoutes({ partyRatings: services.partyRatings })); // 物业亮星, 执法亮剑 (issue 21 §3)
      await api.register(partyRoutes({ party: services.party })); // party organisation (issue 21 §1–§3)
      await api.register(disputeRoutes({ disputes: services.disputes })); // disputes (issue 15)
      await api.register(gridDataRoutes({ gridData: services.gridData })); // grid base data (issue 14 §1)
      await api.register(psychRoutes({ psych: services.psych })); // psychological referrals (issue 15 §3)
      await api.register(screeningRoutes({ screenings: services.screenings })); // screenings (issue 14 §2)
      await api.register(legalRoutes({ legal: services.legal })); // legal advisers (issue 15 §2)
      await api.register(serviceItemRoutes({ services: services.serviceItems })); // convenience services (issue 17 §2)
      await api.register(basemapRoutes()); // base maps under every map (issue 20)
    },
    { prefix: '/api' },
  );
  // Open311 GeoReport v2: its own api_key parameter, formats and error shape (src/modules/open311).
  await app.register(open311Routes(services), { prefix: '/open311/v2' });

  // the built web app, precompressed; the phone entry for /report and /grid (issue 22, src/http/web-app.ts)
  const { hasWeb, hasPhoneEntry } = await registerWebApp(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && hasWeb && !/^\/(api|open311|docs|metrics|health)(\/|$)/.test(url)) {
      // The web app routes on the client: every other page path gets index.html.
      return reply.type('text/html').sendFile(webPageFor(request.url, hasPhoneEntry));
    }
    if (request.method === 'GET' && url === '/' && !hasWeb) {
      return reply
        .type('text/html')
        .send(
          '<!doctype html><html><body><h1>共治 Gongzhi</h1><p>The web app is not built: run <code>npm run build:web</code>. API docs: <a href="/docs">/docs</a></p></body></html>',
        );
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: `找不到 ${request.method} ${url}` });
  });

  return app;
}
