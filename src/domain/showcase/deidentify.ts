// De-identification of a case's text for the public (典型案例脱敏, and the 执法亮剑 list): what the system proposes
// before the author edits it, and the check that a text about to be reviewed or published names nobody. Pure: the
// case's people, address and the county's village names come in with the text.

export interface DeidentifyContext {
  /** Names of the case's people (reporter, parties): each becomes its surname + 某 (张某). */
  names: readonly string[];
  /** The case's exact addresses: each becomes 'XX村'. */
  addresses: readonly string[];
  /** Village and community names of the county: 文昌社区 → XX社区, 东关村 → XX村. */
  villages: readonly string[];
}

export type PersonalDataKind = 'id_number' | 'phone' | 'name' | 'address' | 'house_number';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  text: string;
}

export const PERSONAL_DATA_NAMES: Readonly<Record<PersonalDataKind, string>> = {
  id_number: '身份证号',
  phone: '电话号码',
  name: '姓名',
  address: '详细地址',
  house_number: '门牌号',
};

/** 18-digit (and old 15-digit) resident ID numbers, not inside a longer run of digits. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Mobile numbers (138 0000 0001, 138-0000-0001, +86 13800000001) and landlines (0571-88886666). */
const PHONE = /(?<!\d)(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}-?\d{7,8})(?!\d)/g;
/** House numbers and the like: 18号, 3号楼, 2栋, 1单元, 402室, 5组, 12弄, 7幢 (not a date: 12月3号). */
const HOUSE_NUMBER = /(?<![月\d０-９-])[0-9０-９]+(?:-[0-9]+)*\s*(?:号楼|号院|号|栋|幢|单元|室|弄|组)/g;
const VILLAGE_SUFFIXES = ['社区', '村'] as const;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
/** A form of address built on a surname (王先生, 李阿姨): the surname goes (某先生, 某阿姨). */
const ADDRESSED = new RegExp(`[${SURNAMES}](先生|女士|阿姨|大爷|大妈|师傅|老板)`, 'g');
/** What names a removed number ("身份证号：", "联系电话"): removed with it. */
const ID_LABEL = /(?:身份证(?:号码|号)?[:：]?\s*)$/;
const PHONE_LABEL = /(?:(?:联系|手机|回访|固定)?电话(?:号码)?|手机(?:号码|号)?)[:：]?\s*$/;

/** Removes every match of `pattern` together with the label just before it. */
function removeLabelled(text: string, pattern: RegExp, label: RegExp): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const before = text.slice(last, m.index).replace(label, '');
    out += before;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + text.slice(last);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so 张三丰 is replaced before 张三; blanks and one-character "names" skipped. */
function distinct(values: readonly string[], minLength: number): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= minLength))].sort(
    (a, b) => b.length - a.length,
  );
}

function replaceAll(text: string, needle: string, replacement: string): string {
  return text.replace(new RegExp(escapeRegExp(needle), 'g'), replacement);
}

/**
 * The proposal: names → 张某, ID numbers and phones removed with their labels, the exact address and village names
 * → XX村 (XX社区 for a community), house numbers removed, forms of address without their surname (王先生 → 某先生).
 */
export function deidentify(text: string, context: DeidentifyContext): string {
  let out = removeLabelled(removeLabelled(text, ID_NUMBER, ID_LABEL), PHONE, PHONE_LABEL);
  const villages = distinct(context.villages, 2);
  const generic = (village: string) => `XX${VILLAGE_SUFFIXES.find((s) => village.endsWith(s)) ?? '村'}`;
  for (const address of distinct(context.addresses, 4)) {
    const village = villages.find((v) => address.includes(v));
    out = replaceAll(out, address, village ? generic(village) : 'XX村');
  }
  for (const name of distinct(context.names, 2)) out = replaceAll(out, name, `${name[0]}某`);
  for (const village of villages) out = replaceAll(out, village, generic(village));
  out = out.replace(HOUSE_NUMBER, '').replace(ADDRESSED, '某$1');
  // what removals leave behind: empty brackets, doubled punctuation and spaces
  return out
    .replace(/[（(][\s，,、；;]*[）)]/g, '')
    .replace(/([，。、；：,;:])\s*\1+/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/XX(村|社区)(XX(村|社区))+/g, 'XX$1')
    .trim();
}

/** What in a text still identifies someone (empty when it may go to review or the public). */
export function findPersonalData(text: string, context: DeidentifyContext): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(ID_NUMBER)) found.push({ kind: 'id_number', text: m[0] });
  const withoutIds = text.replace(ID_NUMBER, '');
  for (const m of withoutIds.matchAll(PHONE)) found.push({ kind: 'phone', text: m[0] });
  for (const name of distinct(context.names, 2)) if (text.includes(name)) found.push({ kind: 'name', text: name });
  for (const address of distinct(context.addresses, 4)) {
    if (text.includes(address)) found.push({ kind: 'address', text: address });
  }
  for (const m of text.matchAll(HOUSE_NUMBER)) found.push({ kind: 'house_number', text: m[0] });
  return found;
}

/** One sentence naming what was found, for the refusal. */
export function describeFindings(findings: readonly PersonalDataFinding[]): string {
  const kinds = [...new Set(findings.map((f) => PERSONAL_DATA_NAMES[f.kind]))];
  return `文中仍含有个人信息（${kinds.join('、')}），请删除或改写后再提交`;
}
