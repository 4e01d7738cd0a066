# int and float subclasses with their own __str__ or __repr__, each the only value of its column (the general path;
# no row of the shape came before).
from fivetran_connector_sdk import Connector, Operations as op


class I(int):
    def __str__(self):
        return "I?"


class J(int):
    pass


class K(int):
    def __repr__(self):
        return "K!"


class G(float):
    def __str__(self):
        return "G?"


class R(float):
    def __repr__(self):
        return "R!"


def update(configuration, state):
    row = {"id": 1, "i": I(3), "j": J(4), "k": K(5), "g": G(2.5), "g1": G(2.0), "r": R(1.5), "r1": R(1.0)}
    op.upsert("k", row)
    op.upsert("n", {k: v for k, v in row.items() if k != "id"})
    op.checkpoint({})


connector = Connector(update=update)
