"""A synthetic corpus in the style of the sample corpus, of any size, the same for the same seed.

The benchmarks need 100, 1,000 and 10,000 documents that read like the bundled corpus: release
posts, news stories with quotes and disputes, model cards with front matter, HTML news pages and
paper abstracts, each a few hundred words, about invented labs, model families, people and
benchmarks (with a few well-known benchmarks mixed in). Nothing here is read by the pipeline's
rules: the names are made up from syllables, so the gazetteer knows none of them.

    python bench/synth.py 1000 /tmp/corpus-1k      # writes 1,000 files
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["World", "generate_corpus"]

_SYL = ["ka", "lo", "ven", "tor", "mi", "sa", "rel", "dun", "vi", "qua", "zen", "ora", "pel", "tri",
        "mar", "nix", "bel", "cor", "dra", "fen", "gal", "hal", "ith", "jor", "kel", "lum", "nor",
        "pax", "rho", "sel", "tam", "ul", "vor", "wen", "yra", "zul"]
_ORG_SUFFIX = ["AI", "Labs", "Research", "Intelligence", "Systems", "Technologies", "AI Lab"]
_FIRST = ["Amara", "Bogdan", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun",
          "Kasia", "Lior", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomas",
          "Uma", "Viktor", "Wen", "Yara", "Zoltan", "Ines", "Rafael", "Mirela", "Kofi", "Leona"]
_LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Novak", "Takeda", "Ferreira", "Kowalczyk",
         "Brennan", "Achterberg", "Sato", "Delacroix", "Mbeki", "Rahimi", "Castellano", "Ivanova",
         "Oyelaran", "Vasquez", "Holm", "Petrov", "Nakamura", "Eriksen", "Abara", "Quist"]
_KNOWN_BENCH = ["MMLU", "GSM8K", "HumanEval", "MATH", "GPQA Diamond", "MMLU-Pro", "ARC-Challenge",
                "HellaSwag", "LiveCodeBench", "SWE-bench Verified"]
_OUTLETS = ["Bytefold", "GadgetDesk", "The Inference", "Circuit Daily", "Model Watch", "Tensor Times"]
_HARDWARE = ["a single H100 GPU", "eight A100 GPUs", "one RTX 4090", "a laptop with 32 GB of memory",
             "two L40S cards"]
_CONTEXT = ["8K", "32K", "64K", "128K", "200K", "256K", "1M"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
#: filler in the register of tech news, so documents are news-length, not fact lists
_FILLER = [
    "The release lands in a crowded month, with several labs shipping open weights within weeks of each other.",
    "Pricing was not announced, and the company said more details would follow on its developer blog.",
    "Developers can try the model through a hosted playground, and weights are offered under a research license.",
    "Analysts expect the launch to put pressure on rivals that still keep their weights closed.",
    "The announcement came with a short technical report but no information about the training data mix.",
    "Early users on forums described the model as fast, though some found its answers terse.",
    "The team said it spent most of the last quarter on safety evaluations and red-teaming.",
    "Inference support arrived the same day in the most common open-source serving frameworks.",
    "A longer paper describing the architecture is promised for later this year.",
    "The company declined to say how much compute the training run consumed.",
    "Partners in the cloud market said they would offer the model in their catalogues within days.",
    "Independent evaluations are still scarce, and most of the numbers so far come from the developer itself.",
    "Open-weight models have narrowed the gap to closed systems over the past two years, by most public measures.",
    "The license allows commercial use below a threshold of monthly active users, a condition several labs now copy.",
    "Some researchers cautioned that leaderboard positions move quickly and say little about reliability in production.",
    "Hosting costs, rather than benchmark scores, now decide which models companies actually deploy.",
    "The launch event itself was brief: a blog post, a model card and a thread on social media.",
    "Like most recent releases, it ships in a base version and an instruction-tuned chat version.",
]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


@dataclass
class Model:
    """One invented model: its family, version, size and lab."""

    family: str
    version: str
    size_b: int
    org: str
    context: str
    predecessor: Model | None = None
    teacher: Model | None = None

    @property
    def name(self) -> str:
        return f"{self.family} {self.version} {self.size_b}B"

    @property
    def short(self) -> str:
        return f"{self.family} {self.version}"


@dataclass
class World:
    """Labs, people, benchmarks and model families the documents talk about."""

    rng: random.Random
    orgs: list[str] = field(default_factory=list)
    people: dict[str, list[str]] = field(default_factory=dict)
    benchmarks: list[str] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)

    @classmethod
    def make(cls, n_docs: int, seed: int) -> World:
        rng = random.Random(seed)
        w = cls(rng)
        n_orgs = max(8, n_docs // 25)
        seen: set[str] = set()
        while len(w.orgs) < n_orgs:
            org = f"{_name(rng, 2)} {rng.choice(_ORG_SUFFIX)}"
            if org not in seen:
                seen.add(org)
                w.orgs.append(org)
                w.people[org] = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3)]
        w.benchmarks = list(_KNOWN_BENCH) + [f"{_name(rng, 2)}QA" for _ in range(max(6, n_docs // 50))]
        families: set[str] = set()
        for org in w.orgs:
            for _ in range(rng.randint(1, 3)):
                fam = _name(rng, rng.choice([2, 3]))
                if fam in families:
                    continue
                families.add(fam)
                prev: Model | None = None
                for v in range(1, rng.randint(2, 5)):
                    version = f"{v}" if rng.random() < 0.7 else f"{v}.5"
                    sizes = sorted(rng.sample([1, 3, 7, 8, 12, 14, 27, 32, 70, 123, 405], 3))
                    members = [Model(fam, version, s, org, rng.choice(_CONTEXT), prev) for s in sizes]
                    for small in members[:-1]:
                        if rng.random() < 0.4:
                            small.teacher = members[-1]
                    w.models.extend(members)
                    prev = members[-1]
        return w


def _score(rng: random.Random) -> str:
    return f"{rng.uniform(35, 92):.1f}"


def _date(rng: random.Random) -> str:
    return f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2023, 2026)}"


def _facts(w: World, m: Model, rng: random.Random) -> list[str]:
    """Sentences stating what is known about ``m``, each in one of several phrasings."""
    s = []
    s.append(rng.choice([
        f"{m.org} has released {m.name}, a new member of its {m.family} family of language models.",
        f"{m.org} today introduced {m.name}, the latest model in the {m.family} family.",
        f"{m.name}, developed by {m.org}, is now available to developers.",
    ]))
    s.append(rng.choice([
        f"{m.name} has {m.size_b} billion parameters and a context window of {m.context} tokens.",
        f"The model has {m.size_b} billion parameters and can read up to {m.context} tokens of context.",
        f"With {m.size_b}B parameters, it supports a {m.context}-token context window.",
    ]))
    if m.predecessor is not None:
        s.append(rng.choice([
            f"It is the successor of {m.predecessor.name}, which {m.org} shipped last year.",
            f"{m.name} succeeds {m.predecessor.name}.",
            f"The new model replaces {m.predecessor.name} as the lab's flagship in this size class.",
        ]))
    if m.teacher is not None:
        s.append(rng.choice([
            f"{m.name} was distilled from {m.teacher.name}, the largest model of the generation.",
            f"According to the report, {m.name} is a distillation of {m.teacher.name}.",
        ]))
    benches = rng.sample(w.benchmarks, 3)
    s.append(f"{m.org} reports {_score(rng)} on {benches[0]} and {_score(rng)} on {benches[1]} for {m.name}.")
    s.append(rng.choice([
        f"On {benches[2]}, the model scores {_score(rng)}, ahead of models twice its size.",
        f"{m.name} achieves {_score(rng)} on {benches[2]}.",
    ]))
    return s


def _quotes(w: World, m: Model, rng: random.Random) -> list[str]:
    person = rng.choice(w.people[m.org])
    rival = rng.choice([o for o in w.orgs if o != m.org] or w.orgs)
    critic = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    out = [rng.choice([
        f'"This is the most capable model we have built at this size," said {person}, head of research at {m.org}.',
        f"{person}, chief scientist at {m.org}, said the model matches much larger systems on reasoning tasks.",
    ])]
    if rng.random() < 0.5:
        out.append(rng.choice([
            f"Researchers at {rival} alleged that {m.name} was trained on benchmark test data.",
            f"{critic}, an independent researcher, claimed that the reported {w.benchmarks[0]} score could not be reproduced.",
        ]))
        out.append(rng.choice([
            f"{m.org} denied the allegation, saying its evaluation followed the standard protocol.",
            f"{person} rejected the claim and said the company would publish its evaluation code.",
        ]))
    return out


def _news(w: World, m: Model, rng: random.Random) -> str:
    outlet = rng.choice(_OUTLETS)
    title = rng.choice([f"{m.org} launches {m.name}", f"{m.short} is here, and it is small but sharp",
                        f"Hands-on with {m.name} from {m.org}"])
    body = _facts(w, m, rng) + _quotes(w, m, rng)
    rest = body[3:]
    rng.shuffle(rest)
    filler = rng.sample(_FILLER, 9)
    paras = [" ".join(body[:3]), " ".join(filler[:3]), " ".join(rest), " ".join(filler[3:6]),
             " ".join(filler[6:])]
    return (f"{outlet.upper()}  >  AI  >  Models\n\n{title}\n\n{_date(rng)} - 4 min read\n\n"
            + "\n\n".join(paras) + f"\n\n----\nSign up for the {outlet} newsletter.\n")


def _release(w: World, m: Model, rng: random.Random) -> str:
    facts = _facts(w, m, rng)
    return (f"---\ntitle: Introducing {m.name}\nauthor: {rng.choice(w.people[m.org])}\n"
            f"date: {rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n---\n\n"
            f"# Introducing {m.name}\n\n{' '.join(facts[:3])}\n\n## Performance\n\n{' '.join(facts[3:])}\n\n"
            f"## Availability\n\n{' '.join(rng.sample(_FILLER, 4))} The model runs on {rng.choice(_HARDWARE)}.\n\n"
            + " ".join(_quotes(w, m, rng)) + "\n")


def _card(w: World, m: Model, rng: random.Random) -> str:
    base = m.teacher or m.predecessor or m
    relation = rng.choice(["finetune", "quantized", "adapter"])
    tuned = f"{m.family}-{m.version}-{m.size_b}B-{rng.choice(['Instruct', 'Chat', 'Coder', 'GGUF'])}"
    benches = rng.sample(w.benchmarks, 3)
    rows = "\n".join(f"| {b} | {_score(rng)} |" for b in benches)
    org_id = m.org.split()[0].lower()
    return (f"---\nlicense: apache-2.0\nbase_model: {org_id}/{base.name.replace(' ', '-')}\n"
            f"base_model_relation: {relation}\nlibrary_name: transformers\ntags:\n  - text-generation\n---\n\n"
            f"# {tuned}\n\n{tuned} is a {relation} of {base.name}, released by {m.org}. "
            f"It has {m.size_b} billion parameters and a {m.context} context window. "
            f"{' '.join(rng.sample(_FILLER, 3))}\n\n## Evaluation\n\n| benchmark | score |\n|---|---|\n{rows}\n\n"
            f"## Hardware\n\nThe weights fit on {rng.choice(_HARDWARE)}.\n")


def _html(w: World, m: Model, rng: random.Random) -> str:
    outlet = rng.choice(_OUTLETS)
    paras = _facts(w, m, rng) + _quotes(w, m, rng) + rng.sample(_FILLER, 4)
    slug = m.name.lower().replace(" ", "-").replace(".", "-")
    body = "\n".join(f"    <p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
            f"  <title>{m.org} ships {m.name} | {outlet}</title>\n"
            f'  <link rel="canonical" href="https://news.example.org/{outlet.lower().replace(" ", "-")}/{slug}-{rng.randrange(10**6)}">\n'
            f'</head>\n<body>\n  <nav><a href="/">Home</a> <a href="/ai">AI</a></nav>\n  <article>\n'
            f"    <h1>{m.org} ships {m.name}</h1>\n{body}\n  </article>\n"
            f"  <footer>Copyright {outlet}. All rights reserved.</footer>\n</body>\n</html>\n")


def _abstract(w: World, m: Model, rng: random.Random) -> str:
    authors = ", ".join(w.people[m.org][:2]) + f", et al. ({m.org})"
    facts = _facts(w, m, rng)
    return (f"{m.name}: Scaling {rng.choice(['Efficient', 'Open', 'Sparse', 'Small'])} Language Models\n"
            f"{authors}\narXiv:{rng.randint(2301, 2612)}.{rng.randint(10000, 99999)}, {_date(rng)}\n\n"
            f"Abstract: We present {m.name}, a language model with {m.size_b} billion parameters. "
            + " ".join(facts[2:]) + " " + " ".join(rng.sample(_FILLER, 2)) + "\n")


_KINDS = [("news", ".txt", _news, 45), ("release", ".md", _release, 20), ("card", ".md", _card, 15),
          ("html", ".html", _html, 12), ("abstract", ".txt", _abstract, 8)]


def generate_corpus(n_docs: int, out: Path, *, seed: int = 6) -> tuple[list[Path], int]:
    """Write ``n_docs`` documents into the new or empty folder ``out``; return the files and
    the number of words they hold (whitespace-separated, markup included)."""
    w = World.make(n_docs, seed)
    rng = random.Random(seed + 1)
    out.mkdir(parents=True, exist_ok=True)
    files, words = [], 0
    weights = [k[3] for k in _KINDS]
    for i in range(n_docs):
        kind, suffix, write, _ = rng.choices(_KINDS, weights)[0]
        text = write(w, rng.choice(w.models), rng)
        path = out / f"{i:05d}-{kind}{suffix}"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        words += len(text.split())
    return files, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    files, words = generate_corpus(args.n, args.out, seed=args.seed)
    print(f"{len(files)} documents, {words:,} words in {args.out}")


if __name__ == "__main__":
    main()
