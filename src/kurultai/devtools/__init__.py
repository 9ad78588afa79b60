"""Helpers for running Kurultai's own test suite; not used by the platform."""
