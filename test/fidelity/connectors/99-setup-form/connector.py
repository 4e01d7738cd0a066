# A connector with a setup form (SDK 3.0): the form and its tests do not change what `fivetran debug` does.
from fivetran_connector_sdk import Connector, ConfigurationForm, Logging as log, Operations as op, Test, form_field


def check_region(configuration):
    if configuration.get("region") not in ("eu", "us"):
        return Test.failure("region must be eu or us")
    return Test.success()


def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("api_key", "API key", form_field.TextField.password, required=True))
    form.add_field(form_field.DropdownField("region", "Region", fields=[
        form_field.DropdownFieldParam(value="eu", label="Europe"),
        form_field.DropdownFieldParam(value="us"),
    ]))
    form.add_field(form_field.ToggleField("full_sync", "Full sync", description="Sync everything again"))
    form.add_test(label="Region is supported", func=check_region)
    return form


def update(configuration, state):
    log.info("syncing region " + configuration["region"])
    result = check_region(configuration)
    op.upsert("settings", {"region": configuration["region"], "full_sync": configuration["full_sync"] == "true",
                           "check_passed": result.success is True})
    op.checkpoint({"synced": True})


connector = Connector(update=update, configuration_form=configuration_form)
