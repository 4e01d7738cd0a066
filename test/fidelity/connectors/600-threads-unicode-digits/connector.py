# Meter readings gathered by a pool of worker threads, three regional feeds per script. Each feed writes its numbers
# in its script (Devanagari, Thai, fullwidth, Kawi, which Python 3.11 does not read as digits, and ASCII), and every
# thread upserts at once, so the first row holding a given digit can come from any of three threads.
# Python reads Devanagari digits as digits, so by_script_devanagari's "reading" is typed BIGINT from its text, and
# DuckDB's CAST of that text fails at the checkpoint: the sync fails there, under fivetran debug too.
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, Operations as op

SCRIPTS = {"devanagari": 0x0966, "thai": 0x0E50, "fullwidth": 0xFF10, "kawi": 0x11F50, "ascii": 0x30}
FEEDS = [(script, region) for script in SCRIPTS for region in ("north", "south", "east")]


def in_script(n, zero):
    return "".join(chr(zero + int(d)) for d in str(n))


def feed(script, region):
    zero = SCRIPTS[script]
    for i in range(40):
        value = in_script(i * 7 + 3, zero)
        # Every feed writes to one table, whose "reading" meets every script (Kawi makes it text).
        op.upsert("readings", {"script": script, "region": region, "seq": i, "reading": value})
        if script in ("devanagari", "kawi", "ascii"):
            op.upsert("by_script_" + script, {"region": region, "seq": i, "reading": value})
    return script + "/" + region


def update(configuration, state):
    with ThreadPoolExecutor(max_workers=len(FEEDS)) as pool:
        done = sorted(pool.map(lambda f: feed(*f), FEEDS))
    op.checkpoint({"feeds": done})


connector = Connector(update=update)
