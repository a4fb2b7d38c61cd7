// A news post (新闻动态): written as a draft, published, withdrawn and published again; the text may be corrected
// at any time (news are the county platform's own words, not a person's case, so no second reviewer).
import { err, ok, type Result } from '../result.js';
import { type ShowcaseDomainError, showcaseError } from './errors.js';

export const NEWS_STATES = ['draft', 'published', 'withdrawn'] as const;
export type NewsState = (typeof NEWS_STATES)[number];
export type NewsAction = 'publish' | 'withdraw';

export const NEWS_STATE_NAMES: Readonly<Record<NewsState, string>> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

export function decideNews(state: NewsState, action: NewsAction): Result<NewsState, ShowcaseDomainError> {
  if (action === 'publish') {
    return state === 'published'
      ? err(showcaseError('SHOWCASE_NOT_ALLOWED_IN_STATE', '该新闻已发布', { state, action }))
      : ok('published');
  }
  return state === 'published'
    ? ok('withdrawn')
    : err(showcaseError('SHOWCASE_NOT_ALLOWED_IN_STATE', '只有已发布的新闻可以撤回', { state, action }));
}
