"""Checks: one module per code family (structure JX1xx, funds JX2xx, values JX3xx, scores
JX4xx, plausibility JX5xx, batch JX6xx); ``codes`` is the single code table and ``runner``
runs them. (This package file stays empty so that ``codes`` imports without the checks.)"""
