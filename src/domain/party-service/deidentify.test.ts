import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify.js';

describe('de-identification for the public enforcement list', () => {
  it.each([
    ['手机 13812345678 联系', '手机 [电话] 联系'],
    ['电话0570-5123456', '电话[电话]'],
    ['身份证330781199001011234', '身份证[身份证号]'],
    ['身份证33078119900101123X号', '身份证[身份证号]号'],
    ['幸福小区12号楼3单元402室门口堆物', '幸福小区**门口堆物'],
    ['人民路18号店铺占道经营', '人民路**店铺占道经营'],
    ['王先生反映噪音扰民', '某先生反映噪音扰民'],
    ['李阿姨和张某某发生争执', '某阿姨和某某发生争执'],
    ['无个人信息的文字', '无个人信息的文字'],
  ])('%s', (input, expected) => expect(deidentify(input)).toBe(expected));

  it('replaces the names the caller knows', () => {
    expect(deidentify('反映人陈建国称，陈建国家门口有违建', ['陈建国'])).toBe('反映人某某称，某某家门口有违建');
  });
});
