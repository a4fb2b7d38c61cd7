// The domain Dispute kept in disputes.machine (jsonb): dates as ISO strings there, Date objects in the domain.
import type { Dispute } from '../../domain/dispute/index.js';

const date = (v: unknown): Date | null => (v ? new Date(v as string) : null);

export function serializeDispute(d: Dispute): string {
  return JSON.stringify(d);
}

export function deserializeDispute(value: unknown): Dispute {
  // biome-ignore lint/suspicious/noExplicitAny: the stored JSON has the Dispute's shape with dates as strings
  const s = (typeof value === 'string' ? JSON.parse(value) : value) as any;
  return {
    ...s,
    updatedAt: new Date(s.updatedAt),
    acceptedAt: date(s.acceptedAt),
    mediationDueAt: date(s.mediationDueAt),
    signedAt: date(s.signedAt),
    concludedAt: date(s.concludedAt),
    judicialReferredAt: date(s.judicialReferredAt),
    agreement: s.agreement
      ? { ...s.agreement, at: new Date(s.agreement.at), performBy: date(s.agreement.performBy) }
      : null,
    clock: s.clock
      ? {
          ...s.clock,
          startedAt: new Date(s.clock.startedAt),
          dueAt: new Date(s.clock.dueAt),
          warnAt: new Date(s.clock.warnAt),
        }
      : null,
  };
}
