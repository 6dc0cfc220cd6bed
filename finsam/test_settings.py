"""Settings for the test suite: the normal settings with FINSAM_TESTING=1."""

import os

os.environ["FINSAM_TESTING"] = "1"

from finsam.settings import *  # noqa: F403  test settings extend the settings
