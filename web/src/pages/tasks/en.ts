// English for the 任务督办 pages and the co-governance menu (zh-CN text is the key).
export const en: Record<string, string> = {
  协同共治: 'Co-governance',
  任务督办: 'Tasks',
  联席会议: 'Joint meetings',
  工作专班: 'Work teams',
  突破项目: 'Breakthrough projects',
};
