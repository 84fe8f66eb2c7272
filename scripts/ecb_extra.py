#!/usr/bin/env python3
"""Build extra ECB+ alignment gold for checks outside the development set.

    .venv/bin/python scripts/ecb_extra.py [--out .eval/ecb_extra]

The ECB+ sample in ../shared/corpora/ecbplus_sample holds, for each of the
three development topics (8, 37, 41), a second event that the development set
does not use: the ``*ecb.xml`` documents (a US bank bombing, a West Papua
earthquake, the bombing of UN schools in Gaza).  This script rebuilds them the
way ../shared/eval/ecb_dev was built (tokens detokenized, one sentence a line;
gold sentences from ECBplus_coreference_sentences.csv; a gold pair: two
sentences of different documents sharing a cross-document ACTION/NEG
instance) and writes a gold.json in the same format, so that
../shared/eval/ecb_dev/score.py can score it (``--gold``).

Sets written:
  e<N>   the ecb event of topic N alone (three more events: "held-out-like")
  m<N>   the ecb and ecbplus documents of topic N together: two different events
         of the same kind (two earthquakes in Indonesia, two bank attacks, two
         bombings), the hardest precision test: rows must not merge them.
Topic keywords are written generically per kind of event (as a user would
write them without reading the texts).
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "corpora" / "ecbplus_sample"

# keywords a user would type for each kind of event (not read from the documents)
KEYWORDS = {
    "8": ("Bank attack", ["bank", "bomb", "explosion", "blast"]),
    "37": ("Earthquake in Indonesia", ["earthquake", "quake", "Indonesia", "magnitude"]),
    "41": ("Bombing", ["bomb", "air strike", "attack", "shelling"]),
}


def detok(tokens: list[str]) -> str:
    s = " ".join(tokens)
    s = re.sub(r" ([.,;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" ('s|'re|'ve|'ll|'d|n't|'m)\b", r"\1", s)
    s = re.sub(r" - ", "-", s)
    s = re.sub(r"`` | ''", '"', s)
    s = re.sub(r"(\d)([.,:]) (\d)", r"\1\2\3", s)  # "6. 1" -> "6.1", "230, 000" -> "230,000"
    return s


def read_doc(path: Path) -> tuple[dict[int, list[str]], dict[int, set[str]]]:
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = {}
    tok_sent: dict[str, int] = {}
    for t in root.iter("token"):
        sn = int(t.get("sentence", "0"))
        sents.setdefault(sn, []).append(t.text or "")
        tok_sent[t.get("t_id", "")] = sn
    mark = root.find("Markables")
    m_sents: dict[str, set[int]] = {}
    if mark is not None:
        for m in mark:
            if m.tag.startswith(("ACTION", "NEG")):
                m_sents[m.get("m_id", "")] = {tok_sent[a.get("t_id", "")] for a in m.findall("token_anchor")}
    inst: dict[int, set[str]] = {}
    rel = root.find("Relations")
    if rel is not None:
        for r in rel.findall("CROSS_DOC_COREF"):
            note = r.get("note", "")
            if not note.startswith(("ACT", "NEG")):
                continue
            for src in r.findall("source"):
                for sn in m_sents.get(src.get("m_id", ""), ()):
                    inst.setdefault(sn, set()).add(note)
    return sents, inst


def build(out: Path) -> None:
    annotated: set[tuple[str, str, int]] = set()
    with open(SAMPLE / "ECBplus_coreference_sentences.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            annotated.add((row["Topic"], row["File"], int(row["Sentence Number"])))
    topics = {}
    for topic, (label, kws) in KEYWORDS.items():
        for setname, kinds in ((f"e{topic}", ("ecb",)), (f"m{topic}", ("ecb", "ecbplus"))):
            d = out / "corpus" / setname
            d.mkdir(parents=True, exist_ok=True)
            gold_sents = []
            files = []
            inst_all: dict[str, set[str]] = {}
            for path in sorted((SAMPLE / topic).glob("*.xml")):
                kind = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
                if kind not in kinds:
                    continue
                sents, inst = read_doc(path)
                lines, pos, spans = [], 0, {}
                for sn in sorted(sents):
                    if kind == "ecbplus" and sn == 0:
                        continue  # the URL
                    line = detok(sents[sn])
                    spans[sn] = (pos, pos + len(line))
                    lines.append(line)
                    pos += len(line) + 1
                fname = path.stem + ".txt"
                (d / fname).write_text("\n".join(lines) + "\n", encoding="utf-8")
                files.append(fname)
                short = path.stem.split("_", 1)[1]
                for sn, (a, b) in spans.items():
                    if (topic, short, sn) in annotated:
                        sid = f"{path.stem}:{sn}"
                        inst_all[sid] = inst.get(sn, set())
                        gold_sents.append(dict(id=sid, file=fname, start=a, end=b, sentence=sn,
                                               text=lines[sorted(spans).index(sn)], instances=sorted(inst.get(sn, set()))))
            pairs, non_pairs = [], []
            for x, y in itertools.combinations(gold_sents, 2):
                if x["file"] == y["file"]:
                    continue
                shared = inst_all[x["id"]] & inst_all[y["id"]]
                (pairs if shared else non_pairs).append(dict(a=x["id"], b=y["id"], shared=sorted(shared)))
            in_pair = {p["a"] for p in pairs} | {p["b"] for p in pairs}
            for s in gold_sents:
                s["cross_doc"] = s["id"] in in_pair
                s["descriptors"] = []
            tf = out / "topics" / f"{setname}.toml"
            tf.parent.mkdir(parents=True, exist_ok=True)
            tf.write_text(f'[topics.{setname}]\nlabel = "{label}"\nkeywords = {json.dumps(kws)}\n', encoding="utf-8")
            topics[setname] = dict(dir=str(d.resolve()), topics_file=str(tf.resolve()), files=files,
                                   gold_sentences=gold_sents, pairs=pairs, non_pairs=non_pairs,
                                   counts=dict(pairs=len(pairs), non_pairs=len(non_pairs), gold_sentences=len(gold_sents)))
    (out / "gold.json").write_text(json.dumps(dict(topics=topics), indent=1), encoding="utf-8")
    for k, T in topics.items():
        print(k, T["counts"], len(T["files"]), "docs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / ".eval" / "ecb_extra"))
    a = ap.parse_args()
    if not SAMPLE.is_dir():
        print(f"{SAMPLE} not found; skipped")
        return
    build(Path(a.out))


if __name__ == "__main__":
    main()
