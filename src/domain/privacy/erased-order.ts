// A 12345 order pushed again after its case lost the caller's personal data (an erasure or the retention period):
// the hotline still sends the caller, but the case must not get them back. The order is read as if it carried no
// caller, and its text without the caller's name and phone — the same cut the anonymisation made in the case's
// description — so an unchanged text compares equal and a changed one is stored without the person.
import { ERASED_REPORTER_NAME } from './erasure.js';
import { scrubReporter } from './scrub-text.js';

interface CallerOrder {
  callerName: string | null;
  callerPhone: string | null;
  content: string;
}

/** True when the case's reporter was anonymised (its stored name is the erasure's marker, kept in plain text). */
export function reporterErased(storedName: string | null): boolean {
  return storedName === ERASED_REPORTER_NAME;
}

/** The order without its caller: no name, no phone, and neither in its text. */
export function withoutCaller<T extends CallerOrder>(order: T): T {
  return {
    ...order,
    content: scrubReporter(order.content, { names: [order.callerName], phones: [order.callerPhone] }),
    callerName: null,
    callerPhone: null,
  };
}
