import type { DemoRandom } from './prng.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海波浩宇晨欣怡梓涵子轩雨博文斌俊峰凯亮飞鑫晓燕丹琳婷雪倩颖佳慧莉宁健';
const SHOP = '华鑫宏盛泰兴隆达瑞丰恒通嘉源德润金安庆丰永昌顺发远景利众晟康裕祥宝聚鼎';
const SUFFIX = ['有限公司', '有限责任公司', '股份有限公司', '厂'];

export function personName(random: DemoRandom): string {
  const given = random.pick([...GIVEN]) + (random.chance(0.7) ? random.pick([...GIVEN]) : '');
  return random.pick([...SURNAMES]) + given;
}

export function companyName(random: DemoRandom, place: string, trade: string): string {
  return place + random.pick([...SHOP]) + random.pick([...SHOP]) + trade + random.pick(SUFFIX);
}

export function mobile(random: DemoRandom): string {
  return random.pick(['138', '139', '150', '151', '158', '186', '187', '135', '137', '177']) + String(random.int(1e8)).padStart(8, '0');
}
