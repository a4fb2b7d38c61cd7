// Schemas shared by several routes.
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
/**
 * A calendar day YYYY-MM-DD: the pattern and a real date, so 2026-02-30 or 0000-00-00 is refused before a handler
 * builds a Date from it (an invalid Date breaks the query: a 500, found by test/fuzz.test.ts).
 */
export const DayString = (options: { description?: string } = {}) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', ...options });
/** A month YYYY-MM with a month 01–12 (0000-00 made an invalid Date: a 500, found by test/fuzz.test.ts). */
export const MonthString = (options: { description?: string } = {}) =>
  Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', ...options });
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};
export const OrgKindSchema = Type.Union(
  ['county', 'town', 'village', 'grid', 'department', 'office', 'third_party', 'party'].map((k) => Type.Literal(k)),
);
export const ParticipantSchema = Type.Union(
  ['party', 'government', 'legal', 'residents', 'schools', 'research', 'social', 'media'].map((k) => Type.Literal(k)),
);
// Null first: with type coercion on, a number schema tried first would turn null into 0.
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);
