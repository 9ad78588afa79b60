"""The kurultai: sessions, motions, debate, roll-call votes and decisions."""
