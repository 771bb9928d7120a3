"""Specs for kg.terms: text normalisation, slugs, name keys, IRI minting, IRI safety."""

from __future__ import annotations

import re
import unicodedata

import pytest

from kg.terms import BASE, entity_iri, is_safe_iri, name_key, normalize_text, slugify

# --------------------------------------------------------------------------- normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cafe\u0301", "caf\u00e9"),  # decomposed e + acute -> one code point
        ("A\u030a", "\u00c5"),
        ("\u212b", "\u00c5"),  # the angstrom sign is NFC-equivalent to A-ring
    ],
)
def test_terms_normalize_text_composes_to_nfc(raw: str, expected: str) -> None:
    out = normalize_text(raw)
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x01",
        "\x07",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x1f",
        "\x7f",
        "\ud800",  # lone high surrogate
        "\udfff",  # lone low surrogate
        pytest.param("\x85"),
        pytest.param("\x9b"),
    ],
)
def test_terms_normalize_text_removes_control_characters(char: str) -> None:
    out = normalize_text(f"Brisa{char}-3")
    assert out == "Brisa-3"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\ntwo", "one\ntwo"),
    ],
)
def test_terms_normalize_text_unifies_line_ends(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("char", "replacement"),
    [
        ("\u00a0", " "),  # no-break space
        ("\u2007", " "),  # figure space
        ("\u202f", " "),  # narrow no-break space
        ("\u2009", " "),  # thin space
        ("\u200a", " "),  # hair space
        ("\u2002", " "),  # en space
        ("\u2003", " "),  # em space
        ("\t", " "),
        ("\u2010", "-"),  # hyphen
        ("\u2011", "-"),  # non-breaking hyphen
        ("\u2012", "-"),  # figure dash
        ("\u00ad", "-"),  # soft hyphen
        ("\u2028", "\n"),  # line separator
        ("\u2029", "\n"),  # paragraph separator
    ],
)
def test_terms_normalize_text_replaces_exotic_spaces_one_for_one(char: str,
                                                                  replacement: str) -> None:
    raw = f"Brisa{char}3 14B"
    out = normalize_text(raw)
    assert out == f"Brisa{replacement}3 14B"
    assert len(out) == len(raw)  # offsets into the text stay put


@pytest.mark.parametrize(
    "raw",
    [
        "cafe\u0301\x00 ok\r\n",
        "\ufeffBOM first\u00a0and\u2011hyphen\r",
        "a\r\x00\nb\u2028c",
        "plain ASCII text.",
    ],
)
def test_terms_normalize_text_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


# --------------------------------------------------------------------------- slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("DeepSeek-R1-Distill-Qwen-32B", "deepseek-r-1-distill-qwen-32-b"),
        ("Llama 3.1 405B", "llama-3-1-405-b"),
        ("GPT-4o", "gpt-4-o"),
        ("  Brisa--3__14B  ", "brisa-3-14-b"),
        ("Quillfeather Labs", "quillfeather-labs"),
        ("Caf\u00e9 M\u00f6del", "cafe-model"),
    ],
)
def test_terms_slugify_gives_lowercase_hyphenated_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name",
    [
        "x> } ; DROP ALL ; <y",
        "\u901a\u4e49\u5343\u95ee",  # a name with no ASCII letters at all
        "!!!",
        "",
        "a\nb\tc",
        'quote " and `tick`',
    ],
)
def test_terms_slugify_output_is_always_a_clean_slug(name: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slugify(name))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Llama 3.1", "Llama 31"),  # a version dot is not dropped
        ("\u901a\u4e49\u5343\u95ee", "\u6587\u5fc3\u4e00\u8a00"),  # two non-Latin names
        ("!!!", "???"),
    ],
)
def test_terms_slugify_keeps_different_names_apart(a: str, b: str) -> None:
    assert slugify(a) != slugify(b)


# --------------------------------------------------------------------------- name_key


@pytest.mark.parametrize(
    "forms",
    [
        ("Llama-4-Scout", "Llama 4 Scout", "llama4scout", "LLAMA 4 SCOUT"),
        ("GPT-4o", "gpt 4o", "Gpt\u20114o"),
        ("Caf\u00e9", "Cafe", "cafe\u0301"),
        ("Brisa-3 14B", "Brisa 3-14B", "brisa_3_14b"),
    ],
)
def test_terms_name_key_equates_spelling_variants(forms: tuple[str, ...]) -> None:
    assert len({name_key(f) for f in forms}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Llama 3", "Llama 4"),
        ("Brisa-3 Mini", "Brisa-3 Max"),
        ("Brisa-3 14B", "Brisa-3 14M"),
    ],
)
def test_terms_name_key_separates_different_names(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


# --------------------------------------------------------------------------- entity_iri


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("Model", "Llama 4 Scout"),
        ("Organization", "Quillfeather Labs"),
        ("Person", "Marta Okonjo"),
        ("Benchmark", "GlimmerQA"),
        ("Hardware", "H100"),
    ],
)
def test_terms_entity_iri_is_deterministic(kind: str, name: str) -> None:
    first = entity_iri(kind, name)
    assert entity_iri(kind, name) == first
    assert str(first).startswith(f"{BASE}id/")
    assert str(first).endswith("/" + slugify(name))


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Llama 4 Scout", "https://w3id.org/llmkg/id/model/llama-4-scout"),
        ("Llama 4 Behemoth", "https://w3id.org/llmkg/id/model/llama-4-behemoth"),
    ],
)
def test_terms_entity_iri_of_known_models(name: str, iri: str) -> None:
    assert str(entity_iri("Model", name)) == iri


@pytest.mark.parametrize("name", ["Llama 4", "Brisa-3"])
def test_terms_entity_iri_model_and_family_meet(name: str) -> None:
    assert entity_iri("Model", name) == entity_iri("ModelFamily", name)


@pytest.mark.parametrize(("kind_a", "kind_b"), [("Model", "Organization"),
                                                ("Organization", "Person"),
                                                ("Benchmark", "Hardware")])
def test_terms_entity_iri_keeps_kinds_apart(kind_a: str, kind_b: str) -> None:
    assert entity_iri(kind_a, "Mercury") != entity_iri(kind_b, "Mercury")


@pytest.mark.parametrize("kind", ["Widget", "model", ""])
def test_terms_entity_iri_rejects_unknown_kind(kind: str) -> None:
    with pytest.raises(ValueError, match="Unknown entity kind"):
        entity_iri(kind, "Brisa-3")


@pytest.mark.parametrize("base", ["https://example.org/kg/", "urn:test:"])
def test_terms_entity_iri_uses_the_given_base(base: str) -> None:
    assert str(entity_iri("Model", "Brisa-3", base=base)) == f"{base}id/model/brisa-3"


@pytest.mark.parametrize(
    "name",
    ["x> } ; DROP ALL ; <y", 'a "quoted" name', "line\nbreak", "\u901a\u4e49\u5343\u95ee", "!!!"],
)
def test_terms_entity_iri_of_hostile_names_is_safe(name: str) -> None:
    assert is_safe_iri(str(entity_iri("Model", name)))


@pytest.mark.parametrize(("a", "b"), [("Brisa3 14B", "Brisa-3 14B"), ("Qwen2.5", "Qwen 2.5")])
def test_terms_entity_iri_agrees_with_name_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert entity_iri("Model", a) == entity_iri("Model", b)


# --------------------------------------------------------------------------- is_safe_iri


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/llmkg/id/model/gpt-4o",
        "http://example.org/a?b=c#d",
        "urn:isbn:0451450523",
        "https://w3id.org/llmkg/id/model/caf\u00e9",
    ],
)
def test_terms_is_safe_iri_accepts_absolute_iris(iri: str) -> None:
    assert is_safe_iri(iri)


@pytest.mark.parametrize(
    "value",
    [
        "http://a> } ; DROP ALL ; <x",
        "http://a> . ?s ?p ?o . <x",
        "https://example.org/a b",
        'https://example.org/a"b',
        "https://example.org/{a}",
        "https://example.org/a|b",
        "https://example.org/a\\b",
        "https://example.org/a^b",
        "https://example.org/a`b",
        "https://example.org/a\x00b",
        "https://example.org/a\tb",
        "https://example.org/a\nb",
        "relative/path",
        "//example.org/no-scheme",
        "",
        "https://example.org/" + "a" * 2100,
        "https://example.org/a\n",
    ],
)
def test_terms_is_safe_iri_rejects_injection_strings(value: str) -> None:
    assert not is_safe_iri(value)
