"""The learned parts of the extractor and where their files live.

``kg train`` writes them into a folder (the shipped ones are in
``kg/data/model/``); :func:`load_models` opens such a folder. A part whose
file is missing is simply not used, so the grammar alone still runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).parent / "data" / "model"
TAGGER_FILE = "mentions.crfsuite"
RELATIONS_FILE = "relations.json"


@dataclass(frozen=True)
class Models:
    tagger: object | None = None          # kg.tagger.Tagger
    relations: object | None = None       # kg.classify.RelationModel


NONE = Models()


@lru_cache(maxsize=8)
def load_models(folder: str | Path = SHIPPED) -> Models:
    """The models of ``folder`` (default: the shipped ones)."""
    folder = Path(folder)
    tagger = relations = None
    if (folder / TAGGER_FILE).is_file():
        from kg.tagger import Tagger
        tagger = Tagger(folder / TAGGER_FILE)
    if (folder / RELATIONS_FILE).is_file():
        from kg.classify import RelationModel
        relations = RelationModel.load(folder / RELATIONS_FILE)
    return Models(tagger, relations)
