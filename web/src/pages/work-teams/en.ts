// English for the 工作专班 pages (zh-CN text is the key).
export const en: Record<string, string> = {};
