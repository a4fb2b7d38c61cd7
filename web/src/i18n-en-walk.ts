// Strings the English walk (test/e2e/english-walk.test.ts: other roles, tabs, dialogs, the phone pages) found
// without an entry (issue 20).
export const en: Record<string, string> = {
  // a day without the year, as dayjs formats it (the grid worker's 今日任务 header)
  M月D日: 'MMM D',
  // a survey's count of text answers and of text messages sent (条 alone has no English: the phrase is the key)
  '文字回答 {{n}} 条': 'Text answers: {{n}}',
  '已发送短信 {{n}} 条': 'Text messages sent: {{n}}',
};
