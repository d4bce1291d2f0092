"""The plain data that flows between the pipeline stages.

read → normalise → sentences → mentions → entities → assertions → graph

Every stage takes one of these and returns the next; none of them knows about
RDF, so each stage can be tested with a few lines of Python.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Entity types of ANNOTATION.md.
ENTITY_TYPES = (
    "Hospital", "University", "PartyOrganization", "Alliance",
    "GovernmentBody", "Organization", "Honor", "Person",
)
CORE_RELATIONS = ("partnersWith", "coBuildsWith", "awarded")
EXTENDED_RELATIONS = (
    "supports", "affiliatedWith", "memberOf", "subOrganizationOf", "holdsPositionIn",
)
RELATIONS = CORE_RELATIONS + EXTENDED_RELATIONS
SYMMETRIC_RELATIONS = frozenset({"partnersWith", "coBuildsWith"})


@dataclass
class Document:
    """One article. ``text`` is the normalised text all offsets point into."""

    name: str                      # file name, e.g. ``000_ab12.txt``
    text: str
    path: str = ""
    sha256: str = ""               # of the raw bytes
    encoding: str = ""             # how the raw bytes were decoded
    title: str = ""
    date: str = ""                 # ISO date when the article gives one


@dataclass
class Sentence:
    doc: str                       # Document.name
    index: int
    start: int                     # offsets into Document.text
    end: int
    text: str


@dataclass
class Mention:
    """A span of a sentence that names (or refers to) an entity."""

    text: str                      # as written
    type: str                      # one of ENTITY_TYPES
    start: int                     # offsets into Document.text
    end: int
    sentence: int                  # Sentence.index
    rule: str                      # id of the rule that found it
    name: str = ""                 # canonical name when the rule knows it (scoped party bodies)
    parent: str = ""               # name of the organisation a party body sits in (a person's post is in)
    role: str = ""                 # for persons: the title written before the name
    subject: bool = False          # refers to the article's subject hospital (我院, 该院, bare 医院)
    in_subject: bool = False       # ``parent`` is inside the subject: '' the subject itself (院党委),
                                   # else one of its party bodies (外科党支部书记); resolve adds its name
    bare: str = ""                 # a bare 集团 / 联盟 / 卫生院 (the word): the article's one institution so named
    in_bare: str = ""              # ``parent`` is inside that institution ('' it itself: 集团党委, 集团董事长)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    @property
    def parent_is_subject(self) -> bool:
        """Does it sit in (party body) or hold its post in (person) the subject itself?"""
        return self.in_subject and not self.parent


@dataclass
class Entity:
    name: str                      # canonical name
    type: str
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name)


@dataclass
class Assertion:
    """One relation triple with the evidence and the rule that made it."""

    subject: tuple[str, str]       # Entity.key
    predicate: str                 # one of RELATIONS
    object: tuple[str, str]
    doc: str
    sentence: str                  # evidence text
    start: int                     # offsets of the evidence in Document.text
    end: int
    rule: str
    confidence: float = 0.8
    attrs: dict[str, str] = field(default_factory=dict)   # year, role, kind …
