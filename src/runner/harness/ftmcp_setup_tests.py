"""Runs the setup tests of a connector's configuration_form() for fivetran-connector-mcp: the local equivalent of
SDK 3.0.0's `fivetran configuration --test`, with its checks, order and messages.

Started by src/runner/setup-tests.ts as `python -u ftmcp_setup_tests.py` with:
  stdin   the job as one JSON line ({"project_dir", "configuration_b64"}: configuration.json's bytes, read by the
          runner through the connector folder's checks, or null when there is none; or "configuration_text", the
          configuration argument as JSON), then held open
  fd 3    the result channel: JSON lines {"t": "start"}, {"t": "form"}, {"t": "log"}, {"t": "test"},
          {"t": "error"}, then {"t": "end", "exit_code"}
  stdout, stderr  the connector's own output, read by Node as logs

Standard library only. Encrypted values (SDK 3.0's `fivetran configuration` encrypts password fields with a key
kept in the user's home folder) cannot be decrypted here; the run says so and stops.
"""
import base64
import json
import os
import sys

import ftmcp_run as run

ENCRYPTED_PREFIX = "fivetran_encrypted:"
FORM_MISSING = ("Your connector does not implement the configuration_form() method. Please implement it and re-run.\n"
                "For more information, see https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-setup-form")
TESTS_MISSING = "Your connector does not provide any configuration tests to run."
FORM_HINT = "Fix configuration_form(): every field needs its own name, and a dropdown distinct option values."


def field_data(field):
    kind = "toggle" if field.toggle else "dropdown" if field.dropdown_options is not None else \
        {0: "text", 1: "password", 2: "hidden"}.get(field.text_field, "text") if field.text_field is not None else "unknown"
    out = {"name": field.name, "label": field.label, "kind": kind, "required": bool(field.required)}
    if field.description is not None:
        out["description"] = field.description
    if field.dropdown_options is not None:
        out["options"] = [o.value for o in field.dropdown_options]
    return out


def validate_form(fields):
    """The SDK's checks of a form before its tests run."""
    seen = set()
    for field in fields:
        if field.name.strip() and field.name in seen:
            raise run.Failure("configuration", "configuration command failed error: Duplicate configuration field name '%s'." % field.name, hint=FORM_HINT)
        seen.add(field.name)
    for field in fields:
        if field.dropdown_options is not None:
            values = [o.value for o in field.dropdown_options]
            if not values:
                raise run.Failure("configuration", "configuration command failed error: Dropdown field '%s' must define at least one option." % field.name, hint=FORM_HINT)
            repeated = next((v for i, v in enumerate(values) if v in values[:i]), None)
            if repeated is not None:
                raise run.Failure("configuration", "configuration command failed error: Duplicate dropdown value '%s' in field '%s'." % (repeated, field.name), hint=FORM_HINT)


def read_configuration(text):
    if text is None:
        raise run.Failure("configuration", "No configuration.json found. Run 'fivetran configuration' first to generate one.",
                           hint="Create configuration.json in the connector folder with a value for each field of the form.")
    if not text.strip():
        raise run.Failure("configuration", "configuration command failed error: configuration.json is empty.")
    try:
        configuration = json.loads(text)
    except json.JSONDecodeError as e:
        raise run.Failure("configuration", "configuration command failed error: configuration.json is not valid JSON: %s: line %d, column %d."
                           % (e.msg, e.lineno, e.colno))
    if not isinstance(configuration, dict):
        raise run.Failure("configuration", "configuration.json must be a JSON object of key-value pairs.")
    return configuration


def configuration_text(job, project_dir):
    """configuration.json's text as `fivetran configuration --test` reads the file (UTF-8, strictly, with universal
    newlines: run.file_text), or the configuration argument's; None when there is neither."""
    if "configuration_b64" not in job:
        return job.get("configuration_text")
    if job["configuration_b64"] is None:
        return None
    try:
        return run.file_text(base64.b64decode(job["configuration_b64"]))
    except UnicodeDecodeError as e:
        raise run.Failure("configuration", "configuration command failed error: Cannot read configuration.json at %s: %s"
                          % (os.path.join(project_dir, "configuration.json"), e),
                          hint="configuration.json is not UTF-8 (saved as UTF-16 or Latin-1?): save it as UTF-8.")


def failure_of(name, exc):
    """The SDK's wrapping of an exception a handler raised: its message, then Python's traceback."""
    return "failed while executing test '%s' error: %s" % (name, exc)


def main():
    from fivetran_connector_sdk import _channel

    _channel.open_channel(3)
    run.hide_own_threads()
    job = run.take_job()
    run.stdio_errors_as_python_picks(job)

    project_dir = os.path.realpath(job["project_dir"])
    connector_file = os.path.join(project_dir, "connector.py")
    import fivetran_connector_sdk as sdk
    from fivetran_connector_sdk.test import TestResponse

    _channel.record({"t": "start", "sdk_version": sdk.__version__, "python": sys.version.split()[0]})
    os.chdir(project_dir)
    code = 0
    current = None
    try:
        connector = run.load_connector(project_dir, connector_file)
        if connector.configuration_form_method is None:
            raise run.Failure("no_form", FORM_MISSING)
        sdk.Logging.LOG_LEVEL = sdk.Logging.Level.INFO
        try:
            form = connector.configuration_form_method()
            tests = form._tests
        except Exception as e:
            raise run.Failure("connector_exception", "configuration command failed error: %s" % (e,), e)
        if not tests:
            raise run.Failure("no_tests", TESTS_MISSING)
        try:
            response = form.to_response()
        except Exception as e:
            raise run.Failure("connector_exception", "configuration command failed error: failed while executing configuration_form() error: %s" % (e,), e)
        _channel.record({"t": "form", "fields": [field_data(f) for f in response.fields],
                         "tests": [{"name": t.name, "label": t.label} for t in response.tests]})
        validate_form(response.fields)
        configuration = read_configuration(configuration_text(job, project_dir))
        passwords = [f.name for f in response.fields if f.text_field == 1]
        if any(isinstance(configuration.get(n), str) and configuration[n].startswith(ENCRYPTED_PREFIX) for n in passwords) or \
                any(isinstance(v, str) and v.startswith(ENCRYPTED_PREFIX) for v in configuration.values()):
            # Worded without the marker's own words: the runner masks any long part of a secret value it finds.
            raise run.Failure("configuration", "configuration.json holds values the SDK's configuration command sealed with its "
                               "key; only the real SDK's `configuration --test` can decrypt them",
                               hint="Run the real SDK's setup tests, or test with a configuration of plain values (the configuration argument).")
        if any(isinstance(configuration.get(n), str) and configuration[n].strip() for n in passwords):
            _channel.warning("Configuration contains plain-text password field values. "
                             "Re-run 'fivetran configuration' without --disable-encryption to encrypt them.")
        for test in response.tests:
            current = test.name
            test_fn = form._get_test_function_by_name(test.name)
            try:
                if test_fn is None:
                    raise RuntimeError("no test registered with name '%s'" % test.name)
                result = test_fn(dict(configuration))
            except Exception as e:
                raise run.Failure("connector_exception", "configuration command failed error: " + failure_of(test.name, e), e)
            if not isinstance(result, TestResponse):
                result = TestResponse(failure="test '%s' must return Test.success() or Test.failure(...), got %s"
                                      % (test.name, type(result).__name__))
            _channel.record({"t": "test", "name": test.name, "label": test.label,
                             "passed": result.failure is None, "failure": result.failure})
            if result.failure is not None:
                # The command fails and stops here; the test's record says why, so there is no error record.
                code = 1
                break
        current = None
    except BaseException as e:  # noqa: B902 - sys.exit() in a test and the like end the command with them
        where = "test '%s'" % current if current else "configuration_form()"
        f = e if isinstance(e, run.Failure) else run.stopped(e, where)
        code = f.exit_code
        record = {"t": "error", "kind": f.kind, "message": f.message}
        if f.hint:
            record["hint"] = f.hint
        record.update(run.describe(f.exc, connector_file, project_dir))
        _channel.record(record)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        _channel.record({"t": "end", "exit_code": code})
        _channel.drain()
    except Exception:
        pass
    run._hard_exit(0)


if __name__ == "__main__":
    main()
