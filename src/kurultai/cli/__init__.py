"""The ``kurultai`` command line."""
