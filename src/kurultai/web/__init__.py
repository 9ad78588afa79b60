"""The Django platform: members, committees, elections, the kurultai, the audit log."""
