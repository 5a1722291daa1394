"""Names vulture cannot see used: pydantic fields, validators and enum members read by the
library, cache keys, and two result helpers kept for the readers of a result (`lab_findings`,
`from_main_unit`). `.ci/run` (pre-commit) runs vulture with this file; a name here that is
really unused should be deleted from the code, not added here."""

# ruff: noqa

book_hash  # unused variable (screener/app/packs.py:21)
case_json  # unused variable (screener/app/teaching/common.py:53): a cache key
model_config  # unused variable (screener/models/base.py:16)
ENDOCRINE  # unused variable (screener/models/base.py:84)
HEMATOLOGIC  # unused variable (screener/models/base.py:85)
DERMATOLOGIC  # unused variable (screener/models/base.py:86)
RHEUMATOLOGIC  # unused variable (screener/models/base.py:87)
RENAL  # unused variable (screener/models/base.py:88)
OTHER  # unused variable (screener/models/base.py:145)
_._satisfiable  # unused method (screener/models/criteria.py:88)
_._satisfiable  # unused method (screener/models/criteria.py:138)
_._a_number_unless_not_detected  # unused method (screener/models/profile.py:47)
_._sorted_unique  # unused method (screener/models/profile.py:85)
_._one_value_per_analyte  # unused method (screener/models/profile.py:90)
red_flag  # unused variable (screener/models/result.py:179)
_._says_something  # unused method (screener/models/rules.py:64)
_._exactly_one  # unused method (screener/models/rules.py:81)
_._narrower_than_a_term  # unused method (screener/models/rules.py:155)
_._set_findings_are_context  # unused method (screener/models/rules.py:183)
_._one_basis  # unused method (screener/models/rules.py:256)
below  # unused variable (screener/models/rules.py:281)
at_or_below  # unused variable (screener/models/rules.py:283)
at_or_above  # unused variable (screener/models/rules.py:284)
_._one_bound  # unused method (screener/models/rules.py:289)
_._block_in_order  # unused method (screener/models/rules.py:399)
_._findable  # unused method (screener/models/rules.py:445)
_._review_needs_both  # unused method (screener/models/rules.py:513)
_._examples_both_ways  # unused method (screener/models/rules.py:567)
_._review_needs_both  # unused method (screener/models/rules.py:600)
today  # unused variable (screener/models/rules.py:614)
this_week  # unused variable (screener/models/rules.py:615)
_._adds_to_the_case  # unused method (screener/models/rules.py:702)
_._ends_on_its_answer  # unused method (screener/models/rules.py:738)
hpoa_id  # unused variable (screener/models/rules.py:841)
_._syndrome_or_look_alike  # unused method (screener/models/rules.py:874)
hpoa_source  # unused variable (screener/models/rules.py:885)
_._one_entry_per_disease  # unused method (screener/models/rules.py:899)
requires  # unused variable (screener/rulebook/checks.py:23)
_.lab_findings  # ScreeningResult: the findings the labs set, for a reader of a result
_.from_main_unit  # LabAnalyte: the inverse of in_main_unit

# A live class (issue 26): what pydantic, SQLAlchemy, Alembic and protobuf call or read.
_._empty_is_unset  # Settings: a pydantic validator
_._connect  # screener/store/database.py: SQLAlchemy's "connect" event listener
_._begin  # screener/store/database.py: SQLAlchemy's "begin" event listener
_.isolation_level  # pysqlite's connection attribute, set so the "begin" listener begins
impl  # UtcDateTime: the type SQLAlchemy's TypeDecorator stores as
cache_ok  # UtcDateTime: SQLAlchemy may cache statements that use it
_.process_bind_param  # UtcDateTime: called by SQLAlchemy on the way in
_.process_result_value  # UtcDateTime: called by SQLAlchemy on the way out
down_revision  # screener/store/migrations/versions: Alembic reads a revision's module
branch_labels  # (the same)
depends_on  # (the same)
downgrade  # (the same: `alembic downgrade` runs it)
_.is_auto_rerun  # bench/streamlit_client.py: a field of Streamlit's ClientState message
_.trigger_value  # bench/streamlit_client.py: a field of Streamlit's WidgetState message

# Commit, then reveal (issue 25): pydantic validators of a learner's stage answer.
_._one_side_each  # Hypothesis: a finding speaks for a pattern or against it, not both
_._each_pattern_once  # StageAnswer: each pattern named once
_._qualifiers_in_sentence  # SummaryStatement: each qualifier is written in the sentence
_._one_source  # unused method (screener/models/script.py:56)
figure  # unused variable (screener/models/rules.py:961): a series' own words, read by reviewers
