"""The comparison engine: a learner's answer against a question's rubric.

Pure Python (no Django): `grade(answers, checkpoints, numbers)` returns a deterministic
report. The same input always gives the same report; nothing here touches the network.
"""

from questions.engine.grade import ENGINE_VERSION, Checkpoint, ReferenceNumber, grade
from questions.engine.numbers import Quantity, parse_quantities, parse_reference
from questions.engine.text import find_phrase, normalise

__all__ = [
    "ENGINE_VERSION",
    "Checkpoint",
    "Quantity",
    "ReferenceNumber",
    "find_phrase",
    "grade",
    "normalise",
    "parse_quantities",
    "parse_reference",
]
