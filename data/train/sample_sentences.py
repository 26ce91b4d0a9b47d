"""Choose corpus sentences for new gold annotation (how ``data/train/added.jsonl`` was drawn).

    python data/train/sample_sentences.py --out /tmp/annotation --per-batch 300 --batches 8
    AGENDA_MODEL_DIR=/tmp/runs/B python data/train/sample_sentences.py --out /tmp/annotation2 --round b --seed 8 \
        --batches 6
    python data/train/sample_sentences.py --out /tmp/annotation3 --round c --seed 9 --batches 6
    python data/train/sample_sentences.py --out /tmp/annotation4 --round d --seed 10 --batches 3 --per-batch 100 \
        --strata undated=0.5,uncertain=0.2,random=0.3
    python data/train/sample_sentences.py --out /tmp/annotation5 --round e --seed 12 --batches 3 --per-batch 100 \
        --strata status=0.7,random=0.3 --compare state/models/J,state/models/J-seed7
    python data/train/sample_sentences.py --out /tmp/annotation6 --round f --seed 13 --batches 3 --per-batch 100 \
        --strata status=0.7,random=0.3 --compare state/models/K,state/models/K-seed7
    python data/train/sample_sentences.py --out /tmp/annotation7 --round g --seed 14 --reuters 30000 --batches 1 \
        --per-batch 80 --strata trip=0.8,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation8 --round h --seed 15 --reuters 105000 --batches 1 \
        --per-batch 120 --strata trip=0.35,destination=0.45,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation11 --round k --seed 18 --reuters 20000 --batches 2 \
        --per-batch 100 --strata past_report=0.8,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation12 --round l --seed 19 --reuters 20000 --batches 2 \
        --per-batch 100 --strata multi_event=0.8,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation13 --round m --seed 20 --reuters 20000 --batches 2 \
        --per-batch 100 --strata bystander=0.8,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation14 --round n --seed 21 --reuters 20000 --batches 2 \
        --per-batch 100 --strata other_time=0.8,random=0.2
    python data/train/sample_sentences.py --out /tmp/annotation15 --round o --seed 22 --batches 2 --per-batch 100 \
        --strata uncertain=0.7,random=0.3
    python data/train/sample_sentences.py --out /tmp/annotation16 --round p --seed 23 --batches 2 --per-batch 100 \
        --strata status=0.7,random=0.3 --compare state/models/R,state/models/R-seed7
    python data/train/sample_sentences.py --out /tmp/annotation17 --round q --seed 24 --batches 2 --per-batch 100 \
        --strata parties=0.7,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation18 --round r --seed 25 --batches 2 --per-batch 100 \
        --strata parties=0.7,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation19 --round s --seed 26 --batches 2 --per-batch 100 \
        --strata unlinked_time=0.7,random=0.3
    python data/train/sample_sentences.py --out /tmp/annotation20 --round t --seed 27 --batches 2 --per-batch 100 \
        --strata unlinked_time=0.7,random=0.3
    python data/train/sample_sentences.py --out /tmp/annotation21 --round u --seed 28 --batches 2 --per-batch 100 \
        --strata status=0.7,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation22 --round v --seed 29 --batches 4 --per-batch 100 \
        --strata parties=0.35,status=0.35,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation23 --round w --seed 30 --batches 4 --per-batch 100 \
        --strata unlinked_time=0.35,status=0.35,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation24 --round x --seed 31 --batches 4 --per-batch 100 \
        --strata parties=0.35,unlinked_time=0.35,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation25 --round y --seed 32 --batches 4 --per-batch 100 \
        --strata parties=0.25,status=0.25,unlinked_time=0.2,random=0.3 --compare state/models/S,state/models/S-seed7
    python data/train/sample_sentences.py --out /tmp/annotation26 --round z --seed 33 --batches 4 --per-batch 100 \
        --strata parties=0.25,status=0.25,unlinked_time=0.2,random=0.3 --compare state/models/T
    python data/train/sample_sentences.py --out /tmp/annotation27 --round A --seed 34 --batches 4 --per-batch 100 \
        --strata parties=0.25,status=0.25,unlinked_time=0.2,random=0.3 --compare state/models/T,state/models/T-seed7
    python data/train/sample_sentences.py --out /tmp/annotation28 --round B --seed 35 --reuters 20000 --batches 4 \
        --per-batch 100 --strata timed=0.7,random=0.3

Round ``a`` (sids ``a...``) used the shipped agenda-tagger-v1; round ``b`` the first four-status student
(trained on the shared data and round a); round ``c`` the shipped agenda-tagger-v2 (rounds a and b); round ``e``
v2 beside the two students of the ensemble teacher (``--compare``); round ``f`` v2 beside the two students trained
on round e too (K, K-seed7). Rounds a
and b predate ``data/eval/dev3.jsonl``; its articles are excluded from round c on, and those of every later
``data/eval/dev*.jsonl`` set (dev4-dev7 were drawn after round c, never from a training article) from any later
round.
A later round never takes an article an earlier one took.

Pool: candidate sentences (the pipeline's splitter and lexical gate) of 8,000 Reuters 2006-2013 articles
sampled uniformly (seed 7) and of the news-pool articles that are in neither ``shared/train`` nor
``shared/eval`` (no article of dev or dev2, by id or by text, ever). From it, four strata:

- ``uncertain``: the shipped tagger finds an event but is unsure of it (lowest confidence first);
- ``disagree``: the tagger and the lexical baseline disagree on whether a scheduled event is there;
- ``construction``: sentences with the constructions the held-out error report names (a past gathering
  named by its date, negotiations merely ongoing, wishes/offers/proposals/invitations, hearings);
- ``random``: uniform over the remaining candidates (so the labelled data keeps the corpus' base rates);
- ``undated`` (round d): the shipped tagger finds a scheduled event with no time in the sentence; on the fresh
  evaluation sets about half the undated scheduled rows are no scheduled meeting (counted, not read);
- ``status``: the shipped tagger and one of the models named by ``--compare`` disagree on whether the sentence
  has a scheduled event (the students of the ensemble teacher, J and J-seed7, detect better than agenda-tagger-v2
  on unread news but call past, negated and wished-for meetings scheduled: model card, "Teacher labels").
- ``unlinked_time`` (round s): the shipped tagger finds a scheduled event with no time while the sentence holds
  a time expression no event of it was given (a missing date is the commonest wrong field of matched meetings on
  the article sets; the guidelines give an event only the time that says when it happens).
- ``parties`` (round q): the shipped tagger and one of the models named by ``--compare`` both find a scheduled
  event but give its parties different spans (participants are the weakest field on the article sets).
- ``timed`` (round B): a time expression in the sentence, and no model in the choice: every stratum before it but
  ``random`` and the lexical ones was chosen by what a tagger said, and on dev11, whose articles no tagger chose
  (a time expression in a candidate sentence), every tagger so far finds 14 of 23 meetings.

- ``trip`` (round g): a trip made on the way to a gathering or one with legs ("on his way to Peru for the
  summit", "before heading on to", "the last leg of"), the guidelines' "Trips": the training data had none.
- ``destination`` (round h): a gathering whose place is the destination of the trip to it ("flies to Tokyo
  next week for talks", "will be in Brussels on Thursday for an EU summit"): the place is the gathering's too.
- ``past_report`` (round k): a meeting noun that is the subject of a past-tense verb ("The Frankfurt meeting on
  Monday soothed currency markets"): reports after the fact, and sessions under way, that the students of
  rounds a-j called scheduled with confidence.
- ``multi_event`` (round l): two different gatherings named in one sentence ("a summit and talks on its
  sidelines", "will visit Tokyo before a conference in Seoul"): each event's own participants, time and place are
  what argument linking learns, and the training data held few sentences with two events.
- ``bystander`` (round m): a meeting word, a reporting word ("said", "told", "according to") and at least two
  names ("Corker said he had told President Donald Trump he would skip the meeting with Mitch McConnell"):
  people named beside the event who may be no party to it; most of the students' argument errors are spurious or
  missed participants (``benchmarks/validation.py``).
- ``other_time`` (round n): a meeting word and a time right after another verb ("said on Monday that talks
  would resume", "voted on Friday ahead of the summit"): a time that belongs to another verb is not the event's.

``--strata`` sets each stratum's share (default: rounds a-c's 0.3 / 0.25 / 0.2 / 0.25 of the first four).

Near-duplicate sentences (same first 60 normalised characters) are dropped. Writes ``batch_NN.jsonl``
files of ``{sid, article_id, published, title, sentence}`` and ``selection.json`` (which stratum each
sid came from).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractors.quality.goldsets import repo_set_ids  # noqa: E402

SHARED = ROOT.parent / "shared"
CONSTRUCTIONS = re.compile(
    r"\b(?:(?:last|previous|(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s+\d{1,2})?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]?s?\s+"
    r"(?:meeting|summit|talks|session|visit|hearing)"
    r"|(?:talks|negotiations|discussions)\s+(?:are|were|have\s+been)\s+(?:continuing|ongoing|under\s*way|"
    r"stalled|dragging)|(?:continue|continuing|ongoing)\s+(?:talks|negotiations|discussions)"
    r"|(?:proposed|offered|called\s+for|urged|suggested|invited|wants?\s+to|hopes?\s+to|would\s+like\s+to|"
    r"could|might|may)\b[^.]{0,60}\b(?:meet|meeting|talks|summit|visit)"
    r"|hearings?\b)",
    re.IGNORECASE,
)

# A trip made on the way to a gathering, or one with legs (the guidelines' "Trips" and their worked example:
# "travel to the United States next week on his way to Peru for the ... summit").
TRIPS = re.compile(
    r"\b(?:on\s+(?:his|her|their|its)\s+way\s+(?:to|back)|en\s+route\s+to|before\s+(?:going|heading|travell?ing|"
    r"flying|moving)\s+on\s+to|(?:will|would|then|later)\s+(?:travel|fly|head|go|move)\s+on\s+to|"
    r"stop(?:s|ping)?\s+(?:over\s+|off\s+)?in|(?:last|first|next|final)\s+(?:leg|stop)\s+of)\b"
    r"[^.;]{0,140}?\b(?:summit|meeting|talks|conference|forum|session|visit|trip|tour)",
    re.IGNORECASE,
)

# A gathering whose place is given as the destination of a trip to it ("flies to Tokyo next week for talks",
# "will be in Brussels on Thursday for an EU summit"): the place belongs to the gathering, not only to the trip.
DESTINATIONS = re.compile(
    r"\b(?i:travel\w*|fl(?:y|ies|ying|ew)|head(?:s|ed|ing)?|go(?:es|ing)?|arriv\w*|be|is|are|was|were|com(?:e|es|ing))"
    r"\s+(?i:to|in|for)\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3},?\s+"
    r"(?i:(?:on|next|this|later\s+this|early\s+next)\s+\w+\s+)?(?i:for|to\s+attend)\s+[^.;]{0,80}?"
    r"\b(?i:summit|meeting|talks|conference|forum|session|negotiations|consultations|ceremony|games)\b"
)

# A meeting reported after the fact by a past-tense verb it is the subject of ("The Frankfurt meeting on Monday
# soothed currency markets", "The summit in Vietnam put on show ..."): the students trained on rounds a-j call such
# sentences scheduled at confidence 0.99 (model card); the training data held few of them.
PAST_REPORTS = re.compile(
    r"\b(?i:the|this|that|last\s+\w+['’]s|\w+day['’]s)\s+(?:[\w.'’-]+\s+){0,4}?"
    r"(?i:meeting|summit|talks|conference|session|hearing|visit|negotiations|forum|consultations)\b"
    r"(?:\s+(?i:on|last|this|in|of|at|with|between|among)\s+[^,.;]{1,80}?)?\s+"
    r"(?!(?i:scheduled|planned|expected|slated|set|due|proposed)\b)"
    r"(?i:was|were|had|ended|\w{3,}ed|put|came|saw|took|made|gave|brought|drew|left|began|broke|showed|went|"
    r"fell|struck|won|sent|held)\b"
)


_TRIGGER = (r"(?:meet|meets|meeting|meetings|summit|talks|visit|conference|hearing|session|forum|negotiations|"
            r"trip|dinner|consultations|ceremony)")
# Two different meeting words at least a few words apart ("attend the summit ... hold talks with"): two events
# with arguments of their own, or one event named twice (the annotators decide which).
MULTI_EVENTS = re.compile(rf"\b(?i:({_TRIGGER}))\b[^.;]{{12,160}}?\b(?!(?i:\1)\b)(?i:{_TRIGGER})\b")
# A meeting word, a reporting word and at least two names of two capitalised words ("Corker said he had told
# President Donald Trump he would skip the meeting with Mitch McConnell"): people named who may only speak, be
# told or be described; the students' participant errors are mostly such spurious or missed parties.
BYSTANDERS = re.compile(
    rf"^(?=.*\b(?i:{_TRIGGER})\b)(?=.*\b(?:said|says|told|tells|according\s+to|(?i:spokesman|spokeswoman))\b)"
    r"(?=(?:.*?\b[A-Z][a-z]+\s+[A-Z][\w'’-]+){2})")
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last\s+week|this\s+week)"
# A meeting word and a time right after another verb ("the minister said on Monday that talks would resume",
# "the House voted on Friday ahead of the summit"): a time that belongs to another verb is not the event's
# (the guidelines), and the held-out error report names such times given to the meeting.
OTHER_TIMES = re.compile(
    rf"^(?=.*\b(?i:{_TRIGGER})\b)(?=.*\b(?:said|says|told|announced|voted|reported|published|added|wrote|"
    rf"warned|confirmed|denied)\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?{_DAY}\b)")
# The lexical strata, in the order they draw (a new one goes last: earlier rounds then draw as they did).
LEXICAL_STRATA = {"trip": TRIPS, "destination": DESTINATIONS, "past_report": PAST_REPORTS,
                  "multi_event": MULTI_EVENTS, "bystander": BYSTANDERS, "other_time": OTHER_TIMES}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())[:60]


def _excluded() -> tuple[set[str], set[str]]:
    ids, texts = set(), set()
    for name in ("dev.jsonl", "dev2.jsonl"):
        for line in (SHARED / "eval" / name).read_text().splitlines():
            row = json.loads(line)
            ids.add(row["id"])
            texts.add(_key(row["text"][:400]) + str(len(row["text"]) // 50))
    for path in (SHARED / "train" / "sentences.jsonl", ROOT / "data" / "train" / "added.jsonl"):
        if path.is_file():
            ids |= {json.loads(line)["article_id"] for line in path.read_text().splitlines() if line.strip()}
    return ids | repo_set_ids(), texts  # and this repo's own evaluation articles


def _articles(n_reuters: int, seed: int) -> list[dict]:
    ids, texts = _excluded()
    files = sorted((SHARED / "corpus" / "reuters-2006-2013").glob("*/reuters.jsonl.gz"))
    rows = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    rng = random.Random(seed)
    rng.shuffle(rows)
    pool = [json.loads(line) for line in (SHARED / "corpus" / "news-pool.jsonl").read_text().splitlines()]
    out = []
    for row in [*rows[:n_reuters], *pool]:
        if row["id"] in ids or _key(row["text"][:400]) + str(len(row["text"]) // 50) in texts:
            continue
        ids.add(row["id"])
        out.append(row)
    return out


def _scheduled(events: list) -> bool:
    return any(e.status == "scheduled" for e in events)


def status_disagreements(model: list[list], compared: list[list[list]]) -> list[int]:
    """Indices of the sentences where one of the ``compared`` taggers' outputs and ``model``'s disagree on
    whether a scheduled event is there."""
    return [i for i, events in enumerate(model)
            if any(_scheduled(other[i]) != _scheduled(events) for other in compared)]


def _parties(events: list) -> set[str]:
    return {p.text for e in events if e.status == "scheduled" for p in e.participants}


def unlinked_times(texts: list[str], model: list[list]) -> list[int]:
    """Indices of the sentences where ``model`` finds a scheduled event with no time while a time expression of
    the sentence is no event's time."""
    from extractors.language.timex import find_time_expressions

    out = []
    for i, (text, events) in enumerate(zip(texts, model, strict=True)):
        if not any(e.status == "scheduled" and e.time is None for e in events):
            continue
        linked = [e.time for e in events if e.time is not None]
        if any(not any(t.start < s.end and s.start < t.end for s in linked) for t in find_time_expressions(text)):
            out.append(i)
    return out


def party_disagreements(model: list[list], compared: list[list[list]]) -> list[int]:
    """Indices of the sentences where ``model`` and one of the ``compared`` taggers both find a scheduled
    event but give its parties different spans."""
    return [i for i, events in enumerate(model) if _scheduled(events)
            and any(_scheduled(other[i]) and _parties(other[i]) != _parties(events) for other in compared)]


def main(argv: list[str] | None = None) -> None:
    from extractors.language.candidates import candidate_sentences
    from extractors.language.sentences import split_sentences
    from extractors.tagger.baseline import LexicalTagger
    from extractors.tagger.runtime import OnnxTagger

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--reuters", type=int, default=8000)
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--per-batch", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--round", default="a", help="sid prefix of this round")
    ap.add_argument("--strata", default="uncertain=0.3,disagree=0.25,construction=0.2,random=0.25",
                    help="name=share,... (the last one takes what the others leave)")
    ap.add_argument("--compare", default="", help="model dirs (DIR,DIR,...) whose scheduled calls (`status`) and "
                                                  "parties (`parties`) are compared with the shipped tagger's")
    a = ap.parse_args(argv)
    if ("status=" in a.strata or "parties=" in a.strata) and not a.compare:
        ap.error("the status and parties strata need --compare DIR[,DIR...]")

    pool, seen = [], set()
    for art in _articles(a.reuters, a.seed):
        for s in candidate_sentences(art["text"], list(split_sentences(art["text"]))):
            words = len(s.text.split())
            if not 6 <= words <= 70 or _key(s.text) in seen:
                continue
            seen.add(_key(s.text))
            pool.append({"article_id": art["id"], "published": str(art["published"])[:10],
                         "title": art.get("title") or "", "sentence": s.text})
    print(f"{len(pool)} candidate sentences", file=sys.stderr)
    texts = [p["sentence"] for p in pool]
    rng = random.Random(a.seed)
    total = a.batches * a.per_batch
    shares = [(name, float(share)) for name, share in (part.split("=") for part in a.strata.split(","))]
    want = {name: int(total * share) for name, share in shares[:-1]}
    want[shares[-1][0]] = total - sum(want.values())
    if want.keys() & {"uncertain", "disagree", "undated", "status", "parties", "unlinked_time"}:
        model, base = OnnxTagger().tag(texts), LexicalTagger().tag(texts)
    else:  # the lexical strata need no tagger
        model = base = [[] for _ in texts]
    chosen: dict[int, str] = {}

    def take(name: str, order: list[int]) -> None:
        n = 0
        for i in order:
            if n >= want[name]:
                break
            if i not in chosen:
                chosen[i] = name
                n += 1

    conf = {i: min(e.confidence for e in ev) for i, ev in enumerate(model) if ev}
    disagree = status_disagreements(model, [base])
    rng.shuffle(disagree)
    built = [i for i, t in enumerate(texts) if CONSTRUCTIONS.search(t)]
    rng.shuffle(built)
    rest = list(range(len(pool)))
    rng.shuffle(rest)
    undated = [i for i, ev in enumerate(model) if any(e.status == "scheduled" and e.time is None for e in ev)]
    rng.shuffle(undated)  # after the others: rounds a-c draw as they did
    status: list[int] = []
    parties: list[int] = []
    if want.keys() & {"status", "parties"}:  # only then: rounds a-d draw as they did
        compared = [OnnxTagger(d).tag(texts) for d in a.compare.split(",") if d]
        status = status_disagreements(model, compared) if "status" in want else []
        parties = party_disagreements(model, compared) if "parties" in want else []
        rng.shuffle(status)
        rng.shuffle(parties)
    unlinked = unlinked_times(texts, model) if "unlinked_time" in want else []
    rng.shuffle(unlinked)
    timed: list[int] = []
    if "timed" in want:  # only then: earlier rounds draw as they did
        from extractors.language.timex import find_time_expressions

        timed = [i for i, t in enumerate(texts) if find_time_expressions(t)]
        rng.shuffle(timed)
    orders = {"status": status, "parties": parties, "unlinked_time": unlinked, "undated": undated, "timed": timed,
              "uncertain": sorted(conf, key=lambda i: (conf[i], i)), "disagree": disagree,
              "construction": built, "random": rest}
    for name, pattern in LEXICAL_STRATA.items():
        orders[name] = []
        if name in want:  # only then: earlier rounds draw as they did
            orders[name] = [i for i, t in enumerate(texts) if pattern.search(t)]
            rng.shuffle(orders[name])
    for name in ("status", "parties", "unlinked_time", "undated", "uncertain", "disagree", "construction",
                 *LEXICAL_STRATA, "timed", "random"):
        if name in want:
            take(name, orders[name])

    order = list(chosen)
    rng.shuffle(order)
    a.out.mkdir(parents=True, exist_ok=True)
    selection = {}
    for b in range(a.batches):
        with open(a.out / f"batch_{b:02d}.jsonl", "w", encoding="utf-8") as fh:
            for k, i in enumerate(order[b * a.per_batch:(b + 1) * a.per_batch]):
                sid = f"{a.round}{b:02d}{k:03d}"
                selection[sid] = chosen[i]
                fh.write(json.dumps({"sid": sid, **pool[i]}, ensure_ascii=False) + "\n")
    (a.out / "selection.json").write_text(json.dumps(selection, indent=0))
    counts = {name: sum(1 for v in selection.values() if v == name) for name in want}
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
