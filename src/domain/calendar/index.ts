export { CHINA_OFFSET_MS, chinaDayOf, chinaTime, type DayKey } from './china-time.js';
export { formatOfficeHours, type OfficePeriod, parseOfficeHours } from './office-hours.js';
export {
  createWorkCalendar,
  DEFAULT_OFFICE_HOURS,
  DURATION_UNITS,
  type DurationUnit,
  type OfficeHours,
  type SpecialDay,
  type WorkCalendar,
  type WorkCalendarConfig,
} from './work-calendar.js';
