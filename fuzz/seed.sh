#!/usr/bin/env bash
# Fills the seed corpora of both fuzz targets:
#   corpus/answer     one file per question of the evaluation sets
#                     (/work/shared/eval/dev.toml, ../tests/data/*.toml),
#                     plus a few hand-written Discord-shaped messages;
#   corpus/knowledge  the shipped knowledge/faq.toml plus variants of it.
# Safe to re-run: files are named by the hash of their content.
# Usage: fuzz/seed.sh [extra-eval.toml ...]   (needs python3 >= 3.11)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mkdir -p "$here/corpus/answer" "$here/corpus/knowledge"

evals=()
for f in /work/shared/eval/dev.toml "$root"/tests/data/*.toml "$@"; do
  [ -f "$f" ] && evals+=("$f")
done

python3 - "$here/corpus" "$root/knowledge/faq.toml" "${evals[@]}" <<'PY'
import hashlib, os, sys, tomllib

corpus, faq_path, evals = sys.argv[1], sys.argv[2], sys.argv[3:]

def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)

count = 0
for path in evals:
    with open(path, "rb") as f:
        for case in tomllib.load(f).get("case", []):
            put("answer", case["q"])
            count += 1
extra = [
    "",
    "<@123> my glute knot hurts ```log\nerror\n``` help",
    "<@!42> <#7> <:pog:99> <a:x:1> <t:1700000000:R> piriformis??",
    "https://example.com/knot www.glute.com is this sciatica",
    "GLÚTE KÑOT numb leg can't pee",
    "g\u0336\u0353l\u0489u\u0300te k\u0336not",
    "my butt is numb and i cant feel my leg after a fall, fever too, pregnant",
    "knot " * 500,
    "a" * 40 + " glute",
    "don’t stretch 8kg deadlift glute med",
]
for q in extra:
    put("answer", q)
print(f"answer: {count} questions + {len(extra)} extra")

with open(faq_path, encoding="utf-8") as f:
    faq = f.read()
entries = faq.split("\n[[faq]]")
variants = [
    faq,
    entries[0] + "\n[[faq]]" + entries[1],          # header + first entry
    "\n[[faq]]".join(entries[:4]),                    # first three entries
    "",                                               # empty file
    faq.replace('"""', "'''"),                        # literal strings
    faq.replace("\n", "\r\n"),                        # CRLF
    faq + "\n[[faq]]\nid = \"what-is-a-knot\"\n",    # duplicate, incomplete
    faq.replace('id = "what-is-a-knot"', 'id = "What Is"', 1),
    faq.replace("related = [", "related = [\"nope\", ", 1),
    faq[: len(faq) // 2],                             # cut mid-file
    faq + "\n[[faq]]\nid = \"x\"\nquestion = \"\"\naliases = []\nkeywords = []\nanswer = \"\"\"" + "y" * 5000 + "\"\"\"\nrelated = [\"x\"]\n",
]
for v in variants:
    put("knowledge", v)
print(f"knowledge: {len(variants)} files")
PY
