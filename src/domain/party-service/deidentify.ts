// De-identification of the text of a case shown on a public page (执法亮剑): ID numbers, mobile and landline
// numbers, the names the caller knows (the reporter's), forms of address built on a surname (王先生, 李阿姨 → 某先生,
// 某阿姨) and the exact part of an address (building, unit, room and house numbers) are replaced. Written here
// because no shared de-identification function existed when 执法亮剑 was built (src/domain/showcase holds only its
// review rules); it is small and pure so it can move there.

const ID_NUMBER = /(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g;
const ADDRESS_NUMBER = /(?:[0-9零一二三四五六七八九十百]+\s*(?:号楼|幢|栋|单元|室|号|弄))+/g;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const ADDRESSED = new RegExp(`[${SURNAMES}](先生|女士|阿姨|大爷|大妈|师傅|老板|某某|某)`, 'g');

export function deidentify(text: string, knownNames: readonly string[] = []): string {
  let out = text;
  for (const name of knownNames) {
    const n = name.trim();
    if (n.length >= 2) out = out.split(n).join('某某');
  }
  return out
    .replace(ID_NUMBER, '[身份证号]')
    .replace(MOBILE, '[电话]')
    .replace(LANDLINE, '[电话]')
    .replace(ADDRESS_NUMBER, '**')
    .replace(ADDRESSED, (_m, title: string) => (title.startsWith('某') ? '某某' : `某${title}`));
}
