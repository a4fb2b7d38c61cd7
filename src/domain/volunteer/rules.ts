// What a valid activity is, before it is written: a title and a place, a time that ends after it starts and
// lasts at most a day, places between 1 and 500, a point that is a point, and at most 10 skills wanted.
import { err, ok, type Result } from '../result.js';
import type { VolunteerRuleError } from './activity.js';

export const ACTIVITY_LIMITS = { title: 80, description: 2000, place: 200, capacity: 500, skills: 10, hours: 24 };

export interface ActivityInput {
  readonly title: string;
  readonly description?: string;
  readonly place: string;
  readonly lat?: number | null;
  readonly lng?: number | null;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly capacity: number;
  readonly skills?: readonly string[];
}

export interface CheckedActivity {
  title: string;
  description: string;
  place: string;
  lat: number | null;
  lng: number | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  skills: string[];
}

const refuse = (field: string, message: string) => err<VolunteerRuleError>({ code: 'VALIDATION', field, message });

export function checkActivity(input: ActivityInput): Result<CheckedActivity, VolunteerRuleError> {
  const title = input.title.trim();
  if (!title || title.length > ACTIVITY_LIMITS.title)
    return refuse('title', `请填写活动名称（${ACTIVITY_LIMITS.title} 字以内）`);
  const place = input.place.trim();
  if (!place || place.length > ACTIVITY_LIMITS.place) return refuse('place', '请填写活动地点');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime())) return refuse('startsAt', '开始时间不是有效的日期时间');
  if (Number.isNaN(endsAt.getTime())) return refuse('endsAt', '结束时间不是有效的日期时间');
  if (endsAt <= startsAt) return refuse('endsAt', '结束时间须晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > ACTIVITY_LIMITS.hours * 3600_000) {
    return refuse('endsAt', '一次活动不超过 24 小时，多日活动请分次发布');
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > ACTIVITY_LIMITS.capacity) {
    return refuse('capacity', `招募人数须为 1–${ACTIVITY_LIMITS.capacity} 人`);
  }
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  if ((lat === null) !== (lng === null)) return refuse('lat', '活动位置须同时填写经度和纬度');
  if (lat !== null && (lat < -90 || lat > 90)) return refuse('lat', '纬度须在 -90 到 90 之间');
  if (lng !== null && (lng < -180 || lng > 180)) return refuse('lng', '经度须在 -180 到 180 之间');
  const skills = [...new Set((input.skills ?? []).map((s) => s.trim()).filter(Boolean))];
  if (skills.length > ACTIVITY_LIMITS.skills) return refuse('skills', `所需技能不超过 ${ACTIVITY_LIMITS.skills} 项`);
  return ok({
    title,
    description: (input.description ?? '').trim(),
    place,
    lat,
    lng,
    startsAt,
    endsAt,
    capacity: input.capacity,
    skills,
  });
}
