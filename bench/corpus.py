"""Build the benchmark corpus: damaged Chinese like seed 004, English with the seeds' defects, a synthetic glossary.

Chinese: the clean Simplified text of seed 004 (the tool's own repair of it,
checked by the seed tests), its sentences shuffled and recombined, then
damaged the way seed 004 was: OpenCC ``s2tw``, the pinyin reading (pypinyin,
tone marks) in ASCII parentheses after 50 fixed characters, ASCII commas,
doubled commas and ``,。``.

English: the lines of the English seeds shuffled into new documents, with
their defects varied: repeated phrases, glued words, a document that lost
its capitals, site chrome lines, Chinese punctuation, and words of the
synthetic glossary's wrong renderings.

Glossary: ``glossary_N/`` folders with N synthetic ``[[term]]`` entries in
the glossary's TOML format (plus the shipped boilerplate and names files).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DOC_BYTES = 24_000
SYLLABLES = ["ba", "ko", "ri", "zu", "fen", "tal", "mor", "qui", "dex", "vol", "nar", "pim", "sto", "lek", "wun", "gra"]


def clean_chinese_base() -> str:
    from cleanup.core.pipeline import Cleaner
    from cleanup.core.settings import Settings

    seed = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    return Cleaner(Settings(select=("ZH",))).clean_text(seed).output


_DAMAGE: dict = {}


def damage_chinese(text: str, rng: random.Random) -> str:
    import opencc
    from pypinyin import Style, pinyin

    if not _DAMAGE:
        _DAMAGE["s2tw"] = opencc.OpenCC("s2tw")
        base = clean_chinese_base()
        traditional = _DAMAGE["s2tw"].convert(base)
        changed = [t for s, t in zip(base, traditional) if s != t] if len(base) == len(traditional) else []
        common = [c for c, _ in sorted(((c, changed.count(c)) for c in set(changed)), key=lambda x: (-x[1], x[0]))][:50]
        readings = {ch: pinyin(ch, style=Style.TONE)[0][0] for ch in common}
        _DAMAGE["glosses"] = (re.compile("|".join(map(re.escape, common)) or "$^"), readings)
    traditional = _DAMAGE["s2tw"].convert(text)
    pattern, readings = _DAMAGE["glosses"]
    glossed = pattern.sub(lambda m: f"{m.group(0)}({readings[m.group(0)]})", traditional)

    def comma(m: re.Match) -> str:
        return rng.choice([",", ",", ",,", "，"])

    glossed = re.sub("，", comma, glossed)
    return re.sub("。", lambda m: rng.choice(["。", ",。", "。"]), glossed)


def chinese_docs(total_bytes: int, rng: random.Random) -> list[str]:
    sentences = [s for s in re.split(r"(?<=[。！？])", clean_chinese_base()) if s.strip()]
    docs, size = [], 0
    while size < total_bytes:
        rng.shuffle(sentences)
        paragraphs = ["".join(sentences[i:i + 4]).replace("\n", "") + "\n" for i in range(0, len(sentences), 4)]
        doc = damage_chinese("".join(paragraphs), rng)
        while len(doc.encode()) < DOC_BYTES:
            doc += damage_chinese("".join(rng.sample(paragraphs, min(6, len(paragraphs)))), rng)
        docs.append(doc)
        size += len(doc.encode())
    return docs


def synthetic_terms(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    seen: set[str] = set()
    terms = []
    while len(terms) < n:
        wrong = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if wrong in seen:
            continue
        seen.add(wrong)
        terms.append((wrong, f"Term{len(terms)} Office"))
    return terms


def write_glossary(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("boilerplate.toml", "names.toml"):
        if (ROOT / "glossary" / name).exists():
            shutil.copy(ROOT / "glossary" / name, folder / name)
    lines = [f"# {n} synthetic entries for the benchmark\n"]
    for i, (wrong, right) in enumerate(synthetic_terms(n)):
        lines.append(f'\n[[term]]\nid = "synthetic-{i}"\nwrong = ["{wrong}"]\nright = "{right}"\nnote = "benchmark"\n')
    (folder / "synthetic.toml").write_text("".join(lines), encoding="utf-8")
    return folder


def english_docs(total_bytes: int, rng: random.Random, glossary_words: list[str]) -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        if path.name.startswith("004"):
            continue
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs, size = [], 0
    while size < total_bytes:
        parts = []
        while sum(map(len, parts)) < DOC_BYTES:
            line = rng.choice(lines)
            words = line.split(" ")
            roll = rng.random()
            if roll < 0.15 and len(words) > 6:  # a repeated phrase
                i = rng.randrange(len(words) - 3)
                words[i:i + 2] = words[i:i + 2] + words[i:i + 2]
            elif roll < 0.25 and len(words) > 3:  # glued words
                i = rng.randrange(len(words) - 1)
                words[i:i + 2] = [words[i] + words[i + 1]]
            if rng.random() < 0.2:
                words.insert(rng.randrange(len(words) + 1), rng.choice(glossary_words[:10]))
            if rng.random() < 0.05:
                words.insert(rng.randrange(len(words) + 1), rng.choice(glossary_words))
            parts.append(" ".join(words))
        text = "\n\n".join(parts) + "\n"
        if rng.random() < 0.1:
            text = text.lower()
        if rng.random() < 0.3:
            text = "Posted in: news\n\n" + text + "\nSharing let more people see.\n"
        docs.append(text)
        size += len(text.encode())
    return docs


def build(folder: Path, total_mb: float, seed: int = 1) -> dict[str, Path]:
    rng = random.Random(seed)
    half = int(total_mb * 2**20 / 2)
    glossary_10 = write_glossary(folder / "glossary_10", 10)
    glossary_10k = write_glossary(folder / "glossary_10000", 10_000)
    words = [w for w, _ in synthetic_terms(10_000)]
    for kind, docs in (("zh", chinese_docs(half, rng)), ("en", english_docs(half, rng, words))):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for i, doc in enumerate(docs):
            (folder / kind / f"{kind}{i:05d}.txt").write_text(doc, encoding="utf-8")
    return {"zh": folder / "zh", "en": folder / "en", "glossary_10": glossary_10, "glossary_10000": glossary_10k}


def build_big_file(path: Path, sources: list[Path], size_mb: float) -> Path:
    """One file of ``size_mb`` MB made of the corpus documents, written in a stream."""
    target = int(size_mb * 2**20)
    written = 0
    with open(path, "wb") as out:
        while written < target:
            for source in sources:
                data = source.read_bytes()
                out.write(data + b"\n")
                written += len(data) + 1
                if written >= target:
                    break
    return path
