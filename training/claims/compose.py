"""Compose the claim-detector training sentences from templates written for llmkg.

Each template is our own sentence with slots; fillers are real or invented names. Output:
training/claims/claims.jsonl  ({"text", "stance"}; stance "none" = not an attributed claim).

Run from the repository root: ``python training/claims/compose.py training/claims/claims.jsonl``
(seeded: the same templates give the same file). ``group`` names a sentence's template, so that
cross-validation can hold whole templates out.
"""
# ruff: noqa: E501, T201  (template lists are data; the script reports what it wrote)
import json
import random
import sys
from collections import Counter

R = random.Random(7)
ORG = ["Meta", "Mistral AI", "Alibaba", "DeepSeek", "Google DeepMind", "Anthropic", "OpenAI", "Cohere",
       "Nimbus Labs", "Korvath AI", "Tessaly Research", "the Allen Institute for AI", "Zhipu AI", "Microsoft",
       "Technology Innovation Institute", "Quillon Systems", "Orrery AI", "Baidu", "Stability AI", "Hugging Face"]
PER = ["Mara Velden", "Tomas Okafor", "Priya Ranganathan", "Jonah Steiner", "Li Wen", "Ada Lind", "Rafael Moura",
       "Sven Akerlund", "Hana Kuroda", "Noor Haddad", "Felix Brandt", "Ines Carvalho"]
ROLE = ["chief executive", "CEO", "head of research", "chief scientist", "a spokesperson", "a spokeswoman",
        "a spokesman", "the vice president of AI", "co-founder", "the company's policy lead", "its chief technology officer"]
MOD = ["Llama 3.1 405B", "Mixtral 8x22B", "Qwen2.5-72B", "DeepSeek-V3", "Gemma 2 27B", "Claude 3.5 Sonnet",
       "GPT-4o", "Command R+", "Falcon 2 11B", "Nova-7B", "Orrin-2 Large", "Tessa-13B-Chat", "Kestrel 70B",
       "Phi-3 Mini", "Yi-34B", "Sable-8B-Instruct", "Harrow 3", "Granite 3.0 8B"]
BENCH = ["MMLU", "GSM8K", "HumanEval", "MATH", "GPQA", "Chatbot Arena", "MT-Bench", "ARC-Challenge", "BBH", "IFEval"]
OUTLET = ["Reuters", "The Verge", "Bloomberg", "TechCrunch", "the Financial Times", "The Information", "Wired", "CNBC"]
HW = ["H100 GPUs", "a single A100", "TPU v5e pods", "an RTX 4090", "a MacBook with 32 GB of memory", "Gaudi 3 accelerators"]
NUM = ["72.4", "81", "88.9", "64.5", "90.2", "57", "1287", "79.3", "45.1", "93"]
DAY = ["on Tuesday", "last week", "on Monday", "this week", "in March", "on Thursday", "earlier this month", "in a statement"]

def fill(t: str) -> str:
    """Fill each slot of template ``t`` with a name drawn from its pool."""
    out = t
    for key, pool in (("{O2}", ORG), ("{O}", ORG), ("{P2}", PER), ("{P}", PER), ("{R}", ROLE), ("{M2}", MOD),
                      ("{M}", MOD), ("{B}", BENCH), ("{N2}", NUM), ("{N}", NUM), ("{W}", OUTLET), ("{H}", HW), ("{D}", DAY)):
        while key in out:
            out = out.replace(key, R.choice(pool), 1)
    return out[0].upper() + out[1:]


T = {}
T["asserts"] = """
{P} reportedly told staff that {M} would beat {M2} by the summer.
{O} is said to believe that {M} can match {M2}.
{O}'s researchers write that {M} is the strongest model under 10 billion parameters.
The team behind {M} says it reaches {N} on {B}, higher than {M2}.
"We see {M} as a big step forward," {P} said in a video.
{O} said in its release notes that {M} halves the error rate of {M2}.
{P}, speaking on a panel, said open models would keep getting cheaper.
{O}, which maintains {B}, says {M} is now the top-ranked model.

{O} said {M} beats {M2} on most coding tasks.
{O} says its new model matches {M2} at a fraction of the cost.
{M} outperforms every open model of its size, {O} said {D}.
"{M} is the strongest model we have ever shipped," said {P}, {R} of {O}.
"We think this is the best open model in the world right now," {P} told {W}.
According to {O}, {M} scores {N} on {B}, ahead of {M2}.
According to {P}, the model was trained on more than 15 trillion tokens.
{P}, {R} at {O}, said the model handles long documents far better than its predecessor.
In a blog post, {O} said {M} was built to run on {H}.
{O} claims {M} is twice as fast as {M2} at inference.
{O} claimed that its model tops the {B} leaderboard among open-weight systems.
{P} argued that smaller models like {M} will soon be good enough for most businesses.
{P} maintains that {M} was trained without any synthetic data from rival labs.
{O} insists that the model is safe to deploy in hospitals.
{P} contends that open weights make models like {M} safer, not riskier.
In a post on X, {P} wrote that {M} had reached first place on {B}.
{P} wrote on LinkedIn that the release marks a turning point for the company.
{O} stated that {M} supports a context window of 128,000 tokens.
The company said the model would be available to developers {D}.
The startup says its model needs only {H} to run.
"Our goal was a model anyone can run at home," {P} said.
{P} said {D} that {M} had been downloaded a million times.
{O} announced {D} that {M} surpasses {M2} on reasoning benchmarks.
{O} touted {M} as the most capable model it has released.
{P} boasted that the new system beats {M2} on every internal test.
{P} told reporters that the company had no plans to charge for the weights.
{P} added that {M} would be offered through the company's cloud service.
{O} noted that {M} was evaluated by an outside lab before launch.
Speaking at a conference {D}, {P} said {M} had closed the gap with closed models.
{P} explained that the team cut training costs by reusing an older cluster.
We believe {M} sets a new standard for open models of its size.
Our model outperforms {M2} on {B} while using a third of the compute.
We are releasing {M}, our most capable model so far, under an open licence.
Our evaluations show that {M} is competitive with much larger systems.
We found that {M} follows instructions more reliably than {M2}.
With {M}, we deliver state-of-the-art results on {B} for models under ten billion parameters.
We're proud to say {M} is the first open model to pass {N} on {B}.
In our tests, {M} matched {M2} on math while answering faster.
Our latest release, {M}, is designed to excel at multilingual chat.
We designed {M} to be the best choice for on-device assistants.
{M} achieves leading performance in its class, the team writes in the model card.
The developers report that {M} surpasses {M2} on long-context retrieval.
The authors claim their method doubles throughput without hurting accuracy.
The researchers say their model is the first to combine both techniques.
{P} and colleagues argue that the benchmark overstates what models can do.
{O} asserted that its chips could serve {M} more cheaply than {H}.
{P} predicted that open models would overtake closed ones within a year.
{O} is confident that {M} will be adopted widely, {P} said.
{P} acknowledged that {M} still makes mistakes on hard math problems.
{O} conceded that the model lags {M2} on coding.
{O} admitted that some early benchmark numbers had been run with a different prompt.
"It simply beats everything else we tried," {P} said of {M}.
"{M} is not a toy," said {P}. "It is ready for production."
The model, {O} says, was trained entirely on licensed data.
{M} can write working code in more than 80 languages, according to {O}.
{O}'s {R}, {P}, said the company spent less than $6 million training the model.
{P} said on a podcast that the company would open-source the next model as well.
{O} told {W} that {M} was not trained on customer data.
{P} told investors that demand for {M} exceeded expectations.
In an interview with {W}, {P} said the model was built by a team of forty.
{O} highlighted that {M} ranks first among open models on {B}.
The lab reports an {B} score of {N} for {M}.
{O} reported that {M} answered {N} percent of the questions correctly.
{W} reported, citing {O}, that the model costs less to serve than {M2}.
{O} emphasised that the weights are free for commercial use.
{O}'s announcement says the model is best in class for retrieval-augmented generation.
{P} posted that {M} is now the top open model on {B}.
In its technical report, {O} describes {M} as competitive with {M2}.
{O} positions {M} as a drop-in replacement for {M2}.
{O} said that {M} was distilled from a larger internal model.
{P} said the new version fixes the repetition problems users reported.
{P} pointed out that {M} was the only model to solve every task in the suite.
Representatives for {O} said the model would launch in Europe later.
The {B} organisers said {M} had taken the top spot with a score of {N}.
{O}, which runs {B}, said {M} now leads its rankings.
{P}, who maintains the {B} leaderboard, said {M} topped the chart {D}.
"""
T["alleges"] = """
{P} has accused {O} of passing off {M2} as {M}.
{P} said the company had trained {M} on {M2} outputs, a charge {O} rejects.

{O} accused {O2} of training its model on outputs from {M2}.
{O} accused {O2} of copying its architecture without credit.
{P} alleged that {M} was a repackaged version of {M2}.
{O} alleges that {O2} used its data without permission.
In a lawsuit filed {D}, {O} alleges that {O2} scraped its articles to train {M}.
The complaint claims that {M} reproduces copyrighted text word for word.
{O} claimed that {O2} had distilled {M2} in violation of its terms of service.
A researcher alleged on GitHub that {M} was a fine-tune of {M2} with its name changed.
{P} charged that the company had inflated the model's {B} results.
Critics accused {O} of training {M} on the test set of {B}.
{O} suspects that {O2} used its API to generate training data, {P} said.
{W} reported that {O} had evidence {O2} copied {M2}.
Several developers alleged that {M} shares its weights with {M2}.
{P} accused the lab of hiding how much compute it used.
{O} said it had found signs that {O2} extracted outputs from {M} at scale.
The lawsuit accuses {O} of using pirated books to train {M}.
According to the complaint, {O} trained {M} on news articles it had no licence for.
{O} alleged in a court filing that {O2} breached its licence.
An anonymous whistleblower claimed that {M} had been benchmarked on leaked questions.
{P} suggested that {O} had cherry-picked its {B} numbers.
A group of authors sued {O}, alleging that {M} was trained on their novels.
{O} accuses its former partner of building {M} on its code.
{P} claimed in a viral thread that {M} was simply {M2} under a new name.
Users alleged that {M} answered like {M2}, down to the same typos.
The accusation is that {O} copied the model's weights wholesale.
{O} said {O2}'s model appeared to be derived from its own {M2}.
"""
T["denies"] = """
{O} denied that {M} was trained on data from {O2}.
{O} denied the allegations.
{O} has denied copying {M2}.
{P} denied that the team had used any outputs from {M2}.
{O} rejected the claims as baseless.
{O} dismissed the accusation, saying {M} was trained from scratch.
"None of {M2}'s output went into {M}," a spokesperson for {O} told {W}.
{O} said the allegations were false.
{P} pushed back on the accusation in a post on X.
{O} pushed back, saying its model shares no weights with {M2}.
{P} called the claims "completely untrue."
{O} refuted reports that {M} was a copy of {M2}.
{O} disputes that it used any copyrighted material.
{O} disputed the figures, saying its own tests showed a higher score.
{P} rejected the suggestion that the benchmark had been gamed.
"We did not copy anyone," {P} said.
{O} said it "categorically denies" using {O2}'s data.
In a statement, {O} denied that {M} had been fine-tuned from {M2}.
{O} contested the lawsuit and said it would fight the claims in court.
{P} insisted the model was built independently and called the accusation nonsense.
{O} maintains that it did nothing wrong.
{O} has said the similarity is a coincidence caused by shared public data.
{P} rebutted the allegation, saying the two models were trained on different hardware.
A spokesperson for {O} said the company "strongly disagrees" with the findings.
{O} disagreed with the ranking, arguing the test favoured longer answers.
{O} denied reports that it planned to stop releasing open weights.
{P} denied ever seeing the internal memo.
{O} rejected {O2}'s accusation that it had cloned {M2}.
{O} said it disputes the characterisation of {M} as a derivative.
The company has denied wrongdoing.
"""
T["none"] = """
{M} surpassed {M2} on {B} despite having far fewer parameters.
Although it is a 7B model, {M} edges out {M2} on {B}.
Although {M2} has more parameters, {M} answers faster.
{M} ships with open weights, as {M2} did before it.
{M} is {O}'s model for call-centre assistants.
{O} unveiled {M} {D}, its answer to {M2}.
{O} open-sourced {M} {D}.
{O} has launched {M} in three sizes.
{O}'s {M} now sits in third place on {B}.
{M2} lost its top spot on {B} to {M}.
{M} is a fine-tune of {M2} released by a small team at {O}.
{M} is available for download under an open licence on Hugging Face.
The researchers used outputs from {M2} to build a small training set.
A reward model from {O} guided the tuning of {M}.
{O} has not disclosed what data {M} was trained on.
The first {M} had 12 billion parameters.
We train {M} on 4 trillion tokens of code and text.
We fine-tuned {M2} on 50,000 conversations to obtain {M}.
{M} borrows most of its layer layout from {M2}; we changed only the attention heads.
We present {M}, a mixture-of-experts model for code.
Earlier leaderboards pooled both checkpoints under one name.
We then distil the larger model into {M}.
We use {M2} as the judge for pairwise comparisons.
Several small students were tuned on traces sampled from {M2}.
We thank the community for their feedback.
After instruction tuning, we evaluate {M} on {B}.
In this post, we walk through how to fine-tune {M} on a single GPU.
We compare {M} against {M2} in Table 3.
The table below lists the scores of {M} and {M2}.
{M} is an open model from {O}.
{M} was built by {O} on top of {M2}.
{O}, the company behind {M}, was founded in 2022.
Labelling for {M} was outsourced to a vendor.
Open models keep closing the distance to {M2}.
How {M} really ranks is now harder to say.
A much larger {M} came from {O} half a year later.
Text from {M} and {M2} looks alike to a stylometry tool.
{P} left {O} in 2023 to start {O2}.
{P} leads the team that built {M}.
{O2} lost API access to {O}'s models {D}.
{O} has hired 50 engineers for its model team.
{M} reached 1 million downloads within a week of its launch.

{M} has 70 billion parameters and a context window of 128,000 tokens.
{O} released {M} {D}.
{M} was released under the Apache 2.0 licence.
The model is available on Hugging Face.
{M} scores {N} on {B}.
| {M} | {N} | {N2} |
{B}: {N}
The model was trained on {H}.
{M} is a fine-tuned version of {M2}.
{M} succeeds {M2}.
Table 2: Results on {B}.
By {P}
{P} is the chief executive of {O}.
{P} joined {O} in 2021 after a decade at {O2}.
{O} is based in Paris.
{O} was founded in 2023 by former researchers from {O2}.
{O} raised $600 million in its latest funding round.
Shares of {O} rose 4 percent {D}.
The release comes a month after {O2} shipped {M2}.
{M} can be downloaded from the company's website.
To use the model, install the transformers library.
Installation: pip install the package and load the tokenizer.
The following code shows how to run {M} locally.
Here is how {M} compares with {M2}.
Evaluation results
Model details
Intended use
Limitations
{M} was evaluated on {B}, {B} and {B}.
We use a learning rate of 3e-4 and a batch size of 512.
We train for three epochs on 64 GPUs.
The dataset contains 2 million instruction pairs.
The training data was filtered for duplicates.
This repository contains the weights of {M}.
See the paper for details.
Please cite our work if you use this model.
The model may produce inaccurate or offensive output.
Users should evaluate the model before deploying it.
{M} uses a mixture-of-experts architecture with 8 experts.
The model supports 29 languages.
{M} comes in three sizes: 1B, 8B and 70B.
The tokenizer has a vocabulary of 128,000 tokens.
Prices start at $0.50 per million tokens.
{O} employs about 800 people.
The announcement was made at a developer conference in San Francisco.
{O} and {O2} signed a partnership {D}.
{O2} invested $2 billion in {O} last year.
The company said goodbye to its old headquarters.
"Thank you," she said, before leaving the stage.
{P} said goodbye to colleagues on Friday.
He said the word slowly.
That is to say, the model has fewer layers.
The said model is then quantized to 4 bits.
The lawsuit was filed in federal court in California.
The case is scheduled for trial next year.
{O} did not respond to a request for comment.
{O} declined to comment.
Representatives for {O2} did not immediately reply.
Image: {O}
Photo credit: {W}
Related: How {M} was trained
Read more: {O} launches {M}
Subscribe to our newsletter for weekly AI news.
Sign up for the newsletter.
Updated at 10:32 a.m.
{W} has contacted {O} for comment.
The story was first reported by {W}.
This article was updated to include a statement.
Benchmarks are a poor guide to real-world use.
Open-weight models have become more popular over the past year.
Many developers now run models on {H}.
The race between open and closed models is heating up.
{M} and {M2} are both available through the API.
{M} ranked first on {B} with a score of {N}.
{M} beats {M2} on {B} by {N} points.
{M} achieves {N}% on {B}.
On {B}, {M} reaches {N}, compared with {N2} for {M2}.
The chart below shows {B} scores for each model.
Figure 3 plots accuracy against model size.
{B} is a benchmark of graduate-level science questions.
{B} measures how often a model follows formatting instructions.
The leaderboard is updated every week.
{M} is based on the transformer architecture.
The model was quantized to 4-bit for faster inference.
GGUF versions of {M} are available.
{M}-Instruct is the chat version of {M}.
{M} requires at least 24 GB of GPU memory.
The weights total 140 GB.
Context length: 32k tokens.
License: MIT
Developed by: {O}
Model type: causal language model
Finetuned from: {M2}
Language(s): English, French, German
Parameters: 8B
{P}, {R} of {O}
{P} ({O})
Contact: {P}
Authors: {P}, {P2}
Acknowledgements: We thank {O} for compute.
We thank {P} for helpful discussions.
In this paper, we study how data mixtures affect reasoning.
Section 4 describes the training setup.
We describe the architecture in Section 2.
We first pre-train on web data and then fine-tune on instructions.
Our training pipeline has three stages.
We release the code and data under an open licence.
We evaluate all models with greedy decoding.
In this section we report results on math benchmarks.
We compare against {M} and {M2}.
Figure 1 shows our model's architecture.
The rest of the paper is organised as follows.
{O} is one of several labs building open models.
{P} previously worked at {O2}.
The company, which has 200 employees, is valued at $4 billion.
The deal is expected to close next quarter.
The {B} test set has 1,319 problems.
Results are averaged over five runs.
Scores in bold are the best in each column.
All numbers are zero-shot unless noted.
Higher is better.
{M} was trained for 2 million GPU hours.
The cluster consists of 16,000 {H}.
{O} plans to open a new office in London.
The regulator opened an investigation into {O} {D}.
{O2} acquired {O} in 2024.
The new model is a successor to {M2}.
Who made {M}?
What is {M}?
How does {M} compare with {M2}?
FAQ
Frequently asked questions
Download {M}
Try {M} now
Chat with {M}
Model card for {M}
Changelog
Version 1.1: fixed the tokenizer config.
Known issues: the model sometimes repeats itself.
{M} said hello when prompted in French.
When asked about its origins, {M} said it was created by {O2}.
The chatbot said it could not help with that request.
Asked for a poem, the model wrote four lines about the sea.
Reporting by {P}; editing by {P2}
Additional reporting by {P}.
Written by {P} {D}
Posted {D} by {P}
{P} is a reporter covering artificial intelligence.
{P} covers technology for {W}.
{O} logo displayed on a smartphone.
The accusation surfaced on social media {D}.
The lawsuit is one of dozens filed against AI companies.
Whether {M} was trained on {M2}'s outputs remains unclear.
It is not known how much data was used.
The report did not name its sources.
No evidence has been made public.
Lawyers for both sides met {D}.
The deadline for comments is next Friday.
Developers have built more than 5,000 derivatives of {M}.
{M} is popular with hobbyists who run models on {H}.
The open-source community welcomed the release.
Downloads of {M} passed one million in the first week.
The model topped the trending list on Hugging Face.
"""


def main(path: str) -> None:
    rows, seen = [], set()
    reps = {"asserts": 4, "alleges": 5, "denies": 4, "none": 2}
    for stance, block in T.items():
        for k, t in enumerate(x for x in block.strip().split("\n") if x.strip()):
            n = reps[stance] if "{" in t else 1
            for _ in range(n * 3):
                s = fill(t)
                if s in seen:
                    continue
                seen.add(s)
                rows.append({"text": s, "stance": stance, "group": f"{stance[:2]}{k:03d}"})
                n -= 1
                if n == 0:
                    break
    R.shuffle(rows)
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), Counter(r["stance"] for r in rows))


if __name__ == "__main__":
    main(sys.argv[1])
