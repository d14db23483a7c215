"""Sentences and paragraphs with their positions in the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence ("TP. Hà Nội", "PGS.TS. Nguyễn …").
_ABBREVIATIONS = {"tp", "ts", "ths", "pgs", "gs", "bs", "ks", "th.s", "đ/c", "q", "p", "tx", "tt", "st"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    folded: str


def paragraphs(text: str, folded: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append(Span(start, end, line, folded[start:end]))
        start = end + 1
    return spans


def sentences(text: str, folded: str) -> list[Span]:
    """Sentences (split at . ! ? … and line ends), each with its offsets in `text`."""
    spans = []
    for paragraph in paragraphs(text, folded):
        start = paragraph.start
        for match in re.finditer(r"[.!?…]+(?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9]|\s*$)", paragraph.text):
            end = paragraph.start + match.end()
            word = re.search(r"(\S+)$", text[start:paragraph.start + match.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if end > start:
                spans.append(Span(start, end, text[start:end], folded[start:end]))
            start = end
            while start < paragraph.end and text[start] == " ":
                start += 1
        if start < paragraph.end:
            spans.append(Span(start, paragraph.end, text[start:paragraph.end], folded[start:paragraph.end]))
    return spans
