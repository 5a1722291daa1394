"""Words: every sentence a user reads about a screening or a rule, built once from the
results and the rule book (`ScreeningView`, `RuleView`), and the one wording table."""
