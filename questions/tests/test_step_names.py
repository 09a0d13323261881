"""Each kind of question names its four steps for what its samples hold in them."""

import pytest

from questions.steps import OBJECT_ORIENTED_STEPS, SYSTEM_DESIGN_STEPS, step_heading, step_names


def test_object_oriented_questions_have_their_own_names_and_prompts():
    names = step_names("object_oriented")
    assert [names[n].label for n in (1, 2, 3, 4)] == [
        "Use cases, constraints and assumptions",
        "Core objects and their relations",
        "Key methods, data structures and complexity",
        "Concurrency and extensions",
    ]
    assert all(name.prompt for name in names.values())
    assert not any("estimate" in name.label.lower() or "scal" in name.label.lower() for name in names.values())


@pytest.mark.parametrize("kind", ["system_design", "additional", "anything else"])
def test_other_kinds_use_the_system_design_steps(kind):
    assert step_names(kind) is SYSTEM_DESIGN_STEPS


@pytest.mark.parametrize(
    ("kind", "number", "title", "heading"),
    [
        ("object_oriented", 2, "Step 2: High-level design", "Step 2: Core objects and their relations"),
        ("object_oriented", 4, "Step 4: Scaling and extensions", "Step 4: Concurrency and extensions"),
        ("object_oriented", 1, "", "Step 1: Use cases, constraints and assumptions"),
        ("system_design", 4, "Step 4: Scale the design", "Step 4: Scaling"),
        ("system_design", 2, "step 2 - create a high level design", "Step 2: High-level design"),
        ("object_oriented", 3, "Step 3: The eviction order", "Step 3: The eviction order"),  # its own words stay
        ("object_oriented", 2, "Step 3: Core components", "Step 3: Core components"),  # another step's: kept
        ("object_oriented", 5, "Talking points", "Talking points"),
        ("system_design", 5, "", "Talking points"),
    ],
)
def test_a_sample_step_heading_that_only_names_the_step_uses_the_kinds_name(kind, number, title, heading):
    assert step_heading(kind, number, title) == heading


def test_the_two_kinds_share_only_the_first_steps_idea():
    assert OBJECT_ORIENTED_STEPS[3].label != SYSTEM_DESIGN_STEPS[3].label
