// English for the erasure requests page (issue 18, PIPL).
export const en: Record<string, string> = {
  个人信息删除申请: 'Personal data erasure requests',
  个人信息删除: 'Personal data erasure',
  待办结: 'Waiting for cases to close',
  '群众申请后，其已办结诉求中的姓名改为“已注销”、电话删除；在办诉求办结后自动删除，全部完成后注销账号。诉求内容、办理记录和照片保留。':
    'When a citizen asks, the name on their finished cases is replaced by “deregistered” and the phone is deleted; cases still being handled follow when they close, then the account is closed. The matters, their handling records and photos are kept.',
  群众账号: 'Citizen account',
  申请时间: 'Requested',
  已删除诉求数: 'Cases anonymised',
  待办结诉求数: 'Cases still open',
  完成时间: 'Completed',
  // the citizen's request on the phone (web/src/pages/citizen/ErasureRequest.tsx)
  个人信息已删除: 'Your personal data has been deleted',
  删除申请已受理: 'Your request has been received',
  知道了: 'OK',
  申请未成功: 'The request did not go through',
  '您可以申请删除您在反映中留下的姓名和电话，并注销账号。正在办理的反映将在办结后删除。':
    'You can ask for the name and phone you left with your reports to be deleted and your account closed. Reports still being handled are cleared when they close.',
  '确定删除我的个人信息并注销账号？': 'Delete my personal data and close my account?',
  '删除后不能恢复；已办结的反映仍保留办理记录，但不再显示您的姓名和电话。':
    'This cannot be undone. Finished reports keep their handling record but no longer show your name or phone.',
  确定删除: 'Delete',
  删除我的个人信息: 'Delete my personal data',
};
