// Schemas shared by several routes.
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
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
