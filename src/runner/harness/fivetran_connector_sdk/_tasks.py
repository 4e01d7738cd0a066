"""How the SDK shows the message of `op.error()` in a terminal: the message may carry the little HTML the Fivetran
dashboard understands. Each top-level `<p>` is a line of its own, `<strong>` is plain text (no terminal here, so
no bold), `<code>` goes in backticks, `<a href>` becomes `text: url`; other tags are kept (without attributes),
and entities are decoded. Standard library only.
"""
from html.parser import HTMLParser

# Tags that never have content, so a start tag does not open one.
_EMPTY = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))


class _Element:
    __slots__ = ("tag", "href", "children")

    def __init__(self, tag, attrs):
        self.tag = tag
        self.href = dict(attrs).get("href") or ""
        self.children = []


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.top = _Element("", ())
        self.stack = [self.top]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in _EMPTY:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        # An end tag closes the innermost open element of its name and everything inside it; a stray one is ignored.
        if any(e.tag == tag for e in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _text(nodes):
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        elif node.tag in _EMPTY:
            parts.append("<%s>" % node.tag)
        else:
            inner = _text(node.children)
            if node.tag == "strong":
                parts.append(inner)
            elif node.tag == "code":
                parts.append("`%s`" % inner)
            elif node.tag == "a":
                parts.append("%s: %s" % (inner, node.href) if node.href else inner)
            else:
                parts.append("<%s>%s</%s>" % (node.tag, inner, node.tag))
    return "".join(parts)


def render(message):
    """The message as the SDK prints it after `Connector Sdk Task. Message: `."""
    reader = _Reader()
    reader.feed(message)
    reader.close()
    paragraphs, run = [], []
    for node in reader.top.children:
        if not isinstance(node, str) and node.tag == "p":
            if run:
                paragraphs.append(run)
                run = []
            paragraphs.append(node.children)
        else:
            run.append(node)
    if run:
        paragraphs.append(run)
    lines = (_text(p).strip() for p in paragraphs)
    return "\n".join(line for line in lines if line)
