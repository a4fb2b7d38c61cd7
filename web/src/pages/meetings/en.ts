// English for the 联席会议 pages (zh-CN text is the key).
export const en: Record<string, string> = {};
