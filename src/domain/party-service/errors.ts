// Every way a 双报到 rule can refuse, with a stable code (an error code of src/core/errors.ts) and a message.

export const PARTY_SERVICE_ERRORS = {
  PARTY_NEED_NOT_ALLOWED_IN_STATE: '该需求当前状态不允许此操作',
  PARTY_NEED_NOT_AUTHORISED: '您无权对该需求执行此操作',
  PARTY_NOT_REGISTERED: '您（或您的单位）尚未在该社区报到，或报到尚未确认',
  VALIDATION_FAILED: '操作参数不正确',
} as const;

export type PartyServiceErrorCode = keyof typeof PARTY_SERVICE_ERRORS;

export interface PartyServiceDomainError {
  readonly code: PartyServiceErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function partyServiceError(
  code: PartyServiceErrorCode,
  details: Record<string, unknown> = {},
  message?: string,
): PartyServiceDomainError {
  return { code, message: message ?? PARTY_SERVICE_ERRORS[code], details };
}
