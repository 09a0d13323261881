from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"

    def ready(self) -> None:
        from primer.content import ContentKind, register
        from questions.content import export_questions, load_questions
        from topics.cards import export_cards, load_cards

        register(ContentKind(name="questions", load=load_questions, export=export_questions))
        # Cards point at topics and questions, so they load after both.
        register(ContentKind(name="cards", load=load_cards, export=export_cards))
        from primer.imported import export_alternatives, export_solutions, load_alternatives, load_solutions

        register(ContentKind(name="alternatives", load=load_alternatives, export=export_alternatives))
        register(ContentKind(name="solutions", load=load_solutions, export=export_solutions))
