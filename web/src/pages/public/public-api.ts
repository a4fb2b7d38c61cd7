// Types and calls of the public showcase: the public page's answers (/api/public, no sign-in) and the staff side
// (/api/showcase): typical cases under review and news posts.
import type { Figures, PublicStatistics } from '@server/modules/public/public-statistics';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { Figures, PublicStatistics };

export interface PublicCaseItem {
  id: number;
  title: string;
  excerpt: string;
  categoryName: string | null;
  townName: string | null;
  publishedAt: string | null;
}

export interface PublicCase extends Omit<PublicCaseItem, 'excerpt'> {
  body: string;
}

export interface PublicNewsItem {
  id: number;
  title: string;
  excerpt?: string;
  body?: string;
  coverUrl: string | null;
  publishedAt: string | null;
}

export interface PublicVillages {
  county: { code: string; name: string };
  towns: { id: number; name: string; villages: { id: number; name: string }[] }[];
}

export const usePublicStatistics = () =>
  useQuery({ queryKey: ['public', 'statistics'], queryFn: () => api<PublicStatistics>('/api/public/statistics') });
export const usePublicCases = () =>
  useQuery({
    queryKey: ['public', 'cases'],
    queryFn: () => api<{ total: number; items: PublicCaseItem[] }>('/api/public/cases?limit=20'),
  });
export const usePublicNews = () =>
  useQuery({
    queryKey: ['public', 'news'],
    queryFn: () => api<{ items: PublicNewsItem[] }>('/api/public/news?limit=10'),
  });
export const usePublicVillages = () =>
  useQuery({ queryKey: ['public', 'villages'], queryFn: () => api<PublicVillages>('/api/public/villages') });

// ── staff ──
export type ShowcaseState = 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'withdrawn';
export type ShowcaseAction = 'submit' | 'approve' | 'return' | 'publish' | 'withdraw' | 'edit';

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'orange',
  returned: 'red',
  approved: 'blue',
  published: 'green',
  withdrawn: 'default',
};

export const ACTION_LABELS: Record<Exclude<ShowcaseAction, 'edit'>, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  withdraw: '撤回',
};

export interface TypicalCaseSummary {
  id: number;
  caseId: number;
  caseNumber: string;
  title: string;
  state: ShowcaseState;
  stateName: string;
  categoryName: string | null;
  townName: string | null;
  villageName: string | null;
  authorName: string | null;
  reviewerName: string | null;
  reviewNote: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  version: number;
}

export interface TypicalCaseDetail extends TypicalCaseSummary {
  body: string;
  approvedTitle: string | null;
  approvedBody: string | null;
  findings: { kind: string; text: string }[];
  allowedActions: ShowcaseAction[];
  isAuthor: boolean;
  history: { type: string; label: string; at: string; actor: { userName: string | null; orgName: string | null } }[];
}

export interface Candidate {
  id: number;
  number: string;
  title: string;
  closedAt: string | null;
  categoryName: string | null;
  villageName: string | null;
}

export interface NewsPost {
  id: number;
  title: string;
  body: string;
  coverAttachmentId: string | null;
  state: 'draft' | 'published' | 'withdrawn';
  stateName: string;
  authorName: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  version: number;
}

export const FINDING_LABELS: Record<string, string> = {
  id_number: '身份证号',
  phone: '电话号码',
  name: '姓名',
  address: '详细地址',
  house_number: '门牌号',
};

export const formatRate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const formatDay = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
