// English of the command centre's warnings panel (预警, issue 19).
export const en: Record<string, string> = {
  突增: 'Spike',
  预警涉及的案件: 'Cases behind the warning',
  '{{n}} 件': '{{n}} cases',
  暂无预警: 'No warnings',
};
