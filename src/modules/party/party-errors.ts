// The pure rules' refusals as API errors (each domain code is an error code of src/core/errors.ts), and the
// database's unique keys (one branch per grid and compound, one 党总支 per village …) as a 409.
import { AppError } from '../../core/errors.js';
import type { PartyDomainError } from '../../domain/party/index.js';
import type { Result } from '../../domain/result.js';

/** The value of a pure decision, or its refusal thrown as the API's error. */
export function decided<T>(result: Result<T, PartyDomainError>): T {
  if (!result.ok)
    throw new AppError(result.error.code, { message: result.error.message, details: result.error.details });
  return result.value;
}

/** A unique key of party_orgs broken by a concurrent or repeated create: PARTY_ORG_DUPLICATE. */
export async function uniquePlace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string })?.code === '23505') throw new AppError('PARTY_ORG_DUPLICATE');
    throw error;
  }
}
