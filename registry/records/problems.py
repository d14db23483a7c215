"""Problems are values: every check returns them, nothing raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at one line, in one field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (a PR line annotation)."""
        text = _escape_annotation(f"{self.field}: {self.message}")
        return f"::error file={_escape_property(self.path)},line={self.line},title=Lỗi dữ liệu::{text}"


def _escape_annotation(text: str) -> str:
    # Workflow commands treat %, CR and LF specially in the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # ...and also ',' and ':' in a property value such as file=.
    return _escape_annotation(text).replace(":", "%3A").replace(",", "%2C")
