"""Word lists the extraction rules share: cue words, name parts, stop lists.

These are the closed-class words of how text talks about models, labs and people. Names of
particular models and labs live in ``patterns/gazetteer.jsonl``, not here. Two longer lists are
data files in ``patterns/``, reviewed like code: ``non_entities.txt`` (terms that are never
entities: formats, methods, libraries, datasets, licences, places, table headers) and
``non_name_words.txt`` (capitalised words that never begin, extend or end a name).
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.terms import name_key

__all__ = [
    "AGENT_HEADS",
    "NON_ENTITY_TERMS",
    "NON_NAME_WORDS",
    "is_non_entity",
    "read_sections",
    "BENCH_SUFFIXES",
    "CLAIM_CUES_PATH",
    "COMMON_CAPS",
    "FAMILY_NOUNS",
    "FIRST_NAMES",
    "GENERIC_VARIANT_WORDS",
    "MODEL_CUES",
    "MODEL_NOUNS",
    "NAME_SUFFIX_WORDS",
    "NAME_BLOCK_HEADS",
    "ORG_NOUNS",
    "ORG_OF_HEADS",
    "ORG_SUFFIXES",
    "OUTLET_HEADS",
    "SPEAKS_FOR_TITLES",
    "SPOKES_NOUNS",
    "STANCE_VERBS",
    "STATEMENT_NOUNS",
    "TITLE_WORDS",
    "VARIANT_WORDS",
    "read_claim_cues",
]

#: words that end a model name as a variant ("Kestrel 3.5 Mini", "Qwen2.5-72B-Instruct")
VARIANT_WORDS = frozenset(
    """instruct chat base mini pro flash ultra nano lite turbo max plus vision coder code math
    preview large medium small tiny distill experimental reasoning thinking omni guard it hf
    sonnet opus haiku scout maverick behemoth air edge micro express online long fast deep
    embed embedding audio vl omni-moe moe r1 v2 v3 dense sft rl dpo""".split()
)

#: lower-case words that end a hyphenated model name besides the variant words: release stages,
#: effort levels and merge methods ("Zephyr-7B-beta", "o3-mini-high", "Marcoro14-7B-slerp")
NAME_SUFFIX_WORDS = frozenset(
    """alpha beta gamma rc exp latest high low slerp ties dare gguf awq gptq exl2 mlx onnx
    int4 int8 fp8 fp16 bf16 nf4 uncensored abliterated""".split()
)

#: variant words that name a kind of build, not a product line: never a model's short name alone
#: ("variants such as Instruct, GGUF"), unlike "Maverick" or "Sonnet"
GENERIC_VARIANT_WORDS = frozenset(
    """instruct chat base it hf sft rl dpo preview experimental reasoning thinking embed
    embedding vl moe dense distill online""".split()
)

#: nouns after a name that make it a family ("the Llama 4 herd")
FAMILY_NOUNS = frozenset(
    "family families series herd lineup line generation collection suite models".split()
)

#: nouns after a name that make it a model ("the Kestrel model")
MODEL_NOUNS = frozenset(
    """model models llm llms checkpoint checkpoints variant variants version versions weights
    release flagship assistant chatbot transformer""".split()
)

#: words whose presence in a sentence makes a capitalised-name-with-number a model
MODEL_CUES = frozenset(
    """model models llm llms language parameters parameter params weights open-weight
    open-source fine-tuned finetuned fine-tune distilled trained training benchmark benchmarks
    scores scored score outperforms outperform context tokens inference release released
    releases checkpoint checkpoints instruct chat reasoning multimodal moe experts variant
    variants quantized gguf lora base_model mixture-of-experts transformer ai chatbot
    successor predecessor teacher student mmlu elo leaderboard arena""".split()
)

#: capitalised heads that never start a model name
NAME_BLOCK_HEADS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday figure fig table section chapter step phase part level version round day
    week year q1 q2 q3 q4 top page windows iphone ipad pixel galaxy python covid series
    vol volume no number issue episode season room floor route highway building framework
    laptop surface xbox playstation ps rtx gtx macbook android ios macos ubuntu the a an in on
    at of for and or but with from by to as our we it its this that these those their his her
    about after before since during over under more than less up down be is are was were
    appendix equation eq grade class type article model models apache gpl lgpl agpl bsd cc
    creative license licence gpus gpu cuda pytorch""".split()
)

#: capitalised words that are ordinary words, not names, when alone
COMMON_CAPS = frozenset(
    """the a an in on at of for and or but with from by to as our we it its this that these
    those their his her he she they i you my your after before since during however also
    then when while where which who what why how all some many most more less other others several few various
    new latest early last first second third next previous today yesterday tomorrow here
    there both each every such one two three four five six seven eight nine ten artificial
    intelligence large language open source company companies researchers users community
    developers meanwhile still although though because if unlike like according despite
    abstract introduction conclusion results summary overview background note update
    read more image via photo credit report reporting share comment comments login sign
    subscribe newsletter related trending advertisement sponsored privacy terms cookie
    cookies accept settings home news tech business markets science opinion video follow
    join thanks thank please click see also editor editors staff written posted published
    updated contact about menu search""".split()
)

#: organisation name endings ("Corvid Labs", "Helix Research")
ORG_SUFFIXES = frozenset(
    """labs lab ai research technologies technology inc inc. corp corp. corporation
    institute university foundation systems computing intelligence group company co.
    ltd ltd. llc gmbh sa deepmind brain academy collective consortium partners securities
    ventures capital press bio biotech compute analytics holdings media publishing robotics
    networks software studios solutions industries dynamics court tribunal commission agency
    ministry council committee guild union association society bureau authority
    observatory team""".split()
)

#: heads of "<Head> of|for <Name>" organisations ("Guild of Northern Letters")
ORG_OF_HEADS = frozenset(
    """university institute guild association society academy ministry department council
    center centre school college court federation union office bureau commission agency
    foundation laboratory lab museum alliance league""".split()
)

#: benchmark name endings ("AgentMaze-Bench", "LongDocQA", "MT-Bench")
BENCH_SUFFIXES = ("bench", "eval", "qa", "arena", "test", "suite", "val")

#: job titles that tie a person to an organisation
TITLE_WORDS = frozenset(
    """ceo cto cfo coo cso founder co-founder cofounder president vp vice chief head director
    lead leader manager scientist researcher engineer spokesperson spokesman spokeswoman
    professor chair chairman chairwoman executive officer fellow analyst architect principal
    senior partner investor member staff author""".split()
)

#: heads of unnamed agents ("a former employee", "community members")
AGENT_HEADS = frozenset(
    """whistleblower whistleblowers employee employees insider insiders source sources
    researcher researchers engineer engineers user users member members critic critics
    analyst analysts tester testers developer developers commenter commenters poster
    observer observers expert experts staffer staffers person people reviewer reviewers
    skeptic skeptics sceptic sceptics newsletter newsletters outlet outlets commentator
    commentators blogger bloggers journalist journalists reporter reporters leaker leakers
    official officials executive executives scientist scientists academic academics lawyer
    lawyers""".split()
)

#: the reported-speech cues of the claims reader, as data (one reviewed line per phrasing)
CLAIM_CUES_PATH = Path(__file__).parent / "patterns" / "claim_cues.tsv"
_CUE_STANCES = frozenset({"asserts", "denies", "reports", "acknowledges", "speculates"})
_CUE_AGENTS = frozenset({"before", "after", "cited", "owner"})


def read_claim_cues(path: Path = CLAIM_CUES_PATH) -> tuple[tuple[str, str, str], ...]:
    """The cues of ``patterns/claim_cues.tsv`` as ``(cue, stance, agent)``, in file order.

    Raises:
        ValueError: a line without three fields, or an unknown stance or agent position.
    """
    out: list[tuple[str, str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 3 or fields[1] not in _CUE_STANCES or fields[2] not in _CUE_AGENTS:
            raise ValueError(f"{path.name}:{n}: expected 'cue<TAB>stance<TAB>agent', got {line!r}")
        out.append((" ".join(fields[0].lower().split()), fields[1], fields[2]))
    return tuple(out)


#: reported-speech verbs (surface forms) -> stance: the one-word "before" cues of claim_cues.tsv
STANCE_VERBS: dict[str, str] = {cue: stance for cue, stance, agent in read_claim_cues()
                                if agent == "before" and " " not in cue}

#: nouns that stand for a company already named ("the company said", "the Oslo AI developer")
ORG_NOUNS = frozenset(
    "company firm startup start-up lab developer maker vendor laboratory team".split()
)

#: what an organisation publishes and speaks through ("its technical report said")
STATEMENT_NOUNS = frozenset(
    """report paper statement post announcement filing blog documentation notes card website
    letter""".split()
)

#: people who speak for an organisation without being named ("a Kestrel spokesperson said")
SPOKES_NOUNS = frozenset(
    "spokesperson spokesman spokeswoman representative representatives".split()
)

#: titles in an apposition that make a person speak for their organisation, so that a later
#: "the company said" refers to it ("X, the company's chief executive")
SPEAKS_FOR_TITLES = frozenset(
    """ceo cto cfo coo founder co-founder cofounder president vp chief head director
    spokesperson spokesman spokeswoman executive officer chairman chairwoman chair lead
    leads""".split()
)

#: unnamed agents that pass on news rather than make claims ("several newsletters reported")
OUTLET_HEADS = frozenset(
    """newsletter newsletters outlet outlets newspaper newspapers publication publications
    blog blogs site sites""".split()
)

#: common English first names (helps find people the gazetteer does not know)
FIRST_NAMES = frozenset(
    """aaron adam adrian ahmad ahmed aidan alan albert alex alexander alexandr alexis ali alice
    alison amanda amir amy ana andrea andrew andrej andy angela anna anne anthony arthur ashley
    barbara ben benjamin beth bill bob brad brandon brian bruce carl carla carlos carol caroline
    catherine charles charlie chen chris christian christina christopher claire clara clement
    colin connor craig dan dana daniel danielle dario david dean deborah demis dennis diana
    diego dmitri dominic donald douglas dylan ed eddie edward elena eli elizabeth ellen emily
    emma eric erik ethan eva evan fatima fei felix fernando fiona frank gabriel gary george
    gina grace greg gregory hannah harry helen henry hiro hugo ian igor ilya isaac isabel jack
    jacob jake james jamie jan jane janet jason jay jean jeff jeffrey jen jennifer jensen jeremy
    jerry jessica jim joan joe joel john jon jonathan jordan jorge jose joseph josh joshua
    juan julia julian julie justin kai karen karl kate katherine kathy keith kelly ken kevin
    kim kyle lars laura lauren lee leo li liam lin linda lisa liu lucas lucy luis lukas mahmoud
    marco marcus margaret maria mario mark marta martin mary mateo matt matthew max maya megan
    mei michael michelle miguel mike mira mohammed mustafa nadia naomi natalie nathan neil
    nicholas nick nicole nina noah noam oliver olivia omar oscar pablo pat patrick paul pedro
    peter philip pierre priya rachel rafael raj ravi rebecca richard rick rob robert roberto
    robin ronald rosa ross ruth ryan sam samantha samuel sandra sara sarah satya scott sean
    sebastian sergey sharon simon sofia sophia sophie stephen steve steven sundar susan tanya
    thomas tim timothy tom tony tyler victor victoria vincent wang wei will william xavier
    yann yoshua yuki yusuf zach zhang zoe""".split()
)


_PATTERNS = Path(__file__).parent / "patterns"


def read_sections(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a word list: one entry a line under ``[section]`` headers; a line starting with
    ``#`` is a comment, blank lines are ignored."""
    out: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head = re.fullmatch(r"\[(.+)\]", line)
        if head:
            section = head.group(1).strip()
            continue
        out.setdefault(section, []).append(line)
    return {k: tuple(v) for k, v in out.items()}


#: terms that are never entities, by comparison key -> their kind ("format", "place", ...)
NON_ENTITY_TERMS: dict[str, str] = {
    name_key(term): kind
    for kind, terms in read_sections(_PATTERNS / "non_entities.txt").items() for term in terms
    if name_key(term)
}

#: capitalised words that are not parts of names, by role: "opener", "verb", "generic noun", "tail"
NON_NAME_WORDS: dict[str, frozenset[str]] = {
    kind: frozenset(w.lower() for w in words)
    for kind, words in read_sections(_PATTERNS / "non_name_words.txt").items()
}

_NUMBER_ONLY = re.compile(
    r"^[\d.,\s]+(?:%|k|m|b|t|thousand|million|billion|trillion)?$", re.IGNORECASE)


def is_non_entity(name: str) -> bool:
    """Whether ``name`` is a term that never names an entity (a listed term, or a bare number).

    >>> is_non_entity("Grouped-Query Attention"), is_non_entity("7.04 billion")
    (True, True)
    >>> is_non_entity("Codestral Mamba"), is_non_entity("Mamba")
    (False, True)
    """
    return name_key(name) in NON_ENTITY_TERMS or bool(_NUMBER_ONLY.match(name.strip()))


#: a size part of a name: "17b", "8x7b", "a3b", "128e" (experts), "128k" (context)
SIZE_PART = re.compile(r"^(?:\d+x)?\d+(?:\.\d+)?[bmtk]$|^a\d+(?:\.\d+)?b$|^\d+e$")


def name_parts(label: str) -> list[str]:
    """A name's parts, however joined: "Tamsin-2-8x7B", "Tamsin 2 8x7B" and "Tamsin2-8x7B" have the
    same parts (a word runs into its version: "Falcon3-7B-Base" is of the "Falcon 3" family)."""
    return [p for p in re.split(r"[\s_-]+|(?<=[a-z]{2})(?=\d)", label.lower()) if p]
