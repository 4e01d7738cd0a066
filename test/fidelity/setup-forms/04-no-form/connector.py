from fivetran_connector_sdk import Connector
connector = Connector(update=lambda configuration, state: None)
