"""Errors raised by the voting rules, each naming where the bad input is."""


class BallotError(ValueError):
    """A ballot or an election setting is malformed; the message names which and why."""
