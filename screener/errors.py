"""The screener's one error tree.

Every error the screener raises on purpose is a `ScreenerError` whose message is already in
words a user can read, so a caller (the app's guard, the command line, a script using the
package) can tell a refusal from a bug with one `except`:

    ScreenerError
    ├── RuleBookError       the rule book or a case pack cannot be loaded; `problems` locates each
    │                       (screener.rulebook)
    ├── YamlProblem         one YAML file cannot be read safely, with its line (screener.rulebook)
    ├── UcumError           a unit is not UCUM (screener.rulebook; also a ValueError)
    ├── ProfileError        a profile cannot be screened; `problems` says why (screener.models;
    │   │                   also a ValueError)
    │   └── PhenopacketError  a Phenopacket cannot be read at all (screener.inputs)
    ├── NotANumber          a typed value is not one number, or could be two (screener.inputs;
    │                       also a ValueError)
    ├── SettingsError       a PNS_… environment setting cannot be used (screener.settings; also a
    │                       ValueError)
    ├── StoreUnavailable    the class database is busy or down; nothing was written (screener.store)
    ├── ClassRefused        the store refused a class action: an unknown, closed or moved-on
    │                       class (screener.store)
    ├── ClassProblem        a class action failed, in words for the user (screener.classroom)
    ├── OptionError         a command-line option cannot be used (screener.cli)
    └── OutputError         a report could not be written; `code` is the exit status (screener.cli)

Each is raised and caught at the layer that names it; this module only roots them, so it sits
below every layer and imports nothing.
"""


class ScreenerError(Exception):
    """An error the screener raises on purpose, its message in plain words."""
