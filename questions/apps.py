from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"

    def ready(self) -> None:
        from primer.content import ContentKind, register
        from questions.content import export_questions, load_questions

        register(ContentKind(name="questions", load=load_questions, export=export_questions))
