"""Study material from the glossary: flashcards and multiple-choice questions, made once per
build and read by the practice pages, the embed cards and the study exports alike."""

from termbook.study.questions import (
    CHOICES,
    MASK,
    Card,
    Pools,
    Question,
    StudySet,
    mask_names,
    names_matcher,
    practice_terms,
    study_set,
    study_sets,
)

__all__ = [
    "CHOICES",
    "MASK",
    "Card",
    "Pools",
    "Question",
    "StudySet",
    "mask_names",
    "names_matcher",
    "practice_terms",
    "study_set",
    "study_sets",
]
