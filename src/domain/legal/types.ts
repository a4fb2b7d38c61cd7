// One legal adviser per village (一村一法律顾问, issue 15 §2): the kinds of service an adviser records and the
// commitment a village's assignment carries.

export const LEGAL_ENTRY_KINDS = ['consultation', 'on_site', 'lecture', 'legal_review', 'dispute'] as const;
export type LegalEntryKind = (typeof LEGAL_ENTRY_KINDS)[number];

export const LEGAL_ENTRY_KIND_LABELS: Record<LegalEntryKind, string> = {
  consultation: '法律咨询',
  on_site: '驻村服务',
  lecture: '普法讲座',
  legal_review: '法律审核',
  dispute: '参与调解',
};

/** What a law firm promises a village each month (hours on site) and each quarter (普法 lectures). */
export interface Commitment {
  hoursPerMonth: number;
  lecturesPerQuarter: number;
}

/** The longest one entry may claim: a day on site. */
export const MAX_ENTRY_HOURS = 12;
/** How far back an adviser may record (the month's report is drawn up early the next month). */
export const MAX_BACKDATE_DAYS = 62;
