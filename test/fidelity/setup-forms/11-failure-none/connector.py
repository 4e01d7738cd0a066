from fivetran_connector_sdk import Connector, ConfigurationForm, Logging as log, Test, form_field


def lenient(configuration):
    log.info("Test.failure(None) is neither a success nor a failure")
    return Test.failure(None)


def strict(configuration):
    return Test.failure("<strong>mode</strong> must be set")


def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.ToggleField("mode", "Mode", required=True))
    form.add_test(label="Lenient", func=lenient)
    form.add_test(label="Strict", func=strict)
    return form


def update(configuration, state):
    pass


connector = Connector(update=update, configuration_form=configuration_form)
