// The evidence of a project's monthly reports is readable by whoever may see the project.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { projectsVisibleTo } from './project-scope.js';

export function projectAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    const row = await db
      .selectFrom('projects')
      .select('projects.id')
      .where(projectsVisibleTo(principal))
      .where((eb) =>
        eb(
          'projects.id',
          'in',
          eb
            .selectFrom('project_reports')
            .select('project_reports.project_id')
            .where(sql<boolean>`project_reports.attachment_ids @> ARRAY[${attachmentId}]::text[]`),
        ),
      )
      .limit(1)
      .executeTakeFirst();
    return !!row;
  };
}
