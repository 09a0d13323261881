from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"

    def ready(self) -> None:
        from curation.content import ContentKind, register
        from curation.history import curate
        from questions import content, lexicon
        from questions.models import (
            Checkpoint,
            Concept,
            Erratum,
            Given,
            LexiconArea,
            Question,
            ReferenceNumber,
            SampleSolution,
            SolutionStep,
        )  # fmt: skip

        curate(Question, SolutionStep, Checkpoint, ReferenceNumber, Given, LexiconArea, Concept)
        curate(SampleSolution, Erratum, history=False)
        register(ContentKind(name="lexicon", load=lexicon.load_lexicon, export=lexicon.export_lexicon))
        register(ContentKind(name="questions", load=content.load_questions, export=content.export_questions))
        register(ContentKind(name="solutions", load=content.load_solutions, export=content.export_solutions))
