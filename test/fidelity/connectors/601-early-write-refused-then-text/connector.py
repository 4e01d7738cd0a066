# A sensor export from a field office in Nepal: the readings come as text in Devanagari digits, and the big
# counters as 20-digit text, until the feed switches to placeholders ("n/a") near the end of the page. One
# checkpoint at the end of 4,200 rows, so rows are written early before the placeholders arrive.
from fivetran_connector_sdk import Connector, Operations as op

DEVANAGARI_ZERO = 0x0966


def devanagari(n):
    return "".join(chr(DEVANAGARI_ZERO + int(d)) for d in str(n))


def update(configuration, state):
    for i in range(4200):
        late = i >= 4150
        op.upsert("readings", {
            "id": i,
            "reading": "n/a" if late else devanagari(i % 500),
            "counter": "n/a" if late else str(10 ** 19 + i * 7919),
            "site": "kathmandu-%d" % (i % 3),
        })
    op.checkpoint({"page": 1})


connector = Connector(update=update)
