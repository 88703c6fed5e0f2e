// Counts in messages: "1 article", "2 articles", "0 errors".
//
// Every summary line the commands print names its counts through
// `counted`, so a count of one never reads "1 articles".

/// A count and its noun, with an "s" unless the count is exactly one.
public func counted(_ n: Int, _ noun: String) -> String {
  "\(n) " + (n == 1 ? noun : noun + "s")
}
