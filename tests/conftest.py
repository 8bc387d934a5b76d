"""Test-wide setup: tests.* importable, and AppTest runs app.py the way the server does."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import apptesting  # noqa: E402  (needs the path above)

# Every AppTest in the suite, however it is built, sees an st.navigation app rather than a
# legacy pages/ app (see tests/apptesting.py); without this a test's result would depend on
# whether an earlier test had applied the patch.
apptesting.patch_pages_manager()
