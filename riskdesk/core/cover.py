"""The covering report councils put on a committee pack: committee, meeting, agenda item, people, purpose."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class Cover:
    """What the cover page of a pack says, as the clerk typed it (all plain text)."""

    committee: str = ""
    meeting_date: str = ""  # as typed, e.g. "14 July 2024"
    agenda_item: str = ""
    title: str = ""  # empty: the report's own title
    report_of: str = ""
    contact_officer: str = ""
    purpose: str = ""
    recommendations: str = ""  # one a line

    def to_dict(self) -> dict[str, str]:
        """The fields by name, for keeping in the file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: object) -> Cover:
        """A cover from kept values; unknown or non-text values are ignored."""
        if not isinstance(values, dict):
            return cls()
        names = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in values.items() if k in names and isinstance(v, str)})


# Labels as cover pages print them, in order.
COVER_LABELS: tuple[tuple[str, str], ...] = (
    ("committee", "Committee"),
    ("meeting_date", "Date of meeting"),
    ("agenda_item", "Agenda item"),
    ("title", "Title"),
    ("report_of", "Report of"),
    ("contact_officer", "Contact officer"),
    ("purpose", "Purpose of the report"),
    ("recommendations", "Recommendations"),
)
