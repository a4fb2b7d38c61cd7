import { describe, expect, it } from 'vitest';
import { type DeidentifyContext, deidentify, describeFindings, findPersonalData } from './deidentify.js';

const context: DeidentifyContext = {
  names: ['张三丰', '李四', ' ', '王'],
  addresses: ['文昌社区学府路18号3单元402室'],
  villages: ['文昌社区', '东关村', '桃源村'],
};

describe('deidentify: the proposal', () => {
  const cases: [string, string, string][] = [
    ['a name becomes surname + 某', '张三丰反映楼道堆物', '张某反映楼道堆物'],
    ['the longer name first', '李四与张三丰协商', '李某与张某协商'],
    ['a one-character name is not a name', '王说了', '王说了'],
    ['a form of address loses its surname', '王先生和李阿姨反映，刘大妈在场', '某先生和某阿姨反映，某大妈在场'],
    ['a form of address after a removed number', '孙师傅（13800000001）已到场', '某师傅已到场'],
    ['a mobile number is removed with its label', '联系电话13800000001。已回访', '。已回访'],
    ['a mobile number without a label', '请拨打13800000001咨询', '请拨打咨询'],
    ['a mobile number with separators', '号码 138-0000-0001，已回访', '号码 ，已回访'],
    ['a mobile number with +86', '+86 13912345678来电', '来电'],
    ['a landline', '拨打0571-88886666咨询', '拨打咨询'],
    ['an 18-digit ID number with its label', '经身份证330788199001011234核实', '经核实'],
    ['an ID number ending in X', '证件33078819900101123X。', '证件。'],
    [
      'labels inside brackets go with the brackets',
      '张三丰（身份证330788199001011234，电话13800000001）反映',
      '张某反映',
    ],
    ['the exact address becomes its village’s kind', '在文昌社区学府路18号3单元402室漏水', '在XX社区漏水'],
    ['a village name', '东关村村道破损', 'XX村村道破损'],
    ['a community keeps its kind', '文昌社区居民反映', 'XX社区居民反映'],
    ['house numbers removed', '学府路12号门口，3号楼2单元前', '学府路门口，前'],
    ['a rural group number removed', '桃源村5组的水渠', 'XX村的水渠'],
    ['a date is not a house number', '12月3号上午到场', '12月3号上午到场'],
    ['counts stay', '涉及12户居民、3个部门', '涉及12户居民、3个部门'],
    ['empty brackets left by a removal go', '张三丰（13800000001）称', '张某称'],
    ['a long number that is not an ID stays', '工单号2025110100012345678901', '工单号2025110100012345678901'],
  ];
  it.each(cases)('%s', (_label, text, expected) => {
    expect(deidentify(text, context)).toBe(expected);
  });

  it('what it proposes has no personal data left', () => {
    for (const [, text] of cases) expect(findPersonalData(deidentify(text, context), context)).toEqual([]);
  });
});

describe('findPersonalData: the check before review and publishing', () => {
  const cases: [string, string, string[]][] = [
    ['a clean text', '张某反映XX社区路灯不亮，街道三日内修复。', []],
    ['a phone', '回访电话13800000001', ['phone']],
    ['an ID number is not also a phone', '330788199001011234', ['id_number']],
    ['a name of the case', '经李四同意', ['name']],
    ['the address', '文昌社区学府路18号3单元402室', ['address', 'house_number', 'house_number', 'house_number']],
    ['a house number', '学府路18号', ['house_number']],
  ];
  it.each(cases)('%s', (_label, text, kinds) => {
    expect(findPersonalData(text, context).map((f) => f.kind)).toEqual(kinds);
  });

  it('describes what was found in Chinese', () => {
    expect(describeFindings(findPersonalData('李四 13800000001', context))).toBe(
      '文中仍含有个人信息（电话号码、姓名），请删除或改写后再提交',
    );
  });
});
