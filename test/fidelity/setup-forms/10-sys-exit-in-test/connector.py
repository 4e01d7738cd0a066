import sys
from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field


def quits(configuration):
    sys.exit(3)


def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("token", "Token", form_field.TextField.password))
    form.add_test(label="Quits", func=quits)
    return form


def update(configuration, state):
    pass


connector = Connector(update=update, configuration_form=configuration_form)
