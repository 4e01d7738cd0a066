from fivetran_connector_sdk import Connector, ConfigurationForm, form_field, Test
def first(configuration):
    return "ok"
def second(configuration):
    return Test.success()
def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("a", "A"))
    form.add_test(label="First", func=first).add_test(label="Second", func=second)
    return form
connector = Connector(update=lambda configuration, state: None, configuration_form=configuration_form)
