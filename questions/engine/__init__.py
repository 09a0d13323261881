"""The comparison engine: a learner's answer against a question's rubric, concept by concept.

Pure Python (no Django): `grade(answers, rubric, lexicon)` returns a deterministic report.
The same input always gives the same report; nothing here touches the network.
"""
