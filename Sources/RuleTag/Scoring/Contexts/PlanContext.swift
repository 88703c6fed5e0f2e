// The plan context: a plan or exhortation, not a report of what happened.
//
// A hit is in a plan when a marker (要, 应当, 下一步, 力争, 计划, 拟, 鼓励,
// 承诺, 预计, 有望 …, or 将 used as a future: 将于, 将开展, 将有, 表示将 …)
// stands before it in its
// sentence, outside words that only hold one (重要, 需要, 将军 …), or when
// 拟于 / 将于 / 计划于 follows it in its clause.

extension Sentences {
  /// Whether `range`, in `clause`, stands in a plan.
  static func inPlan(_ range: Range<Int>, clause: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    let sentence = sentenceStart(before: range.lowerBound, in: p)
    return contains(p, sentence..<range.lowerBound, any: planMarkers, excluding: notPlanWords)
      || contains(p, range.upperBound..<clause.upperBound, any: planAfterMarkers)
  }

  /// Plan markers.
  ///
  /// 将 counts only before a verb or adverb of the future
  /// (`将于`, `将开展`, `将进一步`): before a noun it is the 把 of a report
  /// (`工会将慰问金送到职工手中`).
  static let planMarkers: [[UInt8]] =
    (["要", "应当", "下一步", "力争", "计划", "拟", "鼓励", "号召", "倡议", "希望", "承诺", "预计", "有望", "表示将"]
    + [
      "于", "在", "继续", "进一步", "持续", "开展", "举办", "举行", "组织", "启动", "建设", "推出", "实施", "加强", "全面", "陆续",
      "逐步", "重点", "深化", "推进", "着力", "围绕", "以", "会", "把", "为", "与", "对", "向", "从", "不断", "积极", "努力",
      "扩大", "覆盖", "成立", "组建", "建立", "打造", "开通", "上线", "投入", "迎来", "新建", "提供", "发放", "达到", "实现",
      "有", "通过", "按照", "根据", "结合", "针对", "开设", "筹建", "全力", "统筹", "分批", "定期", "联合", "免费", "再",
      "授予", "评选", "命名", "颁发", "给予", "奖励", "表彰", "选派", "安排", "邀请", "招募", "招聘", "推荐",
      // More verbs and adverbs of the future: 将 before a verb plans.
      "进行", "召开", "带来", "聚焦", "深入", "加快", "坚持", "着手", "切实", "大力", "广泛", "主动", "充分", "优先", "择优", "落实",
      "完善", "健全", "出台", "制定", "发布", "启用", "投用", "建成", "完成", "增加", "新增", "惠及", "帮助", "支持", "保障",
      "走进", "走访", "送上", "送去", "前往", "赴", "参加", "参与", "代表", "获得", "享受", "享有", "由", "是", "成为", "开放", "开启",
      "开幕", "开赛", "拉开", "集中", "统一", "面向", "依托", "探索", "始终", "一如既往", "更加", "更好", "要", "可", "能", "得到",
      "形成", "培训", "培养", "举荐", "打通", "搭建", "设立", "配备", "改造", "升级", "延伸", "拓展", "吸纳", "带动", "引导", "组队",
      "派出", "迎接", "接受", "展开", "展示", "亮相", "上演", "落地", "试点", "推广", "普及",
    ].map { "将" + $0 }).map { Array($0.utf8) }
  /// Markers that make a plan when they follow the hit: `运动会拟于11月举行`.
  static let planAfterMarkers: [[UInt8]] = ["拟于", "将于", "计划于"].map { Array($0.utf8) }
  /// Words that hold a plan marker but do not plan (重要, 将军, 需要 …).
  static let notPlanWords: [[UInt8]] = [
    "重要", "主要", "需要", "只要", "必要", "要素", "摘要", "纲要", "将军", "将近", "将士", "要点", "首要", "要闻", "纪要",
  ].map { Array($0.utf8) }
}

extension ClauseContexts {
  static let plan = Markers(Sentences.planMarkers)
  static let planAfterWords = Markers(Sentences.planAfterMarkers)

  /// `Sentences.inPlan` through the index, for a hit in clause `k`
  /// (`cl..<cu`).
  mutating func inPlan(_ range: Range<Int>, clause k: Int, cl: Int, cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    // From the start of the sentence to the end of this clause, the first marker.
    if Int(planEnd(clause: k, upTo: cu, in: p)) <= range.lowerBound { return true }
    return Int(planAfterLast(clause: k, cl: cl, cu: cu, in: p)) >= range.upperBound
  }

  /// The last start of a 拟于/将于/计划于 that lies whole in clause `k`
  /// (`cl..<cu`), or -1: one follows a hit in its clause exactly when it
  /// starts at or after the hit's end.
  ///
  /// Computed once per clause.
  mutating func planAfterLast(clause k: Int, cl: Int, cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Int32 {
    if planAfter[k] != Int32.min { return planAfter[k] }
    var last: Int32 = -1
    var i = cl
    while i + 2 < cu {
      if let ws = ClauseContexts.planAfterWords.candidates(p, i) {
        for w in ws where i + w.count <= cu && Sentences.starts(p, at: i, with: w) { last = Int32(i) }
      }
      i &+= ClauseContexts.step(p[i])
    }
    planAfter[k] = last
    return last
  }

  /// The first plan marker of the sentence of clause `k`, looking no
  /// further than `cu`: markers never cross a clause end, so the first one
  /// found up to any clause end of the sentence is the first of all.
  ///
  /// The
  /// scan of one sentence resumes where the last question left it.
  mutating func planEnd(clause k: Int, upTo cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Int32 {
    if planEnd[k] != Int32.min { return planEnd[k] }
    let start = Int(sentenceStart[k])
    if start != planSentence {
      planSentence = start
      planScanned = start
      planFound = Int32.max
    }
    if planFound == Int32.max && planScanned < cu {
      planFound = ClauseContexts.firstPlanEnd(p, from: planScanned, lower: start, to: cu)
      planScanned = cu
    }
    planEnd[k] = planFound
    return planFound
  }

  /// The smallest end of a plan marker starting in `from..<cu` that is not
  /// inside a word of `notPlanWords` (looking back no further than
  /// `lower`), as `Sentences.contains(…, any: planMarkers, excluding:
  /// notPlanWords)` tests; Int32.max when none.
  static func firstPlanEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, lower: Int, to cu: Int) -> Int32 {
    var best = Int.max
    var i = from
    while i + 2 < cu && i < best {
      if let ws = plan.candidates(p, i) {
        for w in ws where i + w.count <= cu && i + w.count < best && Sentences.starts(p, at: i, with: w) {
          var excluded = false
          for x in Sentences.notPlanWords {
            var j = max(lower, i - x.count + 1)
            while j <= i {
              if Sentences.starts(p, at: j, with: x) && j + x.count > i { excluded = true; break }
              j += 1
            }
            if excluded { break }
          }
          if !excluded { best = i + w.count }
        }
      }
      i &+= step(p[i])
    }
    return best == Int.max ? Int32.max : Int32(best)
  }
}
