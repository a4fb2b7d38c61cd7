// 双报到 (issue 21 §2): the community's needs and who stands to them; labels the API and the web app show.

export const NEED_KINDS = ['wish', 'project', 'activity'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const NEED_STATES = ['published', 'claimed', 'done', 'rated', 'cancelled'] as const;
export type NeedState = (typeof NEED_STATES)[number];

export const NEED_ACTIONS = ['claim', 'complete', 'rate', 'cancel'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

export const REGISTRATION_STATES = ['pending', 'confirmed', 'declined'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const NEED_KIND_LABELS: Readonly<Record<NeedKind, string>> = {
  wish: '微心愿',
  project: '服务项目',
  activity: '志愿活动',
};

export const NEED_STATE_LABELS: Readonly<Record<NeedState, string>> = {
  published: '待认领',
  claimed: '已认领',
  done: '已完成',
  rated: '已评价',
  cancelled: '已撤销',
};

export const NEED_ACTION_LABELS: Readonly<Record<NeedAction | 'publish', string>> = {
  publish: '发布',
  claim: '认领',
  complete: '完成并记录',
  rate: '评价',
  cancel: '撤销',
};

export const REGISTRATION_STATE_LABELS: Readonly<Record<RegistrationState, string>> = {
  pending: '待确认',
  confirmed: '已报到',
  declined: '未通过',
};

/** How the acting person stands to a need. */
export interface NeedActor {
  /** Staff of the need's own community (its owner; the only one who rates). */
  community: boolean;
  /** Staff of a level above the community (town, county): may cancel, not rate. */
  above: boolean;
  /** A confirmed registration (member or unit) with the need's community. */
  registered: boolean;
  /** The member or unit that claimed this need. */
  claimer: boolean;
}

/** What the rules look at of a need. */
export interface NeedFacts {
  state: NeedState;
  dueOn: string;
}

export interface CompleteInput {
  hours: number;
  result: string;
}

export interface RateInput {
  rating: number;
  comment?: string;
}
