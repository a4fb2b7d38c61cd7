// English for the 突破项目 pages (zh-CN text is the key).
export const en: Record<string, string> = {};
