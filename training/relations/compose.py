"""Compose the relation-classifier training pairs from templates written for llmkg.

Each template is our own sentence with typed slots ({M1} a model, {F1} a family, {O1} an
organisation, {P1} a person, {K1} a benchmark, {H1} hardware) and the relations it states
between them (``M1 fineTunedFrom M2``); every other pair of models, families and organisations in
the sentence is ``none``. Fillers are real or invented names. Output, one sentence a line:
``{"template", "names", "relations", "group"}`` where ``template`` has the pipeline's slots
(``⟪M0⟫``), ``names`` the name of each slot and ``relations`` ``[subject slot, predicate, object
slot]``. ``group`` names the template, so that cross-validation holds whole templates out.

Run from the repository root (seeded: the same templates give the same file):
``python training/relations/compose.py training/relations/relations.jsonl``
"""
# ruff: noqa: E501, T201  (template lists are data; the script reports what it wrote)
import json
import random
import re
import sys
from collections import Counter

R = random.Random(11)
BASE = ["Llama 3.1 8B", "Llama 3 70B", "Mistral 7B", "Mixtral 8x7B", "Qwen2.5-7B", "Qwen2.5-32B", "Gemma 2 9B",
        "Gemma 3 27B", "Phi-3-mini", "Phi-4", "DeepSeek-V3", "DeepSeek-R1", "Falcon 40B", "OLMo 2 13B", "Yi-34B",
        "GPT-4o", "Claude 3.5 Sonnet", "Brisa-3-8B", "Korvax-2-70B", "Nimbus-7B", "Talon-13B", "Vesper-2",
        "Orca-Lite-3B", "Quill-14B", "Marrow-1.5", "Juniper-9B", "Stratus-4", "Halden-30B-A3B", "Pico-1B", "Ember-2-12B"]
SUFFIX = ["-Instruct", "-Chat", "-it", "-SFT", "-DPO", "-Coder", "-Math", "-R", "-Tuned", "-v2"]
QSUF = ["-GGUF", "-AWQ", "-GPTQ", "-Int4", "-FP8", "-EXL2", "-MLX-4bit", "-bnb-4bit"]
NEW = ["Sable-7B", "Corvid-8B", "Lumen-2", "Tern-3B", "Osprey-14B", "Wren-1", "Finch-Chat", "Heron-32B",
       "Pika-Code-7B", "Mosaic-Mix-7B", "Aster-R1", "Kestrel-0.5B", "Dune-Instruct", "Rill-4B", "Thistle-12B"]
ORG = ["Meta", "Mistral AI", "Alibaba", "DeepSeek", "Google DeepMind", "Microsoft", "NVIDIA", "Cohere",
       "Nimbus Labs", "Korvath AI", "Tessaly Research", "AI2", "Zhipu AI", "TII", "Quillon Systems", "Orrery AI",
       "Hugging Face", "Stability AI", "IBM", "Snowflake"]
FAM = ["Llama", "Qwen", "Gemma", "Phi", "Mistral", "Brisa", "Korvax", "Nimbus", "Granite", "OLMo", "Falcon", "Talon"]
PER = ["Mara Velden", "Tomas Okafor", "Priya Ranganathan", "Li Wen", "Ada Lind", "Sven Akerlund"]
BENCH = ["MMLU", "GSM8K", "HumanEval", "MATH-500", "GPQA Diamond", "ARC-Challenge", "IFEval", "LiveCodeBench"]
HW = ["a single H100", "an RTX 4090", "an A100 80GB", "a MacBook Pro"]

# (group, template, relations). A relation "M1 fineTunedFrom M2" reads: M1 was fine-tuned from M2.
T = [
    # --- fineTunedFrom
    ("ft1", "{M1} is a fine-tuned version of {M2}.", "M1 fineTunedFrom M2"),
    ("ft2", "{M1} was fine-tuned from {M2} on a mix of chat and tool-use data.", "M1 fineTunedFrom M2"),
    ("ft3", "We fine-tune {M2} on 40k curated instructions to obtain {M1}.", "M1 fineTunedFrom M2"),
    ("ft4", "{M1} is built on top of {M2}, with supervised fine-tuning and preference optimisation.", "M1 fineTunedFrom M2"),
    ("ft5", "Starting from the weights of {M2}, we train {M1} with two rounds of SFT.", "M1 fineTunedFrom M2"),
    ("ft6", "{M1} is an instruction-tuned variant of {M2}.", "M1 fineTunedFrom M2"),
    ("ft7", "This checkpoint, {M1}, results from fine-tuning {M2} with LoRA on medical question answering.", "M1 fineTunedFrom M2"),
    ("ft8", "{M1}, a tuned-up version of {M2}, targets customer-support dialogue.", "M1 fineTunedFrom M2"),
    ("ft9", "Our {M1} model takes {M2} as its starting point and adds a reasoning stage trained with RL.", "M1 fineTunedFrom M2"),
    ("ft10", "{O1} fine-tuned {M2} to produce {M1}.", "M1 fineTunedFrom M2; M1 developedBy O1"),
    ("ft11", "{M1} is {O1}'s chat model, trained on top of {M2}.", "M1 fineTunedFrom M2; M1 developedBy O1"),
    ("ft12", "The team post-trained {M2} into {M1} using synthetic dialogues.", "M1 fineTunedFrom M2"),
    ("ft13", "{M1} was obtained by further training {M2} on code and math problems.", "M1 fineTunedFrom M2"),
    ("ft14", "Fine-tuned on top of {M2}, {M1} handles function calling in twelve languages.", "M1 fineTunedFrom M2"),
    ("ft15", "{M1} (fine-tuned from {M2}) scores higher on {K1} than its base.", "M1 fineTunedFrom M2"),
    ("ft16", "Base model: {M2}. Fine-tuned model: {M1}.", "M1 fineTunedFrom M2"),
    ("ft17", "{M1} is an SFT and DPO tune of {M2} released under the same license.", "M1 fineTunedFrom M2"),
    ("ft18", "We release {M1}, which adapts {M2} to legal documents through continued supervised training.", "M1 fineTunedFrom M2"),
    ("ft19", "The {M1} checkpoint is {M2} with an extra alignment stage on top.", "M1 fineTunedFrom M2"),
    ("ft20", "{M2} served as the base for {M1}, which was tuned on agentic trajectories.", "M1 fineTunedFrom M2"),
    # --- continued pre-training / derivedFrom
    ("dv1", "We continue pre-training {M2} on 500B tokens of code to produce {M1}.", "M1 derivedFrom M2"),
    ("dv2", "{M1} is based on {M2}.", "M1 derivedFrom M2"),
    ("dv3", "{M1} is derived from {M2} by extending its context window to 128K tokens.", "M1 derivedFrom M2"),
    ("dv4", "{M1} builds on the {M2} architecture and weights, upcycled into a mixture of experts.", "M1 derivedFrom M2"),
    ("dv5", "Initialised from {M2}, {M1} was further pre-trained on scientific papers.", "M1 derivedFrom M2"),
    ("dv6", "{M1} uses {M2} as its backbone, with a vision encoder added.", "M1 derivedFrom M2"),
    ("dv7", "{M1} is a pruned and re-trained version of {M2}.", "M1 derivedFrom M2"),
    ("dv8", "The weights of {M1} come from {M2}, expanded with extra layers and trained further.", "M1 derivedFrom M2"),
    ("dv9", "{O1} built {M1} on {M2}, adding a longer context.", "M1 derivedFrom M2; M1 developedBy O1"),
    ("dv10", "{M1} started as a copy of {M2} and was continually pre-trained on Japanese text.", "M1 derivedFrom M2"),
    ("dv11", "{M1} is a long-context extension of {M2}.", "M1 derivedFrom M2"),
    ("dv12", "A modified {M2} underlies {M1}.", "M1 derivedFrom M2"),
    # --- distilledFrom
    ("ds1", "{M1} is distilled from {M2}.", "M1 distilledFrom M2"),
    ("ds2", "We distill {M2} into {M1}, a model small enough for phones.", "M1 distilledFrom M2"),
    ("ds3", "{M1} was trained on reasoning traces generated by {M2}.", "M1 distilledFrom M2"),
    ("ds4", "Using {M2} as the teacher, {M1} learns to match its output distribution.", "M1 distilledFrom M2"),
    ("ds5", "{M1} is a student model with {M2} as its teacher.", "M1 distilledFrom M2"),
    ("ds6", "Knowledge from {M2} was distilled into {M1} and {M3}.", "M1 distilledFrom M2; M3 distilledFrom M2"),
    ("ds7", "{O1} distilled {M2} down to {M1}.", "M1 distilledFrom M2; M1 developedBy O1"),
    ("ds8", "{M1} is a distillation of {M2} that keeps most of its quality at a tenth of the cost.", "M1 distilledFrom M2"),
    ("ds9", "We fine-tune {M3} on 800k samples curated with {M2}, producing {M1}.", "M1 distilledFrom M2; M1 fineTunedFrom M3"),
    ("ds10", "The smaller {M1} was taught by {M2} through logit distillation.", "M1 distilledFrom M2"),
    ("ds11", "{M1} is {M2} compressed through distillation into a 3B-parameter student.", "M1 distilledFrom M2"),
    # --- quantizedFrom
    ("q1", "{M1} is a 4-bit quantization of {M2}.", "M1 quantizedFrom M2"),
    ("q2", "This repository contains {M1}, GGUF files quantized from {M2}.", "M1 quantizedFrom M2"),
    ("q3", "{M1} is an AWQ-quantized build of {M2} for vLLM.", "M1 quantizedFrom M2"),
    ("q4", "We quantized {M2} to FP8 and publish the result as {M1}.", "M1 quantizedFrom M2"),
    ("q5", "{M1}: {M2} converted to 4-bit with GPTQ.", "M1 quantizedFrom M2"),
    ("q6", "These are quantized weights of {M2}, named {M1}.", "M1 quantizedFrom M2"),
    ("q7", "{M1} compresses {M2} to 8-bit integer weights with little loss.", "M1 quantizedFrom M2"),
    ("q8", "{O1} released {M1}, a low-bit version of {M2}.", "M1 quantizedFrom M2"),
    ("q9", "{M1} is the MLX conversion of {M2}, quantized to 4 bits.", "M1 quantizedFrom M2"),
    ("q10", "Quantized from {M2}, {M1} fits on {H1}.", "M1 quantizedFrom M2"),
    # --- mergedFrom
    ("mg1", "{M1} is a merge of {M2} and {M3}.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    ("mg2", "{M1} was created by merging {M2} with {M3} using SLERP.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    ("mg3", "We merged {M2} and {M3} with TIES to build {M1}.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    ("mg4", "{M1} combines the weights of {M2} and {M3}.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    ("mg5", "The following models were included in the merge: {M2}.", ""),
    ("mg6", "{M1} merges {M2} into {M3} with a task-arithmetic recipe.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    ("mg7", "{M1} is a model merge whose parents are {M2} and {M3}.", "M1 mergedFrom M2; M1 mergedFrom M3"),
    # --- successorOf
    ("sc1", "{M1} is the successor to {M2}.", "M1 successorOf M2"),
    ("sc2", "{M1} replaces {M2} as {O1}'s flagship.", "M1 successorOf M2; M1 developedBy O1"),
    ("sc3", "Compared with its predecessor {M2}, {M1} doubles the context length.", "M1 successorOf M2"),
    ("sc4", "{M1} follows {M2}, released last spring.", "M1 successorOf M2"),
    ("sc5", "{M1} is the next generation after {M2}.", "M1 successorOf M2"),
    ("sc6", "{M1} supersedes {M2}, which will be retired next month.", "M1 successorOf M2"),
    ("sc7", "{M2} was succeeded by {M1} in March.", "M1 successorOf M2"),
    ("sc8", "{M1} is an upgrade over the earlier {M2}.", "M1 successorOf M2"),
    ("sc9", "The new {M1} builds on the success of its predecessor, {M2}.", "M1 successorOf M2"),
    ("sc10", "Where {M2} stopped at 32K tokens, its successor {M1} reads 1M.", "M1 successorOf M2"),
    # --- memberOfFamily
    ("fm1", "{M1} is the smallest member of the {F1} family.", "M1 memberOfFamily F1"),
    ("fm2", "The {F1} family includes {M1} and {M2}.", "M1 memberOfFamily F1; M2 memberOfFamily F1"),
    ("fm3", "{M1} joins the {F1} line-up as its first reasoning model.", "M1 memberOfFamily F1"),
    ("fm4", "{M1} belongs to {O1}'s {F1} series.", "M1 memberOfFamily F1; F1 developedBy O1"),
    ("fm5", "The latest {F1} models, {M1} and {M2}, are out today.", "M1 memberOfFamily F1; M2 memberOfFamily F1"),
    ("fm6", "{F1} comes in three sizes: {M1}, {M2} and {M3}.", "M1 memberOfFamily F1; M2 memberOfFamily F1; M3 memberOfFamily F1"),
    ("fm7", "As part of the {F1} collection, {M1} shares its tokenizer with the larger models.", "M1 memberOfFamily F1"),
    # --- developedBy
    ("db1", "{M1} was developed by {O1}.", "M1 developedBy O1"),
    ("db2", "{O1} released {M1} under an Apache 2.0 license.", "M1 developedBy O1"),
    ("db3", "{O1} has launched {M1}, its most capable open model yet.", "M1 developedBy O1"),
    ("db4", "{O1}'s {M1} is available on its API today.", "M1 developedBy O1"),
    ("db5", "{M1}, built by researchers at {O1}, targets edge devices.", "M1 developedBy O1"),
    ("db6", "Today {O1} introduces {M1} and {M2}.", "M1 developedBy O1; M2 developedBy O1"),
    ("db7", "{M1} is trained by {O1} on 15T tokens.", "M1 developedBy O1"),
    ("db8", "Model developer: {O1}. Model: {M1}.", "M1 developedBy O1"),
    ("db9", "{O1} open-sourced {M1} on Hugging Face this week.", "M1 developedBy O1"),
    ("db10", "The {O1} team trained {M1} from scratch.", "M1 developedBy O1"),
    ("db11", "{M1} comes from {O1}, the lab behind {M2}.", "M1 developedBy O1; M2 developedBy O1"),
    ("db12", "{P1} and colleagues at {O1} present {M1}.", "M1 developedBy O1"),
    ("db13", "{M1} is an open-weight model from {O1}.", "M1 developedBy O1"),
    ("db14", "{O1} unveiled the {F1} family on Tuesday.", "F1 developedBy O1"),
    # --- mixed
    ("mx1", "{O1} fine-tuned {M2}, originally released by {O2}, into {M1}.", "M1 fineTunedFrom M2; M1 developedBy O1; M2 developedBy O2"),
    ("mx2", "{M1} by {O1} is a quantized copy of {M2}.", "M1 quantizedFrom M2; M1 developedBy O1"),
    ("mx3", "{M1} is {O1}'s successor to {M2}.", "M1 successorOf M2; M1 developedBy O1"),
    ("mx4", "{M1}, distilled from {M2}, is the smallest model of the {F1} family.", "M1 distilledFrom M2; M1 memberOfFamily F1"),
    # --- negatives: comparisons, lists, hosting, evaluation, contrasts
    ("n1", "{M1} outperforms {M2} on {K1}.", ""),
    ("n2", "Unlike {M2}, {M1} supports image input.", ""),
    ("n3", "We compare {M1} with {M2} and {M3} on five benchmarks.", ""),
    ("n4", "{M1} beats {M2} by four points on {K1} while using half the compute.", ""),
    ("n5", "Supported models include {M1}, {M2} and {M3}.", ""),
    ("n6", "{M1} trails {M2} on coding but leads on math.", ""),
    ("n7", "On {K1}, {M1} scores 71.2 against 68.9 for {M2}.", ""),
    ("n8", "{M1} is competitive with {M2}, a model five times its size.", ""),
    ("n9", "{O1} hosts {M1} and {M2} on its inference platform.", ""),
    ("n10", "Baselines: {M1}, {M2}, {M3}.", ""),
    ("n11", "{M1} and {M2} were both released in 2024.", ""),
    ("n12", "In contrast to {M2}, {M1} is trained without any synthetic data.", ""),
    ("n13", "We evaluate {M1} against {M2} using the same prompts.", ""),
    ("n14", "{M1} matches {M2} on {K1} and falls short on long-context retrieval.", ""),
    ("n15", "Like {M2}, {M1} uses grouped-query attention.", ""),
    ("n16", "{M1} is faster than {M2} at the same batch size.", ""),
    ("n17", "Users can switch between {M1} and {M2} in the app.", ""),
    ("n18", "{O1} serves {M1} through its cloud, as it already does for {M2}.", ""),
    ("n19", "Both {M1} and {M2} rank near the top of the leaderboard.", ""),
    ("n20", "{M1} narrowly edges out {M2}, which was the previous leader on {K1}.", ""),
    ("n21", "We use {M2} as a judge to grade the answers of {M1}.", ""),
    ("n22", "{O1} partnered with {O2} to bring {M1} to more customers.", ""),
    ("n23", "{M1}, {M2}, and {M3} are all available in the model garden of {O1}.", ""),
    ("n24", "{P1} at {O1} said {M1} was tested against {M2} internally.", ""),
    ("n25", "The gap between {M1} and {M2} narrows at longer context lengths.", ""),
    ("n26", "{M1} uses a different tokenizer from {M2}.", ""),
    ("n27", "We report results for {M1} and {M2} with greedy decoding.", ""),
    ("n28", "{O1} invested in {O2}, whose {M1} competes with {M2}.", "M1 developedBy O2"),
    ("n29", "Responses from {M1} were preferred over those of {M2} in 61% of cases.", ""),
    ("n30", "{M1} runs on {H1}, while {M2} needs a multi-GPU server.", ""),
    ("n31", "Is {M1} better than {M2}? It depends on the task.", ""),
    ("n32", "{M1} is roughly as large as {M2}.", ""),
    ("n33", "Researchers from {O1} and {O2} benchmarked {M1} and {M2}.", ""),
    ("n34", "We did not fine-tune {M1}; {M2} was used only for comparison.", ""),
    ("n35", "{M1} shares no weights with {M2}; it was trained from scratch.", ""),
    ("n36", "{O1} customers can now choose {M1} or {M2}.", ""),
    ("n37", "Prompts were written by {M2} and answered by {M1} for evaluation only.", ""),
    ("n38", "The table lists {M1}, {M2} and {M3} with their context lengths.", ""),
    ("n39", "{M1} ranks second behind {M2} on the arena.", ""),
    ("n40", "{O1} and {O2} both released open models this month.", ""),
    # --- more phrasings, written in round 9 after the first measurement (none copied from a document)
    ("ft21", "Our {M1} checkpoint was adapted from {M2} for radiology reports.", "M1 fineTunedFrom M2"),
    ("ft22", "At initialisation {M1} copies the weights of {M2}; pre-training then runs for 50B more tokens.", "M1 fineTunedFrom M2"),
    ("ft23", "{M1} retrains {M2} on a cleaner chat dataset.", "M1 fineTunedFrom M2"),
    ("ft24", "{M1} starts from {F1} base checkpoints and adds tool use.", "M1 fineTunedFrom F1"),
    ("ft25", "{M1} is {M2} after instruction tuning and safety alignment.", "M1 fineTunedFrom M2"),
    ("ft26", "To create {M1}, the authors took {M2} and tuned it on 10k hand-checked examples.", "M1 fineTunedFrom M2"),
    ("ft27", "{M1} was tuned straight from {M2}, with no intermediate checkpoint.", "M1 fineTunedFrom M2"),
    ("ft28", "We apply QLoRA to {M2}; the resulting adapter-merged model is {M1}.", "M1 fineTunedFrom M2"),
    ("ft29", "{M1} is a preference-tuned {M2} that answers in a friendlier tone.", "M1 fineTunedFrom M2"),
    ("dv13", "{M1} is what remains of {M2} after pruning half its layers and a short recovery run.", "M1 derivedFrom M2"),
    ("dv14", "{M1} inherits the architecture and weights of {M2}.", "M1 derivedFrom M2"),
    ("ds12", "{M1} learns from the outputs of {M2}, which acts as a teacher during training.", "M1 distilledFrom M2"),
    ("ds13", "Distilling {M2} yields {M1}, which runs four times faster.", "M1 distilledFrom M2"),
    ("sc11", "{M1} is the third generation of the model, following {M2} and {M3}.", "M1 successorOf M2"),
    ("sc12", "With {M1}, {O1} retires {M2}.", "M1 successorOf M2; M1 developedBy O1"),
    ("db15", "Developed at {O1}, {M1} has eight billion parameters.", "M1 developedBy O1"),
    ("db16", "This repository hosts {M1}, made by the {O1} research group.", "M1 developedBy O1"),
    ("db17", "{O1} today announced {M1}, a coding model.", "M1 developedBy O1"),
    ("n41", "On our suite {M1} beats the chat editions of {M2} and {M3}.", ""),
    ("n42", "The files tab offers {M1} in several GGUF sizes.", ""),
    ("n43", "No output of {M2} was used to build the training set of {M1}.", ""),
    ("n44", "{M1} vs {M2}: a function-calling shoot-out", ""),
    ("n45", "Earlier systems like {M2} from {O1} relied on human feedback.", "M2 developedBy O1"),
    ("n46", "We thank {O1} for compute and {O2} for the evaluation harness used on {M1}.", ""),
    ("n47", "{M1} and {M2} disagree on 12% of the prompts.", ""),
    ("n48", "Our results show {M1} is stronger than {M2} but weaker than {M3}.", ""),
    ("n49", "The model is served with vLLM, like {M1} and {M2} before it.", ""),
    ("n50", "{O1} reports that {M1} leads {M2} on the {K1} benchmark.", ""),
]


def _model() -> str:
    return R.choice(BASE + NEW)


def _derived(base: str, kind: str) -> str:
    """A name for a model made from ``base``: a suffixed base or a new name."""
    if R.random() < 0.5:
        return R.choice(NEW)
    return base + R.choice(QSUF if kind == "quantizedFrom" else SUFFIX)


def fill(template: str, rels: str) -> dict:
    """One sentence from ``template``: slots filled, each slot a ``⟪Xn⟫`` of the pipeline."""
    slots = re.findall(r"\{([MFOPKH]\d)\}", template)
    order = list(dict.fromkeys(slots))
    parsed = [tuple(r.split()) for r in rels.split(";") if r.strip()]
    names: dict[str, str] = {}
    for s in order:  # objects first so that a derived name can extend its base
        if s[0] == "M" and not any(r[0] == s and r[1] in ("fineTunedFrom", "quantizedFrom") and r[2][0] == "M"
                                   for r in parsed):
            names[s] = _model()
    for s in order:
        if s in names:
            continue
        if s[0] == "M":
            r = next(r for r in parsed if r[0] == s and r[1] in ("fineTunedFrom", "quantizedFrom") and r[2][0] == "M")
            names[s] = _derived(names[r[2]], r[1])
        else:
            names[s] = R.choice({"F": FAM, "O": ORG, "P": PER, "K": BENCH, "H": HW}[s[0]])
    while len({names[s] for s in order}) < len(order):  # two slots drew one name: draw again
        s = R.choice([s for s in order if s[0] in "MO"])
        names[s] = _model() if s[0] == "M" else R.choice(ORG)
    letter = {"M": "M", "F": "F", "O": "O", "P": "P", "K": "B", "H": "H"}
    ids = {s: i for i, s in enumerate(order)}
    text = re.sub(r"\{([MFOPKH]\d)\}", lambda m: f"⟪{letter[m.group(1)[0]]}{ids[m.group(1)]}⟫", template)
    return {"template": text, "names": {str(ids[s]): names[s] for s in order},
            "relations": [[ids[a], p, ids[b]] for a, p, b in parsed]}


HEAD = ["", "", "", "In this release, ", "According to the model card, ", "As described in Section 3, ",
        "For the record, ", "Note: ", "Since January, "]
TAIL = ["", "", "", " It is released under a permissive license.", " Weights are available for download.",
        " See the paper for details on data and hyperparameters.", " The context length is 32K tokens."]


def _pad(template: str) -> str:
    """The template with a neutral clause before or after it, now and then."""
    head = R.choice(HEAD)
    out = head + (template[0].lower() + template[1:] if head and template[0] not in "{" else template)
    tail = R.choice(TAIL)
    if tail and out.endswith(".") and R.random() < 0.5:  # one sentence: "..., and weights are ..."
        return out[:-1] + ", and " + tail[1].lower() + tail[2:]
    return out + tail


def main(out: str, per_template: int = 7) -> None:
    rows = []
    for group, template, rels in T:
        for _ in range(per_template):
            rows.append({**fill(_pad(template), rels), "group": group})
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    c = Counter(p for r in rows for _a, p, _b in r["relations"])
    print(f"{len(rows)} sentences from {len(T)} templates; relations {dict(c)}")


if __name__ == "__main__":
    main(sys.argv[1])
