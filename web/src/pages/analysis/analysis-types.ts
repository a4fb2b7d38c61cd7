// Shapes of the /api/analysis responses (src/modules/analysis).

export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface CaseBrief {
  id: number;
  number: string;
  title: string;
  state: string;
  channel: string;
  categoryName: string | null;
  townName: string | null;
  villageName: string | null;
  gridName: string | null;
  reportedAt: string;
}

export interface SearchHit extends CaseBrief {
  rank: number;
  highlights: { title: HighlightSegment[]; body: HighlightSegment[] };
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  /** The total is a lower bound (counting stops at 10 000). */
  totalCapped: boolean;
  terms: string[];
}

export interface HotspotItem {
  id: number;
  name: string;
  villageName?: string | null;
  townName?: string | null;
  parentName?: string | null;
  current: number;
  expected: number;
  ratio: number;
  pValue: number;
  z: number;
  abnormal: boolean;
  history: number[];
  cases: CaseBrief[];
}

export interface HotspotResult {
  period: 'day' | 'week' | 'month';
  description: string;
  windowStart: string;
  windowEnd: string;
  grids: HotspotItem[];
  topics: HotspotItem[];
}

export interface RepeatReporter {
  phone: string;
  name: string | null;
  count: number;
  categories: number;
  lastReportedAt: string;
  cases: CaseBrief[];
}

export interface GroupRisk {
  title: string;
  place: string;
  topic: string | null;
  reporters: number;
  caseCount: number;
  cohesion: number;
  firstAt: string;
  lastAt: string;
  cases: CaseBrief[];
}

export interface CategorySuggestion {
  level1: { id: number | null; name: string; score: number }[];
  level2: { id: number | null; name: string; parentName: string; score: number }[];
  matchedTerms: string[];
  proposed: {
    categoryId: number | null;
    categoryName: string;
    orgId: number | null;
    orgName: string | null;
    reason: string | null;
  };
  model: { trainedAt: string; examples: number; caseExamples: number };
}
