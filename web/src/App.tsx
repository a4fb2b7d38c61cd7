import { useQueryClient } from '@tanstack/react-query';
import { Result } from 'antd';
import { lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api';
import { useMe } from './auth';
import { ReauthPrompt } from './components/ReauthPrompt';
import { FullSpin, Guard } from './components/RouteGuard';
import { MobileLayout } from './layout/MobileLayout';
import { WorkbenchLayout } from './layout/WorkbenchLayout';
import { gridWorkerRoutes } from './pages/grid/grid-routes';
import CitizenServicesPage from './pages/home/CitizenServices'; // small, and the phone layout has it already
import { HomePage } from './pages/home/HomePage';
import { LoginPage } from './pages/LoginPage';

const OrgsPage = lazy(() => import('./pages/admin/OrgsPage'));
const GridsPage = lazy(() => import('./pages/admin/GridsPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const ApiKeysPage = lazy(() => import('./pages/admin/ApiKeysPage'));
const HotlineImportPage = lazy(() => import('./pages/admin/HotlineImportPage'));
const WebhooksPage = lazy(() => import('./pages/admin/WebhooksPage'));
const CategoriesPage = lazy(() => import('./pages/admin/CategoriesPage'));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const PrivacyErasuresPage = lazy(() => import('./pages/admin/PrivacyErasuresPage')); // PIPL erasure (issue 18)
const InboxPage = lazy(() => import('./pages/cases/InboxPage'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'));
const NewCasePage = lazy(() => import('./pages/cases/NewCasePage'));
const TimeLimitsPage = lazy(() => import('./pages/admin/TimeLimitsPage'));
const IntelligenceSettingsPage = lazy(() => import('./pages/intelligence/IntelligenceSettingsPage')); // issue 19
const RoutingRulesPage = lazy(() => import('./pages/admin/RoutingRulesPage'));
const ReportPage = lazy(() => import('./pages/citizen/ReportPage'));
const MyCasesPage = lazy(() => import('./pages/citizen/MyCasesPage'));
const MyCaseDetailPage = lazy(() => import('./pages/citizen/MyCaseDetailPage'));
const QrCodesPage = lazy(() => import('./pages/grid/QrCodesPage'));
const AssessmentRankingPage = lazy(() => import('./pages/assessment/RankingPage'));
const AssessmentBulletinPage = lazy(() => import('./pages/assessment/BulletinPage'));
const AssessmentRatingsPage = lazy(() => import('./pages/assessment/RatingsPage'));
const AssessmentSettingsPage = lazy(() => import('./pages/assessment/AssessmentSettingsPage'));
const AnalysisPage = lazy(() => import('./pages/analysis/AnalysisPage'));
const DashboardsPage = lazy(() => import('./pages/dashboards/DashboardsPage'));
const CommandPage = lazy(() => import('./pages/command/CommandPage'));
// Co-governance (issue 13): each area routes its own pages below its prefix.
const TaskRoutes = lazy(() => import('./pages/tasks/TaskRoutes'));
const TopicRoutes = lazy(() => import('./pages/topics/TopicRoutes')); // 每月一题 (issue 19)
const MeetingRoutes = lazy(() => import('./pages/meetings/MeetingRoutes'));
const WorkTeamRoutes = lazy(() => import('./pages/work-teams/WorkTeamRoutes'));
const ProjectRoutes = lazy(() => import('./pages/projects/ProjectRoutes'));
// civility points (issue 16): the staff pages, the household's phone page, the village's public board
const PointsRoutes = lazy(() => import('./pages/points/PointsRoutes'));
// grid base data (issue 14 §1)
const GridDataRoutes = lazy(() => import('./pages/grid-data/GridDataRoutes'));
const MyPointsPage = lazy(() => import('./pages/points/MyPointsPage'));
const PublicBoardPage = lazy(() => import('./pages/points/PublicBoardPage'));
// deliberation (issue 16 §2): staff pages, the resident's phone pages, the village's public board
const DeliberationRoutes = lazy(() => import('./pages/deliberations/DeliberationRoutes'));
const MyDeliberationRoutes = lazy(() => import('./pages/deliberations/MyDeliberationsPage'));
const DeliberationBoardPage = lazy(() => import('./pages/deliberations/DeliberationBoardPage'));
// volunteers and social organisations (issue 17 §1)
const VolunteerRoutes = lazy(() => import('./pages/volunteers/VolunteerRoutes'));
const MyVolunteerPage = lazy(() => import('./pages/volunteers/MyVolunteerPage'));
const SocialOrgRoutes = lazy(() => import('./pages/social-orgs/SocialOrgRoutes'));
// small-power list (issue 16 §3): the staff pages and the village's public page
const PartyRoutes = lazy(() => import('./pages/party/PartyRoutes')); // party organisation (issue 21 §1)
const PublicGridCardPage = lazy(() => import('./pages/party/PublicGridCardPage'));
const PowerRoutes = lazy(() => import('./pages/powers/PowerRoutes'));
// 双报到 and 物业亮星 · 执法亮剑 (issue 21 §2–3)
const PartyServiceRoutes = lazy(() => import('./pages/party-service/PartyServiceRoutes'));
const PartyRatingsRoutes = lazy(() => import('./pages/party-service/PartyRatingsRoutes'));
const MyPartyServicePage = lazy(() => import('./pages/party-service/MyPartyServicePage'));
const PublicRatingsPage = lazy(() => import('./pages/party-service/PublicRatingsPage'));
const PublicPowersPage = lazy(() => import('./pages/powers/PublicPowersPage'));
// convenience services (issue 17 §2): the staff pages and the resident's guide on the phone (no sign-in)
const ServiceRoutes = lazy(() => import('./pages/services/ServiceRoutes'));
const FindServicesPage = lazy(() => import('./pages/services/FindServicesPage'));
const ServiceGuidePage = lazy(() => import('./pages/services/ServiceGuidePage'));
const DisputeRoutes = lazy(() => import('./pages/disputes/DisputeRoutes'));
const VideoEventsPage = lazy(() => import('./pages/video/VideoEventsPage')); // video events (issue 14 §3)
const ScreeningRoutes = lazy(() => import('./pages/screenings/ScreeningRoutes')); // screenings (issue 14 §2)
const MyDisputeRoutes = lazy(() => import('./pages/disputes/MyDisputesPage'));
// psychological referrals (issue 15 §3)
const PsychRoutes = lazy(() => import('./pages/psych/PsychRoutes'));
// legal advisers (issue 15 §2): the staff pages and the adviser's phone page
const LegalRoutes = lazy(() => import('./pages/legal/LegalRoutes'));
const AdviserPhonePage = lazy(() => import('./pages/legal/AdviserPhonePage'));
// public showcase (issue 17 §3): the public page (no sign-in) and the staff pages
const PublicRoutes = lazy(() => import('./pages/public/PublicRoutes'));
const ShowcaseRoutes = lazy(() => import('./pages/public/ShowcaseRoutes'));
// public-opinion surveys (issue 21 §4): staff pages, the citizen's list, the questionnaire behind a link
const SurveyRoutes = lazy(() => import('./pages/surveys/SurveyRoutes'));
const MySurveysPage = lazy(() => import('./pages/surveys/MySurveysPage'));
const PublicSurveyPage = lazy(() => import('./pages/surveys/PublicSurveyPage'));

/** Sends a 401 from any call back to the login page, remembering where the user was. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      // /report signs citizens in on the page itself, keeping their draft.
      if (window.location.pathname === '/login' || window.location.pathname === '/report') return;
      // the public boards (文明积分公示榜) are read without signing in
      if (window.location.pathname.startsWith('/board/')) return;
      // the county's public page (issue 17 §3) is read without signing in
      if (window.location.pathname.startsWith('/public')) return;
      qc.removeQueries({ queryKey: ['me'] });
      navigate('/login', { replace: true, state: { from: window.location.pathname } });
    });
  }, [navigate, qc]);
  return null;
}

function RequireAuth({ mobile }: { mobile?: 'grid' | 'legal' }) {
  const { t } = useTranslation();
  const { data, error, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <FullSpin />;
  if (error instanceof ApiError && error.status === 401) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  if (error || !data) {
    return <Result status="error" title={t('无法连接服务器')} subTitle={error instanceof Error ? error.message : ''} />;
  }
  if (mobile) return <MobileLayout variant={mobile} />;
  return data.role === 'citizen' ? <MobileLayout /> : <WorkbenchLayout />;
}

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <UnauthorizedRedirect />
      <ReauthPrompt />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* 公开信息: the county's public page, no sign-in (issue 17 §3). */}
        <Route
          path="public/*"
          element={
            <Guard>
              <PublicRoutes />
            </Guard>
          }
        />
        {/* 一键反映 works before sign-in: the page asks for the phone code itself. */}
        <Route element={<MobileLayout />}>
          <Route
            path="report"
            element={
              <Guard>
                <ReportPage />
              </Guard>
            }
          />
          {/* 网格亮责: the grid's public card, no sign-in (issue 21 §3). */}
          <Route
            path="board/grid/:gridId"
            element={
              <Guard>
                <PublicGridCardPage />
              </Guard>
            }
          />
          {/* 便民服务 办事指南: public, no sign-in (issue 17 §2). */}
          <Route
            path="board/services"
            element={
              <Guard>
                <FindServicesPage />
              </Guard>
            }
          />
          <Route
            path="board/services/:id"
            element={
              <Guard>
                <ServiceGuidePage />
              </Guard>
            }
          />
          {/* 小微权力清单 公开页: public, no sign-in (issue 16 §3). */}
          <Route
            path="board/powers/:villageId"
            element={
              <Guard>
                <PublicPowersPage />
              </Guard>
            }
          />
          {/* 文明积分公示榜: public, no sign-in (the QR code on the village's notice board). */}
          <Route
            path="board/points/:villageId"
            element={
              <Guard>
                <PublicBoardPage />
              </Guard>
            }
          />
          {/* 物业亮星 · 执法亮剑 公示: public, no sign-in (issue 21 §3) */}
          <Route
            path="board/party-ratings"
            element={
              <Guard>
                <PublicRatingsPage />
              </Guard>
            }
          />
          <Route
            path="board/deliberations/:villageId"
            element={
              <Guard>
                <DeliberationBoardPage />
              </Guard>
            }
          />
          {/* 问卷链接 /s/<token> (issue 21 §4): public, no sign-in; the token is the sampled person's credential. */}
          <Route
            path="s/:token"
            element={
              <Guard>
                <PublicSurveyPage />
              </Guard>
            }
          />
        </Route>
        <Route path="grid" element={<RequireAuth mobile="grid" />}>
          {gridWorkerRoutes(Guard)}
        </Route>
        <Route path="m/legal" element={<RequireAuth mobile="legal" />}>
          <Route
            index
            element={
              <Guard permission="legal.record">
                <AdviserPhonePage />
              </Guard>
            }
          />
        </Route>
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route
            path="cases"
            element={
              <Guard permission="case.read">
                <InboxPage />
              </Guard>
            }
          />
          <Route
            path="cases/new"
            element={
              <Guard permission="case.create">
                <NewCasePage />
              </Guard>
            }
          />
          <Route
            path="cases/:id"
            element={
              <Guard permission="case.read">
                <CaseDetailPage />
              </Guard>
            }
          />
          <Route
            path="my"
            element={
              <Guard>
                <MyCasesPage />
              </Guard>
            }
          />
          <Route
            path="my/disputes/*"
            element={
              <Guard>
                <MyDisputeRoutes />
              </Guard>
            }
          />
          {/* 服务: the resident's tiles (points, mediation, deliberation, 双报到, volunteers, surveys, guides) */}
          <Route
            path="my/services"
            element={
              <Guard>
                <CitizenServicesPage />
              </Guard>
            }
          />
          <Route
            path="my/points"
            element={
              <Guard permission="points.own">
                <MyPointsPage />
              </Guard>
            }
          />
          {/* 我的双报到 (issue 21 §2): the in-service member's phone */}
          <Route
            path="my/party-service"
            element={
              <Guard permission="partyservice.own">
                <MyPartyServicePage />
              </Guard>
            }
          />
          <Route
            path="my/deliberations/*"
            element={
              <Guard permission="deliberation.own">
                <MyDeliberationRoutes />
              </Guard>
            }
          />
          {/* 志愿服务 on the phone (issue 17 §1) */}
          <Route
            path="my/volunteer/*"
            element={
              <Guard permission="volunteer.own">
                <MyVolunteerPage />
              </Guard>
            }
          />
          {/* public-opinion surveys (issue 21 §4): the citizen's pending surveys, the staff pages */}
          <Route
            path="my/surveys"
            element={
              <Guard permission="survey.own">
                <MySurveysPage />
              </Guard>
            }
          />
          <Route
            path="surveys/*"
            element={
              <Guard permission="survey.read">
                <SurveyRoutes />
              </Guard>
            }
          />
          <Route
            path="my/:id"
            element={
              <Guard>
                <MyCaseDetailPage />
              </Guard>
            }
          />
          <Route
            path="admin/qrcodes"
            element={
              <Guard permission="org.read">
                <QrCodesPage />
              </Guard>
            }
          />
          <Route
            path="admin/intelligence"
            element={
              <Guard permission="case.read">
                <IntelligenceSettingsPage />
              </Guard>
            }
          />
          <Route
            path="admin/time-limits"
            element={
              <Guard permission="timelimit.manage">
                <TimeLimitsPage />
              </Guard>
            }
          />
          <Route
            path="admin/routing-rules"
            element={
              <Guard permission="timelimit.manage">
                <RoutingRulesPage />
              </Guard>
            }
          />
          <Route
            path="admin/orgs"
            element={
              <Guard permission="org.read">
                <OrgsPage />
              </Guard>
            }
          />
          <Route
            path="admin/grids"
            element={
              <Guard permission="org.read">
                <GridsPage />
              </Guard>
            }
          />
          <Route
            path="admin/users"
            element={
              <Guard permission="user.read">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="admin/api-keys"
            element={
              <Guard permission="apikey.manage">
                <ApiKeysPage />
              </Guard>
            }
          />
          <Route
            path="admin/hotline"
            element={
              <Guard permission="hotline.manage">
                <HotlineImportPage />
              </Guard>
            }
          />
          <Route
            path="admin/webhooks"
            element={
              <Guard permission="webhook.manage">
                <WebhooksPage />
              </Guard>
            }
          />
          <Route
            path="admin/categories"
            element={
              <Guard>
                <CategoriesPage />
              </Guard>
            }
          />
          <Route
            path="admin/calendar"
            element={
              <Guard permission="calendar.manage">
                <CalendarPage />
              </Guard>
            }
          />
          <Route
            path="admin/audit"
            element={
              <Guard permission="audit.read">
                <AuditPage />
              </Guard>
            }
          />
          <Route
            path="admin/privacy"
            element={
              <Guard permission="user.manage">
                <PrivacyErasuresPage />
              </Guard>
            }
          />
          <Route
            path="dashboards"
            element={
              <Guard permission="case.read">
                <DashboardsPage />
              </Guard>
            }
          />
          <Route
            path="command"
            element={
              <Guard permission="case.read">
                <CommandPage />
              </Guard>
            }
          />
          <Route
            path="analysis"
            element={
              <Guard permission="case.read">
                <AnalysisPage />
              </Guard>
            }
          />
          <Route
            path="assessment"
            element={
              <Guard permission="assessment.view">
                <AssessmentRankingPage />
              </Guard>
            }
          />
          <Route
            path="assessment/bulletin"
            element={
              <Guard permission="assessment.view">
                <AssessmentBulletinPage />
              </Guard>
            }
          />
          <Route
            path="assessment/ratings"
            element={
              <Guard permission="assessment.view">
                <AssessmentRatingsPage />
              </Guard>
            }
          />
          <Route
            path="admin/assessment"
            element={
              <Guard permission="assessment.manage">
                <AssessmentSettingsPage />
              </Guard>
            }
          />
          <Route
            path="topics/*"
            element={
              <Guard permission="topic.read">
                <TopicRoutes />
              </Guard>
            }
          />
          <Route
            path="tasks/*"
            element={
              <Guard permission="task.read">
                <TaskRoutes />
              </Guard>
            }
          />
          <Route
            path="meetings/*"
            element={
              <Guard permission="meeting.read">
                <MeetingRoutes />
              </Guard>
            }
          />
          <Route
            path="work-teams/*"
            element={
              <Guard permission="workteam.read">
                <WorkTeamRoutes />
              </Guard>
            }
          />
          <Route
            path="projects/*"
            element={
              <Guard permission="project.read">
                <ProjectRoutes />
              </Guard>
            }
          />
          <Route
            path="points/*"
            element={
              <Guard permission="points.read">
                <PointsRoutes />
              </Guard>
            }
          />
          <Route
            path="grid-data/*"
            element={
              <Guard permission="griddata.read">
                <GridDataRoutes />
              </Guard>
            }
          />
          <Route
            path="deliberations/*"
            element={
              <Guard permission="deliberation.read">
                <DeliberationRoutes />
              </Guard>
            }
          />
          {/* volunteers and social organisations (issue 17 §1) */}
          <Route
            path="volunteers/*"
            element={
              <Guard permission="volunteer.read">
                <VolunteerRoutes />
              </Guard>
            }
          />
          <Route
            path="social-orgs/*"
            element={
              <Guard permission="socialorg.read">
                <SocialOrgRoutes />
              </Guard>
            }
          />
          <Route
            path="party-org/*"
            element={
              <Guard permission="party.read">
                <PartyRoutes />
              </Guard>
            }
          />
          <Route
            path="services/*"
            element={
              <Guard permission="service.read">
                <ServiceRoutes />
              </Guard>
            }
          />
          <Route
            path="powers/*"
            element={
              <Guard permission="power.read">
                <PowerRoutes />
              </Guard>
            }
          />
          {/* 双报到 and 物业亮星 · 执法亮剑 (issue 21 §2–3) */}
          <Route
            path="party-service/*"
            element={
              <Guard permission="partyservice.read">
                <PartyServiceRoutes />
              </Guard>
            }
          />
          <Route
            path="party-ratings/*"
            element={
              <Guard permission="propertyrating.read">
                <PartyRatingsRoutes />
              </Guard>
            }
          />
          <Route
            path="showcase/*"
            element={
              <Guard>
                <ShowcaseRoutes />
              </Guard>
            }
          />
          <Route
            path="disputes/*"
            element={
              <Guard permission="dispute.read">
                <DisputeRoutes />
              </Guard>
            }
          />
          <Route
            path="video-events"
            element={
              <Guard permission="video.read">
                <VideoEventsPage />
              </Guard>
            }
          />
          <Route
            path="screenings/*"
            element={
              <Guard permission="screening.read">
                <ScreeningRoutes />
              </Guard>
            }
          />
          <Route
            path="psych/*"
            element={
              <Guard permission="psych.read">
                <PsychRoutes />
              </Guard>
            }
          />
          <Route
            path="legal/*"
            element={
              <Guard permission="legal.read">
                <LegalRoutes />
              </Guard>
            }
          />
          <Route path="*" element={<Result status="404" title="404" subTitle={t('页面不存在')} />} />
        </Route>
      </Routes>
    </>
  );
}
