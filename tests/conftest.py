"""Test-suite settings shared by every test module.

Hypothesis: in CI (``CI`` set) the property tests are derandomized, so a red
run is reproducible from the same commit and a green run cannot turn red by
luck; on a developer's machine they explore new examples on every run (and
keep failures in ``.hypothesis/``), which is where new bugs are found.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
