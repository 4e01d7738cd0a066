from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field

def boom(configuration):
    raise ConnectionError("cannot reach the host")

def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("host", "Host"))
    form.add_test(label="Boom", func=boom)
    return form

connector = Connector(update=lambda configuration, state: None, configuration_form=configuration_form)
