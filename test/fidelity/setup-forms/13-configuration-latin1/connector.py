from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field, Operations as op, Logging as log

def reachable(configuration):
    log.info("checking " + configuration["host"])
    return Test.success()

def key_ok(configuration):
    if configuration.get("api_key", "").startswith("k-"):
        return Test.success()
    return Test.failure("api_key must start with k-")

def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("host", "Host", required=True))
    form.add_field(form_field.TextField("api_key", "API key", form_field.TextField.password))
    form.add_test(label="Host is reachable", func=reachable)
    form.add_test(label="API key looks right", func=key_ok)
    return form

def update(configuration, state):
    op.upsert("t", {"id": 1})

connector = Connector(update=update, configuration_form=configuration_form)
