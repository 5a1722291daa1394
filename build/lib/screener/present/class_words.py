"""The wording table for a live class: the teacher's projector, the students' phones, the
educator's summary and spaced practice. The class page, the summary's CSV and PDF take every
word from here (mostly through `class_view`)."""

from __future__ import annotations

from screener.inputs.class_input import AnswerProblem, CodeProblem
from screener.models.classroom import Confidence, Refusal, Unavailable

PAGE_TITLE = "Live class"
CONFIDENCE = {
    Confidence.GUESSING: "Guessing",
    Confidence.UNSURE: "Not very sure",
    Confidence.FAIRLY_SURE: "Fairly sure",
    Confidence.CERTAIN: "Certain",
}
NO_PATTERN = "No pattern yet"

# --- Starting and joining ---------------------------------------------------------------------

START_HOW = (
    "Run a teaching case with a class: students answer on their phones (no account, no name), "
    "and your screen, on the projector, shows the room's answers as they come in. You move the "
    "class from stage to stage and reveal each stage's answer when you choose."
)
START_CASE = "Case for the class"
START_BUTTON = "Start a class session"
JOIN_HEADING = "Join a class"
JOIN_HOW = "Type the code your teacher shows on the projector, or scan its QR code."
CODE_LABEL = "Class code"
CODE_PLACEHOLDER = "ABCD-2345"
JOIN_BUTTON = "Join the class"
JOIN_ON_PROJECTOR = "Join on your phone: scan the QR code, or open this address and type the code:"
QR_CAPTION = "QR code of the join link"
NOTHING_KEPT = (
    "Nothing about you is asked or kept: no account, no name. Your answers are counted "
    "anonymously with the room's and deleted after {days} days."
)
CODE_PROBLEM: dict[CodeProblem, str] = {
    CodeProblem.EMPTY: "Type the class code shown on the projector.",
    CodeProblem.NOT_A_CODE: (
        "That is not a class code: a code has 8 letters and digits, like ABCD-2345 (codes never "
        "use O, 0, I, 1 or L)."
    ),
}
PRACTICE_CODE_PROBLEM: dict[CodeProblem, str] = {
    CodeProblem.EMPTY: "Type your practice code.",
    CodeProblem.NOT_A_CODE: (
        "That is not a practice code: a practice code has 12 letters and digits, like "
        "ABCD-2345-EFGH."
    ),
}
REFUSAL: dict[Refusal, str] = {
    "unknown_code": "No class has this code. Check it against the projector, or ask your teacher.",
    "expired": "This class session has ended and its answers have been deleted.",
    "closed": "This class session is closed and takes no more answers. Thank you for taking part.",
    "moved_on": (
        "The class moved on to {stage} while you were answering, so that answer was not saved. "
        "Answer the new stage below."
    ),
    "revealed": (
        "The answer to {stage} has been shown, so answers to it are closed: that answer was "
        "not saved."
    ),
    "not_teacher": "This code and teacher's key do not open a class together.",
    "unknown_practice_code": (
        "Nothing is kept under this practice code: check it, or make a new one (codes and what "
        "they keep are deleted {days} days after their last use)."
    ),
}
UNKNOWN_CASE = (
    "This class uses a teaching case this server does not have (a case pack missing here?). "
    "Ask your teacher."
)
UNAVAILABLE: dict[Unavailable, str] = {
    "busy": "The class database is busy with other answers.",
    "unavailable": "The class database cannot be reached right now.",
}
NOT_SAVED = "Your answer was not saved: it is still chosen below, so press “{button}” again."
TRY_AGAIN = "Nothing was changed: try again in a moment."
ANSWER_PROBLEM: dict[AnswerProblem, str] = {
    AnswerProblem.NO_PICK: "Choose your leading pattern (up to three), or “No pattern yet”.",
    AnswerProblem.NONE_WITH_PATTERNS: "Choose either “No pattern yet” or patterns, not both.",
    AnswerProblem.TOO_MANY: "Choose at most three patterns.",
    AnswerProblem.UNKNOWN_PATTERN: "Choose patterns from the list.",
    AnswerProblem.NO_CONFIDENCE: "Say how sure you are.",
}

# --- A student's phone ------------------------------------------------------------------------

PICK_LABEL = "Your leading pattern(s) now: up to three, the most likely first"
PICK_PLACEHOLDER = "Choose patterns, or “No pattern yet”"
CONFIDENCE_LABEL = "How sure are you?"
SEND_BUTTON = "Send my answer"
SAVED = {
    "new": "Saved: your answer to {stage}.",
    "changed": "Saved: this answer to {stage} replaces your earlier one.",
    "unchanged": "Saved: the same answer as before, kept once.",
}
YOUR_ANSWER = "Your saved answer to {stage}: {patterns} ({confidence})."
CHANGE_UNTIL = "You can change it until the teacher reveals the answer or moves on."
WAIT_FOR_TEACHER = "Your teacher has shown the answer. Wait for the next stage."
NOT_ANSWERED = "You did not answer this stage."
EARLIER_STAGES = "What the case told at the earlier stages"
YOU_NAMED_IT = "You named it."
YOU_MISSED_IT = "You did not name it."
FINDING_YOU_MISSED = "The finding that tells it apart from your answer: {finding}."

# --- Practice codes ---------------------------------------------------------------------------

PRACTICE_HEADING = "Practise what you miss (optional)"
PRACTICE_HOW = (
    "With a practice code, each stage you answer without its answer is kept under that code "
    "(the case, the stage, the pattern and the finding that tells it apart: never your name or "
    "anything about you), and comes back for practice after 1, 3 and 7 days. Without a code, "
    "nothing is kept."
)
MAKE_CODE = "Make me a practice code"
USE_CODE = "Use this practice code"
PRACTICE_CODE_LABEL = "Practice code"
YOUR_CODE = (
    "Your practice code is **{code}**. Write it down: it is not shown again, and nobody can "
    "look it up for you."
)
KEEPING = "Stages you miss in this class are kept under practice code {code}."
KEPT = "Kept for practice: {count}."
PRACTICE_REVIEW_HEADING = "Practice: patterns you missed in class"
PRACTICE_REVIEW_HOW = "Type your practice code to see what is due today."
NOTHING_DUE = "Nothing is due today."
NEXT_DUE = "Next due: {when} ({count})."
ALL_DONE = "Every item of this code has had its three reviews."
DUE_HEADING = "{case}, {stage}"
DUE_QUESTION = "Which pattern fits best here?"
CHECK_BUTTON = "Check my answer"
PRACTICE_RIGHT = "Right: {answer}."
PRACTICE_WRONG = "The answer: {answer}. You chose: {chosen}."
PRACTICE_FINDING = "The finding that tells it apart: {finding}."
REVIEW_NEXT = {
    True: "Done: this one comes back on {when}.",
    False: "Done: that was its last review.",
}

# --- The teacher's screen, on the projector ---------------------------------------------------

PRESENT_TOGGLE = "Presentation mode"
PRESENT_HELP = "Large type for the projector; the disclaimer and physician prompt stay on screen."
ANSWERS_HEADING = "The room's answers"
CONFIDENCE_HEADING = "How sure the room is"
NO_ANSWERS = "No answers yet."
ANSWER_MARK = "the answer"
REVEAL_BUTTON = "Reveal the answer"
NEXT_BUTTON = "Next stage"
CLOSE_BUTTON = "Close the session"
STATUS = {
    "answering": "Answers are open for {stage}.",
    "revealed": "The answer to {stage} is shown; answers to it are closed.",
    "closed": "This session is closed.",
}
STAGE_ANSWER = "The answer at this stage (what the screener shows first): {answer}."
LAST_STAGE_ANSWER = "The case's answer: {answer}."
NO_PATTERN_ANSWER = "At this stage the screener shows no pattern yet: “No pattern yet” is right."
NAMED_IT = "{named} of {answered} named it."
MOST_MISSED = (
    "The finding the room most often missed: {finding} ({count} of {missed} who did not name it)."
)
TEACHER_KEY_HEADING = "Your teacher's key (keep it to yourself)"
TEACHER_KEY_HOW = (
    "Only this browser tab can move, reveal, close or export this class. If the tab is closed "
    "or the app restarts, take the class back on the Live class page with its code and this "
    "key:"
)
RESUME_HEADING = "Are you the teacher? Take back your class"
RESUME_CODE = "Your class's code"
RESUME_KEY = "Teacher's key"
RESUME_BUTTON = "Take back the class"
LEAVE_BUTTON = "Leave the teacher's view"

# --- For the educator, afterwards -------------------------------------------------------------

SUMMARY_HEADING = "Class summary: {case}"
SUMMARY_FOLD = "Class summary, CSV and PDF"
SUMMARY_NOTE = (
    "Counts only: no student is named, because none is known. A learner naming three patterns "
    "counts once for each. “Changed their mind”: of those who answered this stage and the one "
    "before, how many named different patterns."
)
SUMMARY_COLUMNS = (
    "Stage",
    "Answers",
    "Most named",
    "Named the stage's answer",
    *(CONFIDENCE[level] for level in Confidence),
    "Changed their mind",
    "Most missed finding",
)
FIRST_NAMED = "The room first named the case's answer ({answer}) at {stage}."
NEVER_NAMED = "The room's most named pattern was never the case's answer ({answer})."
CSV_BUTTON = "Download the summary (CSV)"
PDF_BUTTON = "Download the summary and the case's key (PDF)"
NONE_YET = "–"

# --- The command line -------------------------------------------------------------------------

PURGED = (
    "Deleted {sessions} and their {answers}, and {codes} with their {items}: everything whose "
    "{days} days had passed."
)
