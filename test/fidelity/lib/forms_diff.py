"""Calls the setup-form API (form_field, ConfigurationForm, Test) of the harness's shim and of the real SDK 3.0.0
with the same arguments, valid and not, and prints every call whose result or exception differs. Run by
test/fidelity/forms.test.ts with the venv's Python: argv[1] is the shim's package folder."""
import importlib.util
import sys

d = sys.argv[1]
spec = importlib.util.spec_from_file_location("shim", d + "/__init__.py", submodule_search_locations=[d])
shim = importlib.util.module_from_spec(spec); sys.modules["shim"] = shim; spec.loader.exec_module(shim)
import fivetran_connector_sdk as real


def outcome(fn):
    try:
        v = fn()
        return "ok " + (repr(v).replace("shim.", "").replace("fivetran_connector_sdk_cli.", "").replace("form_field.", "").replace("test.", "").replace("configuration_form.", ""))
    except BaseException as e:
        return "raise %s: %s" % (type(e).__name__, e)



def cases(m):
    ff = m.form_field
    def named(x): return x
    def t1(c): return None
    def t2(c): return None
    yield lambda: ff.TextField("host", "Host")
    yield lambda: ff.TextField("pw", "PW", ff.TextField.password, required=True, placeholder="p", description="d")
    yield lambda: ff.TextField("h", "H", "Hidden")
    yield lambda: ff.TextField("h", "H", "Nope\x00x")
    yield lambda: ff.TextField("h", "H", 2**40)
    yield lambda: ff.TextField("h", "H", None)
    yield lambda: ff.TextField(1, "H")
    yield lambda: ff.TextField(b"bytes", b"lab")
    yield lambda: ff.TextField("\ud800", "H")
    yield lambda: ff.TextField("h", "H", required="yes")
    yield lambda: ff.TextField("h", "H", required=2**70)
    yield lambda: ff.TextField("h", "H", required=None)
    yield lambda: ff.TextField("h", None)
    yield lambda: ff.TextField("h", "H", description=None, placeholder=5)
    yield lambda: ff.DropdownField("d", "D", fields=[])
    yield lambda: ff.DropdownField("d", "D", fields=[ff.DropdownFieldParam(value=1), ff.DropdownFieldParam(value="b", label="B", description=3)])
    yield lambda: ff.DropdownField("d", "D", fields=[ff.DropdownFieldParam(value=None)])
    yield lambda: ff.DropdownField("d", "D", fields=None)
    yield lambda: ff.ToggleField("t", "T", description="x", required=1)
    yield lambda: ff.ToggleField("t", "T", required=-1)
    yield lambda: m.ConfigurationForm().add_field("x")
    yield lambda: m.ConfigurationForm().add_field(ff.ToggleField("t", "T")).to_response()
    yield lambda: m.ConfigurationForm().add_test(label="", func=t1)
    yield lambda: m.ConfigurationForm().add_test(label="", func=5)
    yield lambda: m.ConfigurationForm().add_test(label="L", func=5)
    yield lambda: m.ConfigurationForm().add_test(label="L", func=lambda c: 1)
    yield lambda: m.ConfigurationForm().add_test(label="L", func=t1).add_test(label="M", func=t1)
    yield lambda: m.ConfigurationForm().add_test(label="L", func=t1).add_test(label="M", func=t2).to_response()
    yield lambda: m.ConfigurationForm().add_test(label=b"L", func=t1).to_response()
    yield lambda: m.ConfigurationForm().add_test(label=3, func=t1).to_response()
    yield lambda: m.ConfigurationForm().add_test(func=t1)
    yield lambda: m.Test.success()
    yield lambda: m.Test.failure("no")
    yield lambda: m.Test.failure(None)
    yield lambda: m.Test.failure(3)
    yield lambda: m.Test().failure(b"x")
    yield lambda: ff.PLAIN_TEXT
    yield lambda: (ff.PASSWORD, ff.HIDDEN)
    yield lambda: sorted(n for n in m.__all__)
bad = 0; n = 0
for a, b in zip(cases(shim), cases(real)):
    n += 1
    oa, ob = outcome(a), outcome(b)
    if oa != ob: bad += 1; print("DIFF\n  ours:", oa, "\n  sdk: ", ob)
print(n, "cases,", bad, "differences")
