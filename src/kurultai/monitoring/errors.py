"""The one error the monitoring core raises for bad input, naming the field and what is wrong."""


class MonitoringInputError(ValueError):
    """A value given to the monitoring core is malformed; the message names which and why."""
