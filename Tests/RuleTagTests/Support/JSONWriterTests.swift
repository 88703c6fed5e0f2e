// JSONWriter: numbers written without a String must read as `format` writes
// them, and members given in their JSON form must give the bytes that
// writing them key by key gives.

import Testing

@testable import RuleTag

@Suite struct JSONWriterTests {
  @Test(arguments: [0, -0.0, 1, 3, -2, 2.5, -0.25, 999_999_999, 1e9, -1e9, 1e12, 1e20, 0.1])
  func numberMatchesFormat(_ v: Double) {
    var w = JSONWriter()
    w.beginArray()
    w.number(v)
    w.number(v)
    w.endArray()
    let f = JSONWriter.format(v)
    #expect(w.string == "[\(f),\(f)]")
  }

  @Test func membersGiveTheSameBytesAsKeys() {
    var plain = JSONWriter()
    plain.beginArray()
    for n in 0..<2 {
      plain.beginObject()
      plain.key("rule"); plain.raw(JSONWriter.encoded("a.rules:3"))
      plain.key("weight"); plain.number(2)
      plain.key("text"); plain.string("工会\"x\"")
      plain.key("field"); plain.string("text")
      plain.key("start"); plain.int(n)
      plain.endObject()
    }
    plain.endArray()

    var fast = JSONWriter()
    fast.beginArray()
    for n in 0..<2 {
      fast.beginObject(members: Array(#""rule":"a.rules:3","weight":2"#.utf8))
      fast.members(thenKey: Array(#""text":"#.utf8)); fast.string("工会\"x\"")
      fast.members(thenKey: Array(#""field":"text","start":"#.utf8)); fast.int(n)
      fast.endObject()
    }
    fast.endArray()
    #expect(fast.string == plain.string)
    #expect(
      fast.string
        == #"[{"rule":"a.rules:3","weight":2,"text":"工会\"x\"","field":"text","start":0},{"rule":"a.rules:3","weight":2,"text":"工会\"x\"","field":"text","start":1}]"#
    )
  }
}
