# Undeclared columns of text the core reads as booleans, integers, doubles, dates and timestamps (each column stays in
# one family, so it never widens to text): the words in any case, signs, leading zeros, 18 and 19 digits, exponents,
# subnormal and huge decimals, years 1000 and before, a lower-case 't', fractions, offsets. Booleans and integers mix.
from fivetran_connector_sdk import Connector, Operations as op

COLUMNS = {
    "b": ["t", "F", "TRUE", "faLse", "true", "f"],
    "bi": ["1", "t", "-0", "F", "123456789012345678", "-9223372036854775808", "9223372036854775807", "True"],
    "d": ["1.5", "-0.0", "5.", ".5", "+1.5", "1.0e5", "1.5E-3", "NaN", "Infinity", "0." + "0" * 330 + "49",
          "1" * 300 + ".5", "0.1000000000000000055511151231257827", "7", "true", "T"],
    "day": ["2024-02-29", "1000-01-01", "0999-12-31", "0001-01-01", "9999-12-31"],
    "ts": ["2024-01-01 10:00:00", "2024-01-01t10:00:00", "2024-01-01T10:00:00.5", "2024-01-01T10:00", "2024-01-01",
           "0999-01-01 00:00:00", "2024-01-01T10:00:00.123456789", "1000-01-01T00:00:00"],
    "tz": ["2024-01-01T10:00:00Z", "2024-01-01T10:00:00+05:30", "2024-01-01t10:00:00Z",
           "0999-01-01T00:00:00Z", "2024-01-01T10:00:00.25Z", "2024-01-01T10:00:00-00:00"],
}


def update(configuration, state):
    for name, texts in COLUMNS.items():
        for i, text in enumerate(texts):
            op.upsert("texts_" + name, {"id": i, "v": text})
            op.upsert("keyless_" + name, {"v": text})
    op.checkpoint({})


connector = Connector(update=update)
