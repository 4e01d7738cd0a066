# Files a shared folder delivers under Latin-1 names: Python lists such a name with a lone surrogate ("caf\udce9.csv"),
# and a connector prints and logs it while debugging. Whether that works depends on the error handler Python gives
# sys.stdout, which follows the machine's locale (surrogateescape under C, POSIX or C.UTF-8, strict under
# en_US.UTF-8): the connector records what happened instead of failing, so the case holds on any machine.
import os
import subprocess
import sys
import tempfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    folder = tempfile.mkdtemp()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.csv"), "wb") as f:
        f.write(b"id\n1\n")
    (name,) = os.listdir(folder)
    for how, show in (("print", print), ("log.info", log.info)):
        try:
            show("found " + name)
            outcome = "shown"
        except UnicodeEncodeError as e:
            outcome = "UnicodeEncodeError: %s" % e.reason
        op.upsert("listing", {"how": how, "outcome": outcome})
    child = subprocess.run([sys.executable, "-c", "import sys; print(sys.stdout.errors)"], capture_output=True, text=True)
    op.upsert("listing", {"how": "a child Python's stdout errors", "outcome": child.stdout.strip()})
    op.upsert("listing", {"how": "stdout errors", "outcome": sys.stdout.errors})
    op.checkpoint({"listed": 1})


connector = Connector(update=update)
