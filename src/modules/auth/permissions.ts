// Roles (DOMAIN.md §1) and what each may do. Routes name the permission they need; scope (which
// organisations' data) is decided separately by the principal's organisation subtree.

export const ROLES = [
  'admin',
  'leader',
  'county_operator',
  'town_operator',
  'village_operator',
  'grid_worker',
  'department_handler',
  'third_party',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen');

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'apikey.manage',
  'category.manage',
  'calendar.manage',
  'clock.advance',
  'audit.read',
  'case.read',
  'case.create',
  'case.handle',
  'case.supervise',
  'timelimit.manage',
  'pii.view',
  'open311',
  'hotline.push',
  'hotline.manage',
  // video events (issue 14 §3): push (the video platforms' API keys), read events and cameras (scope decides
  // which), keep the camera registry and the aggregation window
  'video.push',
  'video.read',
  'video.manage',
  'webhook.manage',
  'patrol.record',
  'patrol.read',
  'assessment.view',
  'assessment.rate',
  'assessment.manage',
  'task.read',
  'task.handle',
  'task.assign',
  'meeting.read',
  'meeting.manage',
  'workteam.read',
  'workteam.manage',
  'project.read',
  'project.manage',
  'project.evaluate',
  // disputes (issue 15)
  'dispute.read',
  'dispute.register',
  'dispute.handle',
  'dispute.manage',
  // civility points (issue 16): read the villages' ledgers, manage them (village), approve and decide
  // objections (town), and a citizen's own household ledger
  'points.read',
  'points.manage',
  'points.approve',
  'points.own',
  // small-power list (issue 16 §3): read the villages' lists and exercises (scope decides which); keep a
  // village's list and record its exercises (village), the county template (county platform)
  'power.read',
  'power.manage',
  // volunteers and social organisations (issue 17 §1): read the teams, activities and volunteers (scope decides
  // which), organise activities and keep teams (village, town, county); a citizen's own part on the phone
  // (register, join, sign up, check in and out); read and keep the registry of social organisations
  'volunteer.read',
  'volunteer.manage',
  'volunteer.own',
  'socialorg.read',
  'socialorg.manage',
  // public showcase (issue 17 §3): write typical cases and news posts (county and town platforms); review typical
  // cases before they are published (county platform, leader) — never one's own
  'showcase.write',
  'showcase.review',
  // public-opinion surveys (issue 21 §4): read rounds and results (scope decides which towns and villages),
  // design rounds, draw samples and send them (county platform), call sampled people from the call screen
  // (platforms of every level), and a citizen's own pending surveys on the phone
  'survey.read',
  'survey.manage',
  'survey.call',
  'survey.own',
  // convenience services (issue 17 §2): read stations, lists, applications and figures (scope decides which);
  // record applications at a station (handled or 代办); keep stations and their lists (the county template: county)
  'service.read',
  'service.handle',
  'service.manage',
  // screenings (issue 14 §2): see the screenings of one's subtree, record one's own unit's, keep cadence and checklist
  'screening.read',
  'screening.record',
  'screening.manage',
  // deliberation (issue 16 §2): read the villages' stations and topics, run a station's work (village, town),
  // and a resident's own part on the phone (raise, comment, vote)
  'deliberation.read',
  'deliberation.manage',
  'deliberation.own',
  // psychological referrals (issue 15 §3): see the referrals one stands to (status only unless counsellor),
  // refer a person, read and record the content (the counselling organisation's accounts only)
  'psych.read',
  'psych.refer',
  'psych.content',
  // legal advisers (issue 15 §2): read the roster, log and monthly figures (scope decides which), record
  // services (the law firms), manage the roster and assignments (county platform / 司法局)
  'legal.read',
  'legal.record',
  'legal.manage',
  // grid base data (issue 14 §1): read and keep the records of one's grids, reveal a masked ID number, phone or
  // room (audited), see the sensitive special-group tags, and keep the tag list
  'griddata.read',
  'griddata.manage',
  'griddata.reveal',
  'griddata.sensitive',
  'griddata.configure',
  // party organisation along the grid (issue 21 §1–§3): read the party organisations, members, 大党委 and first
  // secretaries (scope decides which); keep them (town, village); send first secretaries and assign their tasks
  // (county platform, the sending departments)
  'party.read',
  'party.manage',
  'party.secretary',
  // 双报到 and 物业亮星 / 执法亮剑 (issue 21 §2–3): read registrations, needs and star ratings (scope decides which);
  // register one's own unit with a community and claim needs for it; keep a community's registrations and needs
  // (confirm, publish, rate, cancel — the community and the levels above); issue the units' yearly reports
  // (county platform); a citizen's own part on the phone (register as an in-service member, claim, record);
  // keep property companies, compounds, linked cases and the recompute; a resident's monthly rating of a compound
  'partyservice.read',
  'partyservice.join',
  'partyservice.manage',
  'partyservice.report',
  'partyservice.own',
  'propertyrating.read',
  'propertyrating.manage',
  'propertyrating.own',
  // 每月一题 · 未诉先办 (issue 19): read the month's proposed problems and the topics (scope decides which); adopt a
  // proposal as a topic with its lead unit and tasks, and close it (county and town platforms: leaders, dispatchers)
  'topic.read',
  'topic.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = [
  'org.read',
  'case.read',
  'case.create',
  'case.handle',
  'video.read', // video events (issue 14 §3)
  // co-governance (issue 13): every unit works its own tasks and sees the meetings, teams and projects it
  // belongs to (scope decides which)
  'task.read',
  'task.handle',
  'meeting.read',
  'workteam.read',
  'project.read',
  // disputes (issue 15): every unit registers and works the disputes that stand to it (scope decides which);
  // a third-party committee sees only what is assigned to it
  'dispute.read',
  'dispute.register',
  'dispute.handle',
  'screening.read', // screenings (issue 14 §2): scope decides which; recording is the unit's own
  'screening.record',
  // deliberation (issue 16 §2): every unit sees its villages' stations and topics (scope decides which)
  'deliberation.read',
  // legal advisers (issue 15 §2): every unit sees its villages' advisers and their service log
  'legal.read',
  'party.read', // party organisation (issue 21 §1): scope decides which
  // 双报到 and 物业亮星 (issue 21 §2–3): every unit sees what stands to it and may register itself with a community
  'partyservice.read',
  'partyservice.join',
  'propertyrating.read',
  'topic.read', // 每月一题 (issue 19): scope decides which
];
/** Platforms that assign work to other units (meeting decisions, team tasks, milestones). */
const ASSIGNING: Permission[] = ['task.assign'];
/** Units that meet people in trouble and may refer them for counselling (status only afterwards). */
const PSYCH_REFERRING: Permission[] = ['psych.read', 'psych.refer'];
/**
 * Grid base data (issue 14 §1): the platforms and the grid workers keep and reveal their grids' records.
 * griddata.sensitive (刑满释放, 社区矫正, 严重精神障碍患者) is the town and county platforms' only: those people
 * are managed by the 司法所 and the health authorities through the town and county, and a label seen by every
 * grid worker and village clerk travels far beyond the few who must act on it.
 */
const GRID_DATA_WORK: Permission[] = ['griddata.read', 'griddata.manage', 'griddata.reveal'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'volunteer.manage',
    'socialorg.read',
    'socialorg.manage',
    'org.manage',
    'user.read',
    'user.manage',
    'apikey.manage',
    'category.manage',
    'calendar.manage',
    'clock.advance',
    'audit.read',
    'pii.view',
    'case.supervise',
    'timelimit.manage',
    'hotline.manage',
    'video.manage',
    'webhook.manage',
    'patrol.read',
    'assessment.view',
    'assessment.manage',
    ...ASSIGNING,
    'meeting.manage',
    'workteam.manage',
    'project.manage',
    'project.evaluate',
    'dispute.manage',
    'showcase.write', // public showcase (issue 17 §3)
    'showcase.review',
    'screening.manage', // screenings (issue 14 §2)
    ...GRID_DATA_WORK, // grid base data (issue 14 §1)
    'griddata.sensitive',
    'griddata.configure',
    'points.read',
    'points.manage',
    'points.approve',
    'deliberation.manage',
    'legal.record',
    'legal.manage',
    'power.read', // small-power list (issue 16 §3)
    'power.manage',
    'party.manage', // party organisation (issue 21 §1)
    'party.secretary',
    // an administrator creates every kind of account, so holds every permission; the referrals' relation rule
    // still shows it none it does not stand to, and content only to the counselling organisation itself
    ...PSYCH_REFERRING,
    'psych.content',
    'partyservice.manage', // 双报到 and 物业亮星 (issue 21 §2–3)
    'partyservice.report',
    'propertyrating.manage',
    'survey.read', // public-opinion surveys (issue 21 §4)
    'survey.manage',
    'survey.call',
    'service.read', // convenience services (issue 17 §2)
    'service.handle',
    'service.manage',
    'topic.manage', // 每月一题 (issue 19): adopt and close topics
  ],
  leader: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'socialorg.read',
    'user.read',
    'audit.read',
    'case.supervise',
    'patrol.read',
    'assessment.view',
    ...ASSIGNING,
    'meeting.manage',
    'workteam.manage',
    'project.evaluate',
    'showcase.review', // public showcase (issue 17 §3)
    'points.read',
    'power.read', // small-power list (issue 16 §3)
    'griddata.read', // grid base data (issue 14 §1)
    'survey.read', // public-opinion surveys (issue 21 §4)
    'service.read', // convenience services (issue 17 §2)
    'topic.manage', // 每月一题 (issue 19): adopt and close topics
  ],
  county_operator: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'volunteer.manage',
    'socialorg.read',
    'socialorg.manage',
    'user.read',
    'pii.view',
    'case.supervise',
    'patrol.read',
    'assessment.view',
    'hotline.manage',
    'video.manage',
    ...ASSIGNING,
    'meeting.manage',
    'workteam.manage',
    'project.manage',
    'project.evaluate',
    'points.read',
    'legal.manage',
    'showcase.write', // public showcase (issue 17 §3)
    'showcase.review',
    ...PSYCH_REFERRING,
    'power.read', // small-power list (issue 16 §3)
    'power.manage',
    ...GRID_DATA_WORK, // grid base data (issue 14 §1)
    'griddata.sensitive',
    'party.manage', // party organisation (issue 21 §1)
    'party.secretary',
    'partyservice.manage', // 双报到 and 物业亮星 (issue 21 §2–3)
    'partyservice.report',
    'propertyrating.manage',
    'survey.read', // public-opinion surveys (issue 21 §4)
    'survey.manage',
    'survey.call',
    'service.read', // convenience services (issue 17 §2)
    'service.handle',
    'service.manage',
    'topic.manage', // 每月一题 (issue 19): adopt and close topics
  ],
  town_operator: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'volunteer.manage',
    'socialorg.read',
    'socialorg.manage',
    'user.read',
    'pii.view',
    'case.supervise',
    'patrol.read',
    'assessment.view',
    'assessment.rate',
    'video.manage',
    ...ASSIGNING,
    'meeting.manage',
    'project.manage',
    'points.read',
    'points.approve',
    'deliberation.manage',
    'showcase.write', // public showcase (issue 17 §3)
    ...PSYCH_REFERRING,
    'power.read', // small-power list (issue 16 §3)
    ...GRID_DATA_WORK, // grid base data (issue 14 §1)
    'griddata.sensitive',
    'party.manage', // party organisation (issue 21 §1)
    'partyservice.manage', // 双报到 and 物业亮星 (issue 21 §2–3)
    'propertyrating.manage',
    'survey.read', // public-opinion surveys (issue 21 §4)
    'survey.call',
    'service.read', // convenience services (issue 17 §2)
    'service.handle',
    'service.manage',
    'topic.manage', // 每月一题 (issue 19): adopt and close topics
  ],
  village_operator: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'volunteer.manage',
    'socialorg.read',
    'user.read',
    'pii.view',
    'patrol.read',
    ...ASSIGNING,
    'points.read',
    'points.manage',
    'deliberation.manage',
    ...PSYCH_REFERRING,
    'power.read', // small-power list (issue 16 §3)
    'power.manage',
    ...GRID_DATA_WORK, // grid base data (issue 14 §1)
    'party.manage', // party organisation (issue 21 §1)
    'partyservice.manage', // 双报到 and 物业亮星 (issue 21 §2–3)
    'propertyrating.manage',
    'survey.read', // public-opinion surveys (issue 21 §4)
    'survey.call',
    'service.read', // convenience services (issue 17 §2)
    'service.handle',
    'service.manage',
  ],
  grid_worker: [
    ...STAFF_BASE,
    'pii.view',
    'patrol.record',
    'patrol.read',
    ...PSYCH_REFERRING,
    ...GRID_DATA_WORK,
    'volunteer.read', // volunteers (issue 17 §1)
  ],
  department_handler: [
    ...STAFF_BASE,
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'socialorg.read',
    'pii.view',
    'project.manage',
    'legal.manage',
    ...PSYCH_REFERRING,
    'party.secretary', // party organisation (issue 21 §1): the departments send first secretaries
  ],
  // psych.content: a third party reads and records content only of referrals made to its own organisation
  third_party: [
    ...STAFF_BASE,
    'legal.record',
    ...PSYCH_REFERRING,
    'psych.content',
    'volunteer.read', // volunteers and social organisations (issue 17 §1)
    'socialorg.read',
  ],
  citizen: [
    'case.create',
    'points.own',
    'deliberation.own',
    'volunteer.own',
    'survey.own',
    'partyservice.own',
    'propertyrating.own',
  ],
};

/** Permissions an API key may carry (machine clients). */
export const API_KEY_PERMISSIONS: readonly Permission[] = [
  'case.create',
  'case.read',
  'open311',
  'hotline.push',
  'video.push',
];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
