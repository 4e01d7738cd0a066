# functools caches on helpers, and rows built from dataclasses (one with __slots__) with asdict(). The cached
# helper returns the same dict every time, which the connector mutates after upserting it; a dict reused as a
# row buffer is changed and upserted again; lru_cache statistics are stored too.
import dataclasses
import datetime
import functools

from fivetran_connector_sdk import Connector, Operations as op


@functools.cache
def region_of(country):
    return {"country": country, "region": "EU" if country in ("DE", "FR", "NL") else "OTHER", "hits": 0}


@functools.lru_cache(maxsize=2)
def exchange_rate(currency):
    return {"EUR": 1.0, "USD": 0.92, "GBP": 1.17, "JPY": 0.0062}[currency]


@dataclasses.dataclass(slots=True)
class Address:
    city: str
    zip: str


@dataclasses.dataclass
class Customer:
    id: int
    name: str
    country: str
    joined: datetime.date
    address: Address
    tags: list = dataclasses.field(default_factory=list)
    score: float = 0.0


def update(configuration, state):
    countries = ["DE", "US", "FR", "DE", "JP", "US", "NL", "DE"]
    for i, c in enumerate(countries):
        info = region_of(c)
        op.upsert("regions", info)
        info["hits"] += 1  # the cached dict changes after it was upserted
    for c in sorted(set(countries)):
        op.upsert("region_hits", region_of(c))
    buffer = {}
    for i in range(6):
        buffer["id"] = i % 3
        buffer["value"] = i
        if i == 4:
            buffer["extra"] = [i]
        op.upsert("buffer_rows", buffer)
        if i == 4:
            buffer["extra"].append(99)
    op.checkpoint({"phase": 1})
    for i, c in enumerate(countries):
        cust = Customer(i, f"name-{i}", c, datetime.date(2024, 1, 1 + i), Address(f"city{i}", f"{i:05d}"),
                        tags=[c, str(i)], score=i * 0.5)
        row = dataclasses.asdict(cust)
        row["rate"] = exchange_rate(["EUR", "USD", "GBP", "JPY"][i % 4])
        op.upsert("customers", row)
        cust.tags.append("late")
    info = exchange_rate.cache_info()
    op.upsert("cache_stats", {"name": "exchange_rate", "hits": info.hits, "misses": info.misses,
                              "currsize": info.currsize, "maxsize": info.maxsize})
    info = region_of.cache_info()
    op.upsert("cache_stats", {"name": "region_of", "hits": info.hits, "misses": info.misses,
                              "currsize": info.currsize, "maxsize": info.maxsize})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=lambda c: [
    {"table": "customers", "primary_key": ["id"], "columns": {"address": "JSON", "tags": "JSON"}},
    {"table": "regions", "primary_key": ["country"]},
    {"table": "buffer_rows", "primary_key": ["id"]},
])
