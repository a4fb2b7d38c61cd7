// The English dictionary of the whole app (zh-CN is the source language: the Chinese text is the key). Loaded
// only when a user reads English (i18n.ts), so the Chinese pages — and the phone's first load — do not carry it.
import { en as base } from './i18n-en';
import { en as more } from './i18n-en-more'; // strings that had no entry (issue 20)
import { en as walk } from './i18n-en-walk'; // found by the English walk (issue 20)
import { en as privacy } from './pages/admin/privacy-en'; // erasure requests (issue 18, PIPL)
import { en as command } from './pages/command/en'; // the command centre's warnings (issue 19)
import { en as deliberations } from './pages/deliberations/en';
import { en as disputes } from './pages/disputes/en';
import { en as gridData } from './pages/grid-data/en'; // grid base data (issue 14 §1)
import { en as legal } from './pages/legal/en';
import { en as meetings } from './pages/meetings/en';
import { en as party } from './pages/party/en'; // party organisation (issue 21 §1)
import { en as partyService } from './pages/party-service/en'; // 双报到, 物业亮星 (issue 21 §2–3)
import { en as points } from './pages/points/en';
import { en as powers } from './pages/powers/en';
import { en as projects } from './pages/projects/en';
import { en as psych } from './pages/psych/en';
import { en as publicShowcase } from './pages/public/en'; // public showcase (issue 17 §3)
import { en as screenings } from './pages/screenings/en';
import { en as services } from './pages/services/en'; // convenience services (issue 17 §2)
import { en as socialOrgs } from './pages/social-orgs/en'; // social organisations (issue 17 §1)
import { en as surveys } from './pages/surveys/en'; // public-opinion surveys (issue 21 §4)
import { en as tasks } from './pages/tasks/en';
import { en as topics } from './pages/topics/en'; // 每月一题 (issue 19)
import { en as video } from './pages/video/en';
import { en as volunteers } from './pages/volunteers/en'; // volunteers (issue 17 §1)
import { en as workTeams } from './pages/work-teams/en';

// Each co-governance area keeps its own dictionary beside its pages.
export const en: Record<string, string> = {
  ...base,
  ...more, // strings that had no entry (issue 20)
  ...walk, // found by the English walk (issue 20)
  ...tasks,
  ...meetings,
  ...workTeams,
  ...projects,
  ...disputes,
  ...video, // video events (issue 14 §3)
  ...psych,
  ...screenings,
  ...points,
  ...gridData,
  ...deliberations,
  ...powers,
  ...services, // convenience services (issue 17 §2)
  ...partyService, // 双报到, 物业亮星 (issue 21 §2–3)
  ...volunteers, // volunteers and social organisations (issue 17 §1)
  ...socialOrgs,
  ...publicShowcase,
  ...legal,
  ...surveys, // public-opinion surveys (issue 21 §4)
  ...party,
  ...privacy, // erasure requests (issue 18, PIPL)
  ...command, // the command centre's warnings (issue 19)
  ...topics, // 每月一题 (issue 19)
};
