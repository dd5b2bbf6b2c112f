"""The numbers a writer expects to see, computed once from the prepared document with
textstat's syllable counts and textstat's formulas (so they agree with textstat)."""
from __future__ import annotations

from typing import Any

from .document import WE_WORDS, YOU_WORDS, Document

WORDS_PER_MINUTE = 230  # adult silent reading of plain prose


def compute_metrics(doc: Document, subject: str | None) -> dict[str, Any]:
    words = len(doc.word_texts)
    # as textstat does, lines of one or two words (greetings, sign-offs) are not sentences here
    sentences = max(1, len([s for s in doc.sentences if s.words > 2])) if words else 0
    syll = doc.syllable_count
    wps = words / sentences if sentences else 0.0
    spw = syll / words if words else 0.0
    complex_ratio = doc.polysyllables / words if words else 0.0
    m: dict[str, Any] = {
        "words": words,
        "sentences": len(doc.sentences),
        "paragraphs": len(doc.paragraphs),
        "questions": sum(doc.questions),
        "syllables": syll,
        "words_per_sentence": round(wps, 2),
        "syllables_per_word": round(spw, 3),
        "flesch_reading_ease": round(206.835 - 1.015 * wps - 84.6 * spw, 2) if words else 0.0,
        "grade_level": round(max(0.0, 0.39 * wps + 11.8 * spw - 15.59), 2) if words else 0.0,
        "gunning_fog": round(0.4 * (wps + 100 * complex_ratio), 2) if words else 0.0,
        "difficult_words": doc.difficult_words,
        "dale_chall_grade": round(_dale_chall_grade(100 * doc.difficult_words / words, wps), 2) if words else 0.0,
        "you_words": doc.count(YOU_WORDS),
        "we_words": doc.count(WE_WORDS),
        "reading_time_seconds": round(words / WORDS_PER_MINUTE * 60, 1),
    }
    if subject is not None:
        m["subject_words"] = len(subject.split())
        m["subject_chars"] = len(subject)
    return m


def _dale_chall_grade(pct_difficult: float, words_per_sentence: float) -> float:
    """The New Dale-Chall score (textstat's formula), as an approximate US grade level."""
    raw = 0.1579 * pct_difficult + 0.0496 * words_per_sentence + (3.6365 if pct_difficult > 5 else 0.0)
    return max(0.0, 2.0 * raw - 5.5)
