# update() fails with the body of an API error page: a job summary laid out as a table (`Upserts    | 0`), then
# 30,000 characters of mixed scripts, emoji, combining
# marks, right-to-left text, tabs, carriage returns, form feeds, terminal colour codes, lines ending in spaces and
# blank lines, after two checkpoints.
from fivetran_connector_sdk import Connector, Operations as op


class ApiError(Exception):
    pass


def body():
    # The API's own job summary comes first, laid out as a table.
    summary = "bulk export job 7781 failed\nJob        | 7781\nUpserts    | 0\nDeletes    | 7\nCheckpoints | 12\n"
    parts = [
        "Fehler: Ungültige Anfrage — ",
        "错误：请求无效。",
        "エラー：無効な要求です。",
        "خطأ: طلب غير صالح ",
        "שגיאה\u200f: ",
        "e\u0301\u0301 ",
        "👩‍💻🇩🇪 ",
        "\t|tab|\r\n",
        "\r",
        "\f\v",
        "\n\n",
        "\u2028line-sep\u2029para-sep ",
        "\x1b[31mred\x1b[0m ",
        "\u00a0nbsp\u3000ideographic ",
        "trailing spaces   \t\n",
        "\x1b[1;4mbold\x1b[m\x1b[2K ",
    ]
    text = summary
    i = 0
    while len(text) < 30000:
        text += parts[i % len(parts)] + str(i)
        i += 1
    return text


def update(configuration, state):
    for i in range(10):
        op.upsert("pages", {"id": i, "title": f"Seite {i} – ✓"})
        if i % 4 == 3:
            op.checkpoint({"page": i})
    op.upsert("pages", {"id": 10})
    raise ApiError(body())


connector = Connector(update=update)
