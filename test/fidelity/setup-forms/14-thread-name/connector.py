import threading
from fivetran_connector_sdk import Connector, ConfigurationForm, Test, form_field, Operations as op

# A setup test that checks a host from a worker thread and reports the thread's name: Python numbers unnamed threads
# after those the process started before, so the name shows whether the engine started one of its own.
def checked_in_thread(configuration):
    seen = []
    worker = threading.Thread(target=lambda: seen.append(configuration["host"]))
    worker.start()
    worker.join()
    return Test.failure("checked %d host in %s" % (len(seen), worker.name))

def configuration_form():
    form = ConfigurationForm()
    form.add_field(form_field.TextField("host", "Host", required=True))
    form.add_test(label="Host checked in a thread", func=checked_in_thread)
    return form

def update(configuration, state):
    op.upsert("t", {"id": 1})

connector = Connector(update=update, configuration_form=configuration_form)
