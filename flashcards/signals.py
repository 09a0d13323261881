from django.dispatch import Signal

# Sent after a learner rates a card on the review page (user, today). The progress app counts
# it as the day's activity; flashcards knows nothing of streaks.
card_reviewed = Signal()
