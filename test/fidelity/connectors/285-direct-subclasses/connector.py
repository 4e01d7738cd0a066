# Subclasses of str/int/float/dict/list as values after plain rows of the same shape (the direct path's last
# function is tried first on them), keyed and key-less. (An int subclass with its own __str__ or __repr__: see 284.)
import collections
import enum
from fivetran_connector_sdk import Connector, Operations as op


class Color(enum.IntEnum):
    RED = 1
    BIG = 2**60


class Kind(str, enum.Enum):
    A = "alpha"
    B = "beta"


class F(float):
    def __repr__(self):
        return "F!"

    def __str__(self):
        return "F?"


class S(str):
    def __str__(self):
        return "S?"


class L(list):
    pass


class DD(dict):
    def items(self):
        return [("z", 1)]


ODD = [Color.RED, Color.BIG, Kind.A, Kind.B, F(1.5), F(2.0), S("plain"), collections.OrderedDict(b=1, a=2),
       collections.defaultdict(int, {"x": 1}), L([1, 2]), DD(q=1), True]


def update(configuration, state):
    i = 0
    for v in ODD * 3:
        for plain in ("text", 1, 2.5):
            op.upsert("k", {"id": i, "v": plain})
            op.upsert("n", {"v": plain, "i": i % 3})
            i += 1
        op.upsert("k", {"id": i, "v": v})
        op.upsert("n", {"v": v, "i": i % 3})
        i += 1
    op.checkpoint({})


connector = Connector(update=update)
