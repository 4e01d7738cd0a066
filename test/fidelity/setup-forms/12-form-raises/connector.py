from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field


def check(configuration):
    return Test.success()


def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("host", "Host", required="yes"))
    form.add_test(label="Check", func=check)
    return form


def update(configuration, state):
    pass


connector = Connector(update=update, configuration_form=configuration_form)
