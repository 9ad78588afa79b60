"""Committees (workplace, neighbourhood, district, protection, the kurultai), memberships, enterprises."""
