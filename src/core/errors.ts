// Every error the API can return: a stable code, its HTTP status and a message a person can act on
// (Chinese first; the web app may translate by code). Responses are { code, message, details }.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '请求参数不正确' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  INVALID_API_KEY: { status: 401, message: 'API 密钥无效或已吊销' },
  INVALID_LOGIN_CODE: { status: 401, message: '验证码错误或已过期，请重新获取' },
  LOGIN_CODE_TOO_FREQUENT: { status: 429, message: '验证码发送过于频繁，请一分钟后再试' },
  INVALID_PHONE: { status: 400, message: '手机号码格式不正确，请输入 11 位中国大陆手机号' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  OUTSIDE_SCOPE: { status: 403, message: '该对象不在您所属组织的管辖范围内' },
  NOT_FOUND: { status: 404, message: '找不到请求的资源' },
  ORG_NOT_FOUND: { status: 404, message: '组织机构不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  CATEGORY_NOT_FOUND: { status: 404, message: '事项分类不存在' },
  API_KEY_NOT_FOUND: { status: 404, message: 'API 密钥不存在' },
  OUTSIDE_COUNTY: { status: 404, message: '该位置不在本县范围内' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  DUPLICATE: { status: 409, message: '已存在相同编码或名称的记录' },
  INVALID_PARENT: { status: 400, message: '上级组织不合法' },
  ORG_HAS_CHILDREN: { status: 409, message: '该组织下仍有下级组织或人员，不能停用' },
  WEAK_PASSWORD: { status: 400, message: '密码至少 8 位，须同时包含字母和数字' },
  IMPORT_INVALID: { status: 422, message: '导入文件有错误，未导入任何数据' },
  CLOCK_NOT_ADJUSTABLE: { status: 409, message: '生产模式使用真实时间，不能调整时钟' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传内容过大' },
  CASE_NOT_FOUND: { status: 404, message: '案件不存在' },
  CASE_VERSION_CONFLICT: { status: 409, message: '案件已被他人处理，请刷新后查看最新状态' },
  CASE_READ_ONLY: { status: 409, message: '该历史案件为只读记录，不能再操作' },
  ACTION_NOT_ALLOWED_IN_STATE: { status: 409, message: '案件当前状态不允许此操作' },
  ACTION_NOT_ALLOWED_AT_LEVEL: { status: 409, message: '案件所在层级不允许此操作' },
  NOT_AUTHORISED_FOR_ACTION: { status: 403, message: '您所在单位无权对该案件执行此操作' },
  DEADLINE_NOT_OVERDUE: { status: 409, message: '该时限尚未超期或已处理' },
  CALLBACK_PENDING: { status: 409, message: '尚未回访满意，且回访期限未到，不能办结' },
  APPEAL_WINDOW_CLOSED: { status: 409, message: '已超过申诉期限' },
  APPEAL_WINDOW_OPEN: { status: 409, message: '申诉期限未满，暂不能归档' },
  TIME_WENT_BACKWARDS: { status: 409, message: '操作时间早于案件最近一次变更' },
  LOCATION_OUTSIDE_COUNTY: {
    status: 400,
    message: '所选位置不在本县范围内，请重新定位、在地图上选点或填写详细地址',
  },
  CITIZEN_ONLY: { status: 403, message: '请使用群众账号（手机号验证码登录）反映问题' },
  GRID_WORKER_ONLY: { status: 403, message: '只有网格员可以执行此操作' },
  PATROL_NOT_FOUND: { status: 404, message: '巡查记录不存在' },
  PATROL_ENDED: { status: 409, message: '该次巡查已结束，不能再记录巡查点' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: '文件过大：单个附件不能超过 20 MB，请压缩后重新上传' },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    message: '不支持的文件类型：只能上传 JPEG/PNG/WebP/GIF/HEIC 图片、PDF 文档或 MP4 视频',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在' },
  ATTACHMENT_STORE_UNAVAILABLE: { status: 503, message: '附件存储暂时不可用，请稍后重试' },
  SIGNATURE_INVALID: { status: 401, message: '签名校验失败：请用该密钥的签名密钥对“时间戳.请求体”计算 HMAC-SHA256' },
  SIGNATURE_EXPIRED: { status: 401, message: '请求时间戳已过期（与服务器时间相差超过 5 分钟），请校准时钟后重发' },
  IMPORT_NOT_FOUND: { status: 404, message: '导入任务不存在' },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'Webhook 订阅不存在' },
  DELIVERY_NOT_FOUND: { status: 404, message: '推送记录不存在' },
  ASSESSMENT_TOWN_ONLY: { status: 403, message: '只有镇街平台可以填写对县级部门的考核评价' },
  ASSESSMENT_PERIOD_CLOSED: { status: 409, message: '该考核期已关闭，不能再提交或修改评价' },
  ASSESSMENT_PERIOD_NOT_STARTED: { status: 409, message: '该考核期尚未开始，不能提前评价' },
  ASSESSMENT_NOT_RATEABLE: {
    status: 409,
    message: '本期该部门没有作为主办或协办单位办理过本镇街的案件，不能评价',
  },
  // co-governance (issue 13): tasks
  TASK_NOT_FOUND: { status: 404, message: '任务不存在' },
  TASK_VERSION_CONFLICT: { status: 409, message: '任务已被他人处理，请刷新后查看最新状态' },
  TASK_ACTION_NOT_ALLOWED_IN_STATE: { status: 409, message: '任务当前状态不允许此操作' },
  NOT_AUTHORISED_FOR_TASK_ACTION: { status: 403, message: '您所在单位无权对该任务执行此操作' },
  // co-governance (issue 13): joint meetings
  MEETING_NOT_FOUND: { status: 404, message: '会议不存在' },
  MEETING_KIND_NOT_FOUND: { status: 404, message: '会议类型不存在' },
  MEETING_ITEM_NOT_FOUND: { status: 404, message: '议题不存在' },
  MEETING_NOT_ALLOWED_IN_STATE: { status: 409, message: '会议当前状态不允许此操作' },
  MEETING_NOT_READY: { status: 409, message: '会议记录尚不完整，请补充后再试' },
  AGENDA_CANDIDATE_GONE: { status: 409, message: '该议题已不再符合推荐条件，请刷新推荐议题后重新选择' },
  MEETING_DISPATCH_REFUSED: { status: 409, message: '该案件当前不能从会议派遣' },
  // co-governance (issue 13): work teams and breakthrough projects
  WORK_TEAM_NOT_FOUND: { status: 404, message: '工作专班不存在' },
  WORK_TEAM_ENDED: { status: 409, message: '该工作专班已结束，不能再修改或交办任务' },
  PROJECT_NOT_FOUND: { status: 404, message: '突破项目不存在' },
  PROJECT_EVALUATION_NOT_OPEN: { status: 409, message: '年终评价自项目年度 12 月 1 日起进行' },
  // video events (issue 14 §3)
  VIDEO_CAMERA_NOT_FOUND: { status: 404, message: '摄像头不存在' },
  VIDEO_CAMERA_UNKNOWN: { status: 422, message: '摄像头未登记或已停用，请先在摄像头台账中登记' },
  VIDEO_VERSION_CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  // disputes (issue 15)
  DISPUTE_NOT_FOUND: { status: 404, message: '矛盾纠纷不存在' },
  DISPUTE_VERSION_CONFLICT: { status: 409, message: '该矛盾纠纷已被他人处理，请刷新后查看最新状态' },
  DISPUTE_ACTION_NOT_ALLOWED_IN_STATE: { status: 409, message: '矛盾纠纷当前状态不允许此操作' },
  NOT_AUTHORISED_FOR_DISPUTE_ACTION: { status: 403, message: '您所在单位无权对该矛盾纠纷执行此操作' },
  DISPUTE_TYPE_UNKNOWN: { status: 400, message: '纠纷类型不存在或已停用，请重新选择' },
  DISPUTE_RISK_BELOW_RULE: { status: 400, message: '风险等级不能低于按规则判定的等级' },
  DISPUTE_ALREADY_LINKED: { status: 409, message: '该矛盾纠纷已关联案件，不能重复转为案件' },
  // small-power list (issue 16 §3)
  POWER_ITEM_NOT_FOUND: { status: 404, message: '小微权力事项不存在' },
  POWER_EXERCISE_NOT_FOUND: { status: 404, message: '权力运行记录不存在' },
  POWER_ITEM_INACTIVE: { status: 409, message: '该小微权力事项已停用，不能启动新的办理' },
  POWER_VERSION_CONFLICT: { status: 409, message: '该记录已被他人修改，请刷新后重试' },
  POWER_PROCEDURE_INVALID: { status: 400, message: '办理流程不正确' },
  POWER_EXERCISE_ENDED: { status: 409, message: '该事项已办结或已否决，不能再记录步骤' },
  POWER_STEP_UNKNOWN: { status: 400, message: '办理流程中没有这个步骤' },
  POWER_STEP_OUT_OF_ORDER: { status: 409, message: '须按流程顺序办理，不能跳过或重复步骤' },
  POWER_PUBLICITY_NOT_OVER: { status: 409, message: '公示期未满，不能办理下一步' },
  POWER_PUBLICITY_TOO_SHORT: { status: 400, message: '公示期短于流程规定的天数' },
  POWER_STEP_DATE_INVALID: { status: 400, message: '办理日期不正确' },
  POWER_STEP_CANNOT_REJECT: { status: 400, message: '该步骤不能作出否决' },
  // psychological referrals (issue 15 §3): no relation answers 'not found', never that a referral exists
  PSYCH_REFERRAL_NOT_FOUND: { status: 404, message: '心理服务转介不存在' },
  PSYCH_VERSION_CONFLICT: { status: 409, message: '该心理服务转介已被他人处理，请刷新后查看最新状态' },
  PSYCH_ACTION_NOT_ALLOWED_IN_STATE: { status: 409, message: '心理服务转介当前状态不允许此操作' },
  NOT_AUTHORISED_FOR_PSYCH_ACTION: { status: 403, message: '只有接收转介的心理服务机构可以执行此操作' },
  PSYCH_CONSENT_REQUIRED: {
    status: 409,
    message: '当事人未同意转介，只保留“需关注”标记，不能记录咨询或随访',
  },
  PSYCH_ORG_NOT_COUNSELLING: { status: 400, message: '所选单位不是本县的心理服务机构，请从机构名录中选择' },
  // civility points (issue 16)
  POINTS_HOUSEHOLD_NOT_FOUND: { status: 404, message: '农户不存在' },
  POINTS_RULE_NOT_FOUND: { status: 404, message: '积分规则不存在' },
  POINTS_ENTRY_NOT_FOUND: { status: 404, message: '积分记录不存在' },
  POINTS_REQUEST_NOT_FOUND: { status: 404, message: '待审批的积分不存在' },
  POINTS_OBJECTION_NOT_FOUND: { status: 404, message: '积分申诉不存在' },
  POINTS_ITEM_NOT_FOUND: { status: 404, message: '积分超市商品不存在' },
  POINTS_REDEMPTION_NOT_FOUND: { status: 404, message: '兑换记录不存在' },
  POINTS_CREDIT_NOT_FOUND: { status: 404, message: '诚信户记录不存在' },
  POINTS_NO_HOUSEHOLD: { status: 404, message: '您的手机号尚未登记为本村农户户主，请联系村委会登记' },
  POINTS_BALANCE_INSUFFICIENT: { status: 409, message: '积分余额不足' },
  POINTS_CAP_REACHED: { status: 409, message: '已达到该积分规则的周期上限' },
  POINTS_RULE_INACTIVE: { status: 409, message: '该积分规则已停用' },
  POINTS_OUT_OF_STOCK: { status: 409, message: '商品库存不足或已下架' },
  POINTS_SAME_APPROVER: { status: 409, message: '不能审批自己录入的积分，请由另一位工作人员审批' },
  POINTS_ALREADY_DECIDED: { status: 409, message: '该事项已处理，请刷新后查看' },
  POINTS_NOT_CORRECTABLE: { status: 409, message: '该积分记录不能更正' },
  POINTS_OBJECTION_NOT_ALLOWED: { status: 409, message: '该积分记录不能申诉' },
  POINTS_OBJECTION_WINDOW_CLOSED: { status: 409, message: '已超过申诉期限' },
  POINTS_NOT_ELIGIBLE: { status: 409, message: '所选农户不符合诚信户条件' },
  POINTS_REDEMPTION_CLOSED: { status: 409, message: '该兑换已领取或已取消，不能再取消' },
  POINTS_VERSION_CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  // legal advisers (issue 15 §2)
  LEGAL_ADVISER_NOT_FOUND: { status: 404, message: '法律顾问不存在' },
  LEGAL_ASSIGNMENT_NOT_FOUND: { status: 404, message: '法律顾问聘任记录不存在' },
  LEGAL_ENTRY_NOT_FOUND: { status: 404, message: '法律服务记录不存在' },
  LEGAL_NOT_ASSIGNED: { status: 409, message: '该法律顾问在服务日期未受聘于该村（社区），请核对服务日期或联系司法局' },
  LEGAL_ADVISER_INACTIVE: { status: 409, message: '该法律顾问已停用，不能再聘任或记录服务' },
  LEGAL_FIRM_INVALID: { status: 400, message: '所选单位不是法律服务机构，请从第三方机构中选择律师事务所或法律顾问团' },
  LEGAL_ENTRY_VOIDED: { status: 409, message: '该服务记录已作废' },
  LEGAL_VERSION_CONFLICT: { status: 409, message: '该记录已被他人修改，请刷新后重试' },
  LEGAL_COUNTY_ONLY: { status: 403, message: '法律顾问名册和聘任由县司法局或县平台管理' },
  // screenings (issue 14 §2)
  SCREENING_NOT_FOUND: { status: 404, message: '排查任务不存在' },
  SCREENING_NOT_OWNER: { status: 403, message: '只有被排查单位本单位的人员可以填报排查记录' },
  SCREENING_ALREADY_RECORDED: { status: 409, message: '该排查任务已填报排查记录，请刷新后查看' },
  SCREENING_TASK_CLOSED: { status: 409, message: '该排查任务已取消，不能再填报' },
  SCREENING_TOKEN_REUSED: { status: 409, message: '该提交编号已用于另一项排查，请重新提交' },
  SCREENING_SETTINGS_CONFLICT: { status: 409, message: '排查设置已被他人修改，请刷新后重试' },
  // deliberation (issue 16 §2)
  DELIBERATION_STATION_NOT_FOUND: { status: 404, message: '议事站不存在' },
  DELIBERATION_TOPIC_NOT_FOUND: { status: 404, message: '议题不存在' },
  DELIBERATION_COMMENT_NOT_FOUND: { status: 404, message: '评论不存在' },
  DELIBERATION_VERSION_CONFLICT: { status: 409, message: '该议题已被他人处理，请刷新后查看最新状态' },
  TOPIC_ACTION_NOT_ALLOWED_IN_STATE: { status: 409, message: '议题当前状态不允许此操作' },
  NOT_AUTHORISED_FOR_TOPIC_ACTION: { status: 403, message: '您无权对该议题执行此操作' },
  DELIBERATION_NOT_RESIDENT: {
    status: 403,
    message: '只有本村（社区）登记农户的群众才能参与议事表决，请联系村委会登记户主手机号',
  },
  DELIBERATION_ALREADY_VOTED: { status: 409, message: '您已对该议题投过票，每人只能投一票' },
  DELIBERATION_VOTING_CLOSED: { status: 409, message: '该议题不在表决时间内，不能投票' },
  DELIBERATION_INVALID_CHOICE: { status: 400, message: '请从议题的表决选项中选择一项' },
  DELIBERATION_COMMENT_DECIDED: { status: 409, message: '该评论已审核，请刷新后查看' },
  DELIBERATION_COMMENTS_CLOSED: { status: 409, message: '该议题已结束或未受理，不能再发表意见' },
  // grid base data (issue 14 §1)
  GRID_RECORD_NOT_FOUND: { status: 404, message: '网格底数记录不存在' },
  GRID_RECORD_VERSION_CONFLICT: { status: 409, message: '该记录已被他人修改，请刷新后重试' },
  GRID_RECORD_ARCHIVED: { status: 409, message: '该记录已归档，请先恢复再修改' },
  GRID_RECORD_DUPLICATE: { status: 409, message: '已有相同身份证号或编码的记录' },
  GRID_POINT_OUTSIDE: { status: 400, message: '坐标不在所属网格范围内，请在地图上重新选点或更正网格' },
  GRID_IMPORT_NOT_FOUND: { status: 404, message: '导入任务不存在' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  readonly details?: unknown;
  constructor(
    readonly code: ErrorCode,
    options: { message?: string; details?: unknown } = {},
  ) {
    super(options.message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
    this.details = options.details;
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
