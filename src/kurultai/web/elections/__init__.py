"""Elections and questions with secret, verifiable ballots; mandates and recall."""
