"""Accounts: users, roles, and the organisations they belong to (主管部门, 实施单位)."""
