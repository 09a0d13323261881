from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.requests import LearnerRequest
from flashcards import anki, scheduling
from flashcards.forms import CardSettingsForm
from flashcards.models import Card, Deck
from flashcards.signals import card_reviewed
from primer.http import parse_id


def _deck(request: LearnerRequest) -> Deck | None:
    slug = request.GET.get("deck") or request.POST.get("deck")
    return get_object_or_404(Deck, slug=slug) if slug else None


def _review_address(deck: Deck | None) -> str:
    # The fragment puts the next card in view (and the keyboard's starting point on it) without JavaScript.
    return f"{reverse('flashcards:review')}{'?deck=' + deck.slug if deck else ''}#review-area"


@require_http_methods(["GET", "POST"])
@login_required
def index(request: LearnerRequest) -> HttpResponse:
    learner = request.learner
    form = CardSettingsForm(request.POST or None, instance=learner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Flashcard settings saved.")
        return redirect("flashcards:index")
    overview = scheduling.deck_overview(request.user, learner, now=timezone.now(), today=learner.today())
    return render(request, "flashcards/cards.html", {"overview": overview, "form": form})


def _review_context(request: LearnerRequest, deck: Deck | None) -> dict:
    now, learner = timezone.now(), request.learner
    session = scheduling.review_session(request.user, learner, now=now, today=learner.today(), deck=deck)
    card = session.card
    return {
        "card": card,
        "deck": deck,
        "left": session.remaining,
        "next_due_in": scheduling.humanise(session.next_due - now) if session.next_due else None,
        "buttons": scheduling.intervals(learner, card, session.state, now) if card else [],
        "can_undo": request.user.reviews.filter(source="review").exists(),
    }


@require_http_methods(["GET", "POST"])
@login_required
def review(request: LearnerRequest) -> HttpResponse:
    deck = _deck(request)
    if request.method == "POST":
        card_id = parse_id(request.POST.get("card"))
        if card_id is None:
            return HttpResponse("Which card? The form did not say.", status=400, content_type="text/plain")
        card = get_object_or_404(Card.objects.published(), pk=card_id)
        rating = request.POST.get("rating", "")
        if rating not in ("1", "2", "3", "4"):
            return HttpResponse("Rate the card 1 (again) to 4 (easy).", status=400, content_type="text/plain")
        today = request.learner.today()
        scheduling.review(
            user=request.user, learner=request.learner, card=card, rating=int(rating), now=timezone.now(), today=today
        )
        card_reviewed.send(sender=Card, user=request.user, today=today)
        if not request.htmx:
            return redirect(_review_address(deck))
    template = "flashcards/review.html#card" if request.htmx else "flashcards/review.html"
    return render(request, template, _review_context(request, deck))


@require_POST
@login_required
def undo(request: LearnerRequest) -> HttpResponse:
    card = scheduling.undo_last(user=request.user)
    if card is None:
        messages.info(request, "There is no rating to undo.")
    deck = _deck(request)
    if request.htmx:
        return render(request, "flashcards/review.html#card", _review_context(request, deck))
    return redirect(_review_address(deck))


@require_GET
def export_apkg(request: LearnerRequest) -> HttpResponse:
    slug = request.GET.get("deck")
    decks = Deck.objects.filter(slug=slug) if slug else Deck.objects.all()
    if slug and not decks.exists():
        raise Http404("No such deck.")
    data = anki.export_apkg(list(decks.prefetch_related("cards")))
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="primer-{slug or "all-decks"}.apkg"'
    return response
