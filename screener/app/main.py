"""The app's entry script inside the installed package: `screener app` runs it."""

from screener.app.frame import run

run()
