// The staff workbench: side menu, header with organisation, clock, language, user and logout.
import {
  AimOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FlagOutlined,
  GiftOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuOutlined,
  MobileOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  PhoneOutlined,
  QrcodeOutlined,
  RobotOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Space, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCan, useCurrentUser, useLogout } from '../auth';
import { NotificationBell } from '../components/NotificationBell';
import { ROLE_LABELS } from '../labels';
import { HeaderClock } from './HeaderClock';
import { LangSwitch } from './LangSwitch';

const { Header, Sider, Content } = Layout;

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: string;
}

export const ADMIN_NAV: NavItem[] = [
  { path: '/admin/orgs', label: '组织机构', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/admin/grids', label: '网格地图', icon: <GlobalOutlined />, permission: 'org.read' },
  { path: '/admin/qrcodes', label: '码上办二维码', icon: <QrcodeOutlined />, permission: 'org.read' },
  { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/admin/api-keys', label: 'API 密钥', icon: <KeyOutlined />, permission: 'apikey.manage' },
  { path: '/admin/hotline', label: '12345 工单导入', icon: <PhoneOutlined />, permission: 'hotline.manage' },
  { path: '/admin/webhooks', label: '状态同步', icon: <ApiOutlined />, permission: 'webhook.manage' },
  { path: '/admin/categories', label: '事项分类', icon: <PartitionOutlined /> },
  { path: '/admin/calendar', label: '节假日日历', icon: <CalendarOutlined />, permission: 'calendar.manage' },
  { path: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/admin/privacy', label: '个人信息删除', icon: <SafetyOutlined />, permission: 'user.manage' }, // PIPL (issue 18)
  { path: '/admin/assessment', label: '考核设置', icon: <TrophyOutlined />, permission: 'assessment.manage' },
  { path: '/admin/time-limits', label: '时限设置', icon: <FieldTimeOutlined />, permission: 'timelimit.manage' },
  { path: '/admin/intelligence', label: '智能派单', icon: <RobotOutlined />, permission: 'category.manage' }, // issue 19
  { path: '/admin/routing-rules', label: '派遣规则', icon: <NodeIndexOutlined />, permission: 'timelimit.manage' },
];

interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  items: NavItem[];
}

/** The community's work beyond the case, in four groups as the seed document names them. */
const WORK_NAV: NavGroup[] = [
  {
    // 网格治理 (issue 14): what a grid holds, the screening cadence, machine-detected events
    key: 'grid-ops',
    label: '网格治理',
    icon: <GlobalOutlined />,
    items: [
      { path: '/grid-data', label: '网格底数', icon: <DatabaseOutlined />, permission: 'griddata.read' },
      { path: '/screenings', label: '矛盾纠纷排查', icon: <ScheduleOutlined />, permission: 'screening.read' },
      { path: '/video-events', label: '视频事件', icon: <VideoCameraOutlined />, permission: 'video.read' },
    ],
  },
  {
    // 协同共治 (issue 13): tasks, joint meetings, special work teams, breakthrough projects
    key: 'cogov',
    label: '协同共治',
    icon: <ClusterOutlined />,
    items: [
      { path: '/tasks', label: '任务督办', icon: <CarryOutOutlined />, permission: 'task.read' },
      { path: '/meetings', label: '联席会议', icon: <TeamOutlined />, permission: 'meeting.read' },
      { path: '/work-teams', label: '工作专班', icon: <FlagOutlined />, permission: 'workteam.read' },
      { path: '/projects', label: '突破项目', icon: <AimOutlined />, permission: 'project.read' },
    ],
  },
  {
    // 矛盾化解 (issue 15): disputes and mediation, legal advisers, psychological services
    key: 'resolve',
    label: '矛盾化解',
    icon: <SafetyOutlined />,
    items: [
      { path: '/disputes', label: '矛盾纠纷', icon: <SafetyOutlined />, permission: 'dispute.read' },
      { path: '/legal', label: '法律顾问', icon: <BankOutlined />, permission: 'legal.read' },
      { path: '/psych', label: '心理服务', icon: <HeartOutlined />, permission: 'psych.read' },
    ],
  },
  {
    // 村民自治 (issue 16): civility points, deliberation, the small-power list
    key: 'selfgov',
    label: '村民自治',
    icon: <CommentOutlined />,
    items: [
      { path: '/points', label: '文明积分', icon: <GiftOutlined />, permission: 'points.read' },
      { path: '/deliberations', label: '议事', icon: <CommentOutlined />, permission: 'deliberation.read' },
      { path: '/powers', label: '小微权力', icon: <AuditOutlined />, permission: 'power.read' },
    ],
  },
  {
    // 社会协同 (issue 17): volunteers and social organisations, convenience services, the public showcase
    key: 'social',
    label: '社会协同',
    icon: <HeartOutlined />,
    items: [
      // volunteers
      { path: '/volunteers', label: '志愿服务', icon: <HeartOutlined />, permission: 'volunteer.read' },
      // social organisations
      { path: '/social-orgs', label: '社会组织', icon: <BankOutlined />, permission: 'socialorg.read' },
      // convenience services
      { path: '/services', label: '便民服务', icon: <ShopOutlined />, permission: 'service.read' },
      // public showcase
      { path: '/showcase', label: '公开展示管理', icon: <GlobalOutlined />, permission: 'showcase.write' },
      {
        path: '/showcase?state=submitted',
        label: '典型案例审核',
        icon: <AuditOutlined />,
        permission: 'showcase.review',
      },
    ],
  },
  {
    // 党建引领 (issue 21): the party organisation along the grid, 双报到, 六亮, public-opinion surveys
    key: 'party',
    label: '党建引领',
    icon: <FlagOutlined />,
    items: [
      // party organisation
      { path: '/party-org', label: '党组织体系', icon: <ApartmentOutlined />, permission: 'party.read' },
      // 双报到 and 六亮
      { path: '/party-service', label: '双报到', icon: <TeamOutlined />, permission: 'partyservice.read' },
      { path: '/party-ratings', label: '亮星亮剑', icon: <StarOutlined />, permission: 'propertyrating.read' },
      // surveys
      { path: '/surveys', label: '民意调查', icon: <BarChartOutlined />, permission: 'survey.read' },
    ],
  },
];
const WORK_ITEMS = WORK_NAV.flatMap((g) => g.items);

export function WorkbenchLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const adminItems = ADMIN_NAV.filter((n) => !n.permission || can(n.permission)).map((n) => ({
    key: n.path,
    icon: n.icon,
    label: t(n.label),
  }));
  const workGroups = WORK_NAV.map((g) => ({
    key: g.key,
    icon: g.icon,
    label: t(g.label),
    children: g.items
      .filter((n) => !n.permission || can(n.permission))
      .map((n) => ({ key: n.path, icon: n.icon, label: t(n.label) })),
  })).filter((g) => g.children.length > 0);
  const items: MenuProps['items'] = [
    ...(can('case.read') ? [{ key: '/cases', icon: <InboxOutlined />, label: t('我的待办') }] : []),
    { key: '/', icon: <HomeOutlined />, label: t('首页') },
    ...(can('case.read') ? [{ key: '/command', icon: <DashboardOutlined />, label: t('指挥平台') }] : []),
    ...(can('case.read') ? [{ key: '/dashboards', icon: <LineChartOutlined />, label: t('数据看板') }] : []),
    ...(can('case.read') ? [{ key: '/analysis', icon: <BarChartOutlined />, label: t('分析研判') }] : []),
    ...(can('topic.read') ? [{ key: '/topics', icon: <BulbOutlined />, label: t('每月一题') }] : []), // issue 19
    ...(can('assessment.view') ? [{ key: '/assessment', icon: <TrophyOutlined />, label: t('督导考核') }] : []),
    ...workGroups,
    ...(can('patrol.record') ? [{ key: '/grid', icon: <MobileOutlined />, label: t('网格员手机端') }] : []),
    ...(adminItems.length
      ? [{ key: 'admin', icon: <SettingOutlined />, label: t('系统管理'), children: adminItems }]
      : []),
  ];
  const selected =
    ADMIN_NAV.find((n) => location.pathname.startsWith(n.path))?.path ??
    WORK_ITEMS.find((n) => location.pathname.startsWith(n.path))?.path ??
    (location.pathname.startsWith('/cases')
      ? '/cases'
      : location.pathname.startsWith('/analysis') || location.pathname.startsWith('/topics')
        ? location.pathname.startsWith('/topics')
          ? '/topics'
          : '/analysis'
        : location.pathname.startsWith('/command')
          ? '/command'
          : location.pathname.startsWith('/dashboards')
            ? '/dashboards'
            : location.pathname.startsWith('/assessment')
              ? '/assessment'
              : '/');

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={[...WORK_NAV.map((g) => g.key), 'admin']}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      data-testid="side-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <div className="gz-brand" style={{ minWidth: 0, overflow: 'hidden', flex: '1 1 auto' }}>
          {narrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              style={{ color: '#fff' }}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('菜单')}
              data-testid="menu-button"
            />
          )}
          <span className="gz-brand-logo">共</span>
          {!narrow && <span>{t('共治 · 基层社会治理平台')}</span>}
          {me.org && (
            <span
              style={{ fontWeight: 400, fontSize: 14, opacity: 0.9, overflow: 'hidden', textOverflow: 'ellipsis' }}
              data-testid="header-org"
            >
              {narrow ? me.org.name : `｜ ${me.org.name}`}
            </span>
          )}
        </div>
        <div className="gz-header-right" style={{ flex: '0 0 auto', ...(narrow ? { gap: 2 } : {}) }}>
          <HeaderClock compact={narrow} />
          <NotificationBell />
          <LangSwitch />
          <Tooltip title={t(ROLE_LABELS[me.role])}>
            <Space size={4} data-testid="header-user">
              <UserOutlined />
              {!narrow && me.displayName}
            </Space>
          </Tooltip>
          <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
            {narrow ? null : t('退出')}
          </Button>
        </div>
      </Header>
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            closable={false}
            styles={{ body: { padding: 0, background: '#10233f' } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            collapsedWidth={64}
            width={208}
            breakpoint="lg"
            className="gz-sider"
          >
            {menu}
          </Sider>
        )}
        <Content className="gz-content" style={narrow ? { padding: 8 } : undefined}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
