from fivetran_connector_sdk import Connector, ConfigurationForm, form_field
def configuration_form():
    return ConfigurationForm().add_field(form_field.ToggleField("x", "X"))
connector = Connector(update=lambda configuration, state: None, configuration_form=configuration_form)
