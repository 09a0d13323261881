from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from primer.htmx import HtmxHttpRequest
from primer.inputs import parse_id
from progress import flashcards, services
from progress.models import Learner
from topics import anki
from topics.models import Card, Deck, Status


class CardSettingsForm(forms.ModelForm):
    class Meta:
        model = Learner
        fields = ["desired_retention", "new_cards_per_day"]


def _deck(request: HtmxHttpRequest) -> Deck | None:
    slug = request.GET.get("deck") or request.POST.get("deck")
    return get_object_or_404(Deck, slug=slug) if slug else None


@login_required
def cards(request: HtmxHttpRequest) -> HttpResponse:
    learner = services.learner_for(request.user)
    form = CardSettingsForm(request.POST or None, instance=learner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Flashcard settings saved.")
        return redirect("progress:cards")
    counts = flashcards.due_counts(request.user, learner, now=timezone.now(), today=learner.today())
    return render(request, "progress/cards.html", {"rows": counts, "form": form})


def _review_context(request: HtmxHttpRequest, learner: Learner, deck: Deck | None) -> dict:
    now = timezone.now()
    card = flashcards.next_card(request.user, learner, now=now, today=learner.today(), deck=deck)
    return {
        "card": card,
        "deck": deck,
        "buttons": flashcards.intervals(request.user, learner, card, now) if card else [],
        "can_undo": request.user.reviews.filter(source="review").exists(),
    }


@login_required
def review(request: HtmxHttpRequest) -> HttpResponse:
    learner = services.learner_for(request.user)
    deck = _deck(request)
    if request.method == "POST":
        card_id = parse_id(request.POST.get("card"))
        if card_id is None:
            return HttpResponse("Which card? The form did not say.", status=400, content_type="text/plain")
        card = get_object_or_404(Card.objects.filter(status=Status.PUBLISHED), pk=card_id)
        rating = request.POST.get("rating", "")
        if rating not in ("1", "2", "3", "4"):
            return HttpResponse("Rate the card 1 (again) to 4 (easy).", status=400, content_type="text/plain")
        flashcards.review(
            user=request.user, learner=learner, card=card, rating=int(rating), now=timezone.now(), today=learner.today()
        )
        services.record_activity(user=request.user, today=learner.today())
        if not request.htmx:
            return redirect(f"{reverse('progress:review')}{'?deck=' + deck.slug if deck else ''}")
    context = _review_context(request, learner, deck)
    template = "progress/review.html#card" if request.htmx else "progress/review.html"
    return render(request, template, context)


@login_required
@require_POST
def undo(request: HtmxHttpRequest) -> HttpResponse:
    card = flashcards.undo_last(user=request.user)
    if card is None:
        messages.info(request, "There is no rating to undo.")
    deck = _deck(request)
    if request.htmx:
        learner = services.learner_for(request.user)
        return render(request, "progress/review.html#card", _review_context(request, learner, deck))
    return redirect(f"{reverse('progress:review')}{'?deck=' + deck.slug if deck else ''}")


@require_GET
def export_apkg(request: HtmxHttpRequest) -> HttpResponse:
    slug = request.GET.get("deck")
    decks = Deck.objects.filter(slug=slug) if slug else Deck.objects.all()
    if slug and not decks.exists():
        raise Http404("No such deck.")
    data = anki.export_apkg(list(decks.prefetch_related("cards")))
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="primer-{slug or "all-decks"}.apkg"'
    return response
