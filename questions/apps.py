from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"

    def ready(self) -> None:
        from curation.content import ContentKind, register
        from curation.history import curate
        from questions import content
        from questions.models import Checkpoint, Erratum, Question, ReferenceNumber, SampleSolution, SolutionStep

        curate(Question, SolutionStep, Checkpoint, ReferenceNumber)
        curate(SampleSolution, Erratum, history=False)
        register(ContentKind(name="questions", load=content.load_questions, export=content.export_questions))
        register(ContentKind(name="solutions", load=content.load_solutions, export=content.export_solutions))
