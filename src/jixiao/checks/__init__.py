"""Checks: one module per code family; ``codes`` is the single code table."""
