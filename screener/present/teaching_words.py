"""The wording table for teaching: staged cases, the differential, compare, look-up by finding,
practice and class handouts. The app, the handout PDFs and the command line take these words
through the views, so a stage, an effect or a prompt is always said the same way."""

from __future__ import annotations

from screener.models import Change, PracticeScore
from screener.present import words

PRESENTATION = "Presentation"
NO_PATTERN_YET = "no pattern shows yet"
NOT_SURE_YET = "Not sure yet"

CHANGE: dict[Change, str] = {
    "new": "now shows",
    "gone": "no longer shows",
    "up": "moved up",
    "down": "moved down",
    "now_strong": "is now a strong pattern",
    "now_partial": "is now a partial pattern",
    "now_key_missing": "is now listed lower: its key feature is missing",
}

HEADINGS = {
    "changes": "What changed at this stage",
    "patterns": "Patterns shown, in order",
    "chart": "How the picture narrows: ordering points of the leading patterns, stage by stage",
    "compare_separating": "Findings that separate them",
    "lookup_criteria": "Counts towards the criteria",
    "lookup_excludes": "Rules the pattern out",
    "lookup_supporting": "Supporting finding",
    "lookup_red_flags": "Raises a red flag",
    "lookup_mimics": "Points to a mimic to consider first",
    "handout": "Class handout: teaching cases",
    "key": "Teacher's key: answers, reasoning and references",
    "teaching_points": "Teaching points",
    "stage_tops": "What the screener shows first, stage by stage",
    "trace": "Why the answer's pattern shows at the last stage",
}
LOOKUP_EMPTY = "No rule in this rule book names this finding: on its own it points to no pattern."
FIRST_STAGE_CHANGES = "The first look at the case: every pattern shown is new."
NOTHING_CHANGED = "The patterns shown and their order stayed the same."
CHART_NOTE = (
    "Ordering points only put the cards in order; they are not a probability. A pattern that "
    "does not show at a stage has no point there."
)
NO_SEPARATING = "No single finding moves these patterns differently."
COMPARE_NOTE = (
    "Each row is a finding that moves these patterns differently: it counts towards one "
    "pattern's criteria and not another's, supports one, rules one out, or points to a mimic."
)
HANDOUT_INSTRUCTIONS = (
    "Read each case one stage at a time. At each stage, write down the patterns you would "
    "consider and what you would ask or test next, before you read on. These are teaching "
    "vignettes about no real person."
)
HANDOUT_PROMPTS = (
    "Which paraneoplastic patterns would you consider now, and why?",
    "What would you ask, examine or test next?",
)
FINAL_PROMPT = "Which pattern fits best? Which mimics would you rule out first?"
KEY_INTRO = (
    "For the teacher. Each case's answer is the pattern the screener shows first at the last "
    "stage: a pattern consistent with the case, not a diagnosis."
)


def stage_title(index: int, count: int, title: str) -> str:
    """'Stage 2 of 4: Examination'; a case without stages is one 'Presentation'."""
    return title if count == 1 else f"Stage {index + 1} of {count}: {title}"


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def practice_how(stages: int) -> str:
    """How practice goes, for a case of `stages` stages: a one-stage case has no 'stage 1 of 4'."""
    if stages == 1:
        return (
            "Read the case and commit to your differential (or 'not sure yet') before the answer "
            "shows. Naming the right pattern first scores 1 point."
        )
    return (
        "Read the case one stage at a time and commit to your differential (or 'not sure yet') "
        "before the next stage shows. The earlier your first choice is the right pattern, the "
        f"more points: at stage 1 of {stages} it scores {stages}, at the last stage 1."
    )


SCORE_HELP = "Points for the stage at which you first named the right pattern; earlier scores more."
YOUR_ANSWER = "Your answer"
HOW_SURE = "How sure"
NOT_ANSWERED = "Skipped"
RUN_CALIBRATION = "How sure you were over this session's finished cases"
SCREENER_FIRST = "The screener showed first"
EXPORT_HOW = (
    "The case on the Screen page, as a teaching case to paste into rules/cases.yaml or a case "
    "pack file. Choose its answer here; its title, vignette and teaching point are drafted for "
    "you to rewrite in your editor (this app takes no free text). Then run `screener validate "
    "--cases <folder>` to check it."
)
EXPORT_NEEDS_CASE = (
    "Screen a case on the Screen page first, with at least one finding ticked: what you enter "
    "there becomes the case you export here."
)
EXPORT_NO_PATTERN = "No pattern shows for this case, so it has no answer to teach."
HANDOUT_HOW = (
    "Choose cases for a class. The students' handout gives each case stage by stage with room "
    "to write and no answers; the teacher's key gives the answers, what each stage shows first, "
    "the reasoning, teaching points and references."
)
EXPORT_TITLE = "New case"
EXPORT_VIGNETTE = "(Rewrite this as a teaching vignette about no real person.)"
EXPORT_NEEDS_FINDING = "a teaching case needs at least one finding ticked on the Screen page"


def practice_result(score: PracticeScore) -> str:
    """'You first named the answer at stage 2 of 4: 3 of 4 points.'"""
    points = f"{score.points} of {words.plural(score.possible, 'point')}"
    if score.first_right is None:
        return f"You did not name the answer at any stage: {points}."
    if score.stages == 1:
        return f"You named the answer: {points}."
    return (
        f"You first named the answer at stage {score.first_right + 1} of {score.stages}: {points}."
    )


# --- Commit, then reveal: the learner's own differential beside the rule book -----------------

COMMIT_HOW = (
    "Before this stage's patterns show, commit to your own differential: up to three patterns, "
    "the one you think fits best first (or none: no pattern yet). For each, mark the findings "
    "so far that speak for it and against it, and the finding you would look for next. Then say "
    "how sure you are."
)
PICK_LABEL = "Pattern you would consider {place}"
PICK_PLACES = ("first", "second", "third")
FOR_LABEL = "Findings that speak for it"
AGAINST_LABEL = "Findings that speak against it"
NEXT_LABEL = "The finding you would look for next"
MORE_PICKS = "Add a second and third pattern"
COMMIT_BUTTON = "Commit and reveal"
SKIP_BUTTON = "Skip to the answer"
CARDS_AFTER_COMMIT = "The cards show once you commit your differential or skip to the answer."
SKIPPED = "You skipped to the answer at this stage: nothing was committed."
NO_CONFIDENCE = "Say how sure you are before you commit."
BOTH_SIDES = "A finding speaks for a pattern or against it, not both: {findings}."
TWICE = "Each pattern once: {pattern} is named twice."
REFLECTION_HEADING = "Your differential beside the rule book"
NO_PICKS = "You said: no pattern yet."
YOUR_PLACE = "Your {place}: {pattern}"
ON_CARDS = "the screener shows it as card {rank} of {count} ({tier})"
NOT_ON_CARDS = "the screener shows no card for it at this stage"
KEY_LINE = "The case's key at this stage: {key} shows first."
KEY_NONE = "The case's key at this stage: no pattern shows yet."
RIGHT = "You named the stage's key."
NOT_RIGHT = "You did not name the stage's key."
NOT_NAMED = "Cards you did not name: {patterns}."
TELLING = "The entered finding that tells {key} apart from your first choice: {finding}."
WEIGHING = {
    ("for", "counts"): "{finding}: you and the rule both count it for this pattern.",
    ("for", "silent"): "{finding}: you weighted it for this pattern; the rule does not count it.",
    ("for", "excludes"): "{finding}: you counted it for this pattern; the rule says it rules the "
    "pattern out.",
    ("for", "mimic"): "{finding}: you counted it for this pattern; the rule reads it as a clue "
    "to {mimic}, a look-alike to consider first.",
    ("against", "counts"): "{finding}: you put it against this pattern; the rule counts it for it.",
    ("against", "excludes"): "{finding}: you and the rule agree it speaks against this pattern "
    "(the rule excludes it).",
    ("against", "mimic"): "{finding}: you put it against this pattern; the rule reads it as a "
    "clue to {mimic}, a look-alike to consider first.",
    ("against", "silent"): "{finding}: you put it against this pattern; the rule does not weigh "
    "it either way.",
    (None, "counts"): "{finding}: you did not mark it; the rule counts it for this pattern.",
    (None, "excludes"): "{finding}: you did not mark it; the rule says it rules the pattern out.",
    (None, "mimic"): "{finding}: you did not mark it; the rule reads it as a clue to {mimic}, a "
    "look-alike to consider first.",
}
"""Every pairing of how the learner marked an entered finding and how the rule weighs it (a
finding neither of them weighs is not said)."""
NEXT_NONE = "You did not choose a finding to look for next."
NEXT_ASKED = "You would look next for {finding}: it {effect}."
NEXT_UNMOVED = "You would look next for {finding}: the rule would not move this pattern with it."
NEXT_SEPARATES = " It is among the questions that separate this stage's patterns."
NEXT_SUGGESTED = "The question the screener would ask first for this pattern: {finding}."
CALIBRATION_HEADING = "How sure you were, and how often right"
CALIBRATION_NOTE = (
    "A stage counts as right when your list named what the case's key shows first at that stage "
    "(or said 'no pattern yet' where none shows). Confidence is yours, not a probability."
)
CALIBRATION_NONE = "Commit at least one stage to see how sure you were."
RIGHT_WORD = "Right"
WRONG_WORD = "Not right"
SUMMARY_LABEL = "Your one-line summary of the case so far (optional)"
SUMMARY_HELP = (
    "One sentence, as you would present the case: who, the time course, the key findings, in "
    "words such as acute or subacute, symmetric, proximal. It stays in this browser tab only: "
    "it is not logged, stored or sent anywhere, and it is gone when you close the tab."
)
SUMMARY_HEADING = "Your summary statement beside a model one"
YOUR_SUMMARY = "Yours: {text}"
NO_SUMMARY = "You did not write a summary statement for this case."
MODEL_SUMMARY = "A model summary statement"
QUALIFIERS = "Its semantic qualifiers: {qualifiers}."
